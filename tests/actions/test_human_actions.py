"""Talking to a person: helpline hours in Lisbon time and the facts already given."""

from __future__ import annotations

from freezegun import freeze_time
from journey_helpers import make_tracker, run_action

from actions.human import ActionTalkToHuman


def reply(**slots) -> str:
    return "\n".join(run_action(ActionTalkToHuman(), make_tracker(slots, "quero falar com alguém",
                                                                 "talk_to_human"))[1])


@freeze_time("2026-03-04 10:30:00")  # a Wednesday, 10:30 in Lisbon (UTC+0 in winter)
def test_open_on_a_working_day_morning():
    text = reply()
    assert "300 502 502" in text
    assert "está aberta" in text
    assert "NISS" in text and "Segurança Social Direta" in text


@freeze_time("2026-07-01 17:30:00")  # 18:30 in Lisbon (summer time, UTC+1)
def test_closed_after_hours_in_summer_time():
    assert "fechada; abre amanhã às 9h" in reply()


@freeze_time("2026-03-07 11:00:00")  # Saturday
def test_closed_on_a_weekend_opens_on_monday():
    assert "abre na segunda-feira, 9 de março de 2026, às 9h" in reply()


@freeze_time("2026-12-08 11:00:00")  # Tuesday, Imaculada Conceição (national holiday)
def test_closed_on_a_holiday():
    assert "fechada; abre amanhã às 9h" in reply()


@freeze_time("2026-03-04 10:30:00")
def test_summary_of_what_was_already_said():
    text = reply(adults=2, minors=1, employment_income="600.00", nationality="other",
                 refugee=False, legal_residence_years="3", deadline_kind="missing_documents",
                 deadline_start="2026-02-20").replace("\xa0", " ")
    assert "2 adultos (contando consigo) e 1 menor" in text
    assert "600,00 € por mês" in text
    assert "residência legal há 3 anos" in text
    assert "20 de fevereiro de 2026" in text


@freeze_time("2026-03-04 10:30:00")
def test_no_summary_when_nothing_was_said():
    assert "o que já me disse" not in reply()


def test_a_person_asked_for_in_the_middle_of_the_questions_pauses_them():
    # "isto é muito complicado, quero falar com uma pessoa": the contacts, the answers kept,
    # and the questions wait instead of being asked again at once.
    tracker = make_tracker({"adults": 1, "minors": 1, "requested_slot": "employment_income"},
                           "isto é muito complicado, quero falar com uma pessoa", "talk_to_human",
                           form="eligibility_form")
    events, texts = run_action(ActionTalkToHuman(), tracker)
    text = "\n".join(texts)
    assert "300 502 502" in text and "em pausa" in text and "«quero simular o RSI»" in text
    # The rules deactivate the form next (action_deactivate_loop); no answer is dropped.
    assert not any(e.get("event") == "slot" and e.get("name") in ("adults", "minors") for e in events)


def test_outside_the_questions_nothing_is_paused():
    events, texts = run_action(ActionTalkToHuman(), make_tracker({}, "quero falar com alguém", "talk_to_human"))
    assert events == [] and not any("pausa" in t for t in texts)
