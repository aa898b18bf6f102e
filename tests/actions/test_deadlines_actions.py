"""The deadlines journey: reading the facts and the answer with the end date."""

from __future__ import annotations

from freezegun import freeze_time
from journey_helpers import Conversation, make_tracker, run_action

from actions.deadlines import ActionComputeDeadline, ValidateDeadlineForm, parse_deadline_kind

FORM = "deadline_form"


def conversation(**slots) -> Conversation:
    return Conversation(ValidateDeadlineForm(), FORM, **slots)


@freeze_time("2027-01-05 10:00:00")
def test_first_message_gives_kind_and_date_then_region_is_asked():
    c = conversation().start("recebi uma carta a 22 de dezembro a pedir documentos", "ask_deadline")
    assert c.slots["deadline_kind"] == "missing_documents"
    assert c.slots["deadline_start"] == "2026-12-22"
    assert c.asked == "region"


def test_known_region_is_not_asked_again():
    c = conversation(region="madeira").start("faltei à entrevista ontem", "ask_deadline")
    assert c.slots["deadline_kind"] == "interview_justification"
    assert c.asked is None


def test_unreadable_date_is_reprompted_and_side_questions_reject():
    c = conversation(deadline_kind="missing_documents", requested_slot="deadline_start")
    c.say("não me lembro bem")
    assert c.asked == "deadline_start" and "Não percebi a data" in c.text()
    c.say("o que é o rsi?", "faq")
    assert c.rejected


def test_answer_can_carry_two_facts():
    c = conversation(deadline_kind="missing_documents", requested_slot="deadline_start")
    c.say("foi a 3 de março de 2026, moro nos Açores")
    assert c.slots["deadline_start"] == "2026-03-03" and c.slots["region"] == "acores"
    assert c.asked is None


def test_kinds_from_words():
    assert parse_deadline_kind("quanto tempo demora a certidão por email?") == "certificate_electronic"
    assert parse_deadline_kind("pediram-me os recibos") == "missing_documents"
    assert parse_deadline_kind("quando começa a renovação") == "renewal_start"
    assert parse_deadline_kind("olá") is None


@freeze_time("2027-01-05 10:00:00")
def test_missing_documents_over_christmas_with_psu_notice():
    slots = {"deadline_kind": "missing_documents", "deadline_start": "2026-12-22", "region": "continente"}
    events, texts = run_action(ActionComputeDeadline(), make_tracker(slots))
    text = "\n".join(texts)
    # 23, 24, 28, 29, 30, 31 Dec, 4, 5, 6, 7 Jan: 25 Dec, 1 Jan and weekends skipped.
    assert "quinta-feira, 7 de janeiro de 2027" in text
    assert "10 dias úteis" in text
    assert "Portaria n.º 257/2012" in text
    assert "Prestação Social Única" in text
    assert {"event": "slot", "timestamp": None, "name": "deadline_kind", "value": None} in events


@freeze_time("2026-03-20 10:00:00")
def test_azores_interview_justification_uses_the_regional_amount():
    slots = {"deadline_kind": "interview_justification", "deadline_start": "2026-03-02", "region": "acores"}
    text = "\n".join(run_action(ActionComputeDeadline(), make_tracker(slots))[1])
    assert "10 dias úteis" in text  # 5 on the mainland, 10 in the Azores
    assert "Açores" in text


@freeze_time("2026-06-01 10:00:00")
def test_a_deadline_in_the_past_is_flagged():
    slots = {"deadline_kind": "missing_documents", "deadline_start": "2026-03-02", "region": "continente"}
    text = "\n".join(run_action(ActionComputeDeadline(), make_tracker(slots))[1])
    assert "já passou" in text


def test_deadline_reprompts_stay_short_and_keep_no_retry_count():
    c = conversation(deadline_kind="missing_documents", requested_slot="deadline_start")
    c.say("não sei")
    first = c.text()
    c.say("também não sei")
    assert c.text() == first and "Não percebi a data" in first
    assert "retry_count" not in c.slots and "retry_slot" not in c.slots
