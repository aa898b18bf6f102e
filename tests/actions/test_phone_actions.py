"""The actions on the phone line: the estimate said for the ear, and a person
asked for while the Linha Segurança Social is open (transfer) or closed."""

from __future__ import annotations

import asyncio
from datetime import datetime

from freezegun import freeze_time
from journey_helpers import DOMAIN, make_tracker, run_action
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import ActionComputeEligibility
from actions.human import ActionTalkToHuman
from bot.calendar import LISBON
from bot.helpline import phone_human_message, phone_line_status
from bot.speech import STEPS_KEY, TRANSFER_KEY
from bot.spoken_result import STEPS_REQUEST

ANSWERED = {
    "adults": 2, "minors": 1, "employment_income": "0.00", "other_income": "0.00",
    "assets": "0.00", "nationality": "pt", "is_adult": True, "employment_centre_registered": True,
}


def messages(action, tracker) -> list[dict]:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages


def lisbon(*args: int) -> datetime:
    return datetime(*args, tzinfo=LISBON)


# -- the estimate -------------------------------------------------------------------


@freeze_time("2026-03-02 10:00:00")
def test_the_estimate_on_the_phone_is_the_amount_and_why():
    sent = messages(ActionComputeEligibility(), make_tracker(ANSWERED, channel="phone"))
    text = " ".join(m.get("text") or "" for m in sent)
    # 2026: 247,56 + 173,29 + 123,78 = 544,63 with no income
    assert "cerca de 544 euros e 63 cêntimos por mês" in text
    for written in ("€", "•", "Lei", "artigo", "Como fiz as contas", "base legal"):
        assert written not in text
    steps = next(m["custom"][STEPS_KEY] for m in sent if m.get("custom"))
    assert any("50 por cento de 247 euros e 56 cêntimos" in step for step in steps)
    follow_up = sent[-1]
    assert follow_up["buttons"][0]["payload"] == STEPS_REQUEST
    assert [b["payload"] for b in follow_up["buttons"][1:]][0] == "/ask_documents"


@freeze_time("2026-03-02 10:00:00")
def test_the_estimate_elsewhere_is_unchanged():
    sent = messages(ActionComputeEligibility(), make_tracker(ANSWERED, channel="rest"))
    text = " ".join(m.get("text") or "" for m in sent).replace("\xa0", " ")
    assert "544,63 €" in text and "Como fiz as contas" in text
    assert not any(m.get("custom") for m in sent)
    assert STEPS_REQUEST not in [b["payload"] for b in sent[-1]["buttons"]]


@freeze_time("2026-03-02 10:00:00")
def test_no_steps_offered_when_they_explain_nothing():
    sent = messages(ActionComputeEligibility(), make_tracker({**ANSWERED, "assets": "50000.00"}, channel="phone"))
    assert next(m["custom"][STEPS_KEY] for m in sent if m.get("custom")) == []
    assert STEPS_REQUEST not in [b["payload"] for b in sent[-1]["buttons"]]


# -- a person ---------------------------------------------------------------------


def test_open_line_transfers_the_call():
    # Wednesday 4 March 2026, 10:30 in Lisbon
    reply = phone_human_message(lisbon(2026, 3, 4, 10, 30))
    assert "Linha Segurança Social" in reply["json_message"][TRANSFER_KEY]["say"]
    assert "text" not in reply


def test_closed_line_says_when_it_opens():
    reply = phone_human_message(lisbon(2026, 3, 4, 18, 0))
    assert "json_message" not in reply
    assert "abre amanhã às 9 horas" in reply["text"]
    assert "300 502 502" in reply["text"]
    assert "posso continuar a ajudar" in reply["text"]


def test_opening_times_for_the_ear():
    assert phone_line_status(lisbon(2026, 3, 4, 8, 0)) == "Neste momento a linha está fechada: abre hoje às 9 horas."
    assert phone_line_status(lisbon(2026, 3, 7, 11, 0)) == (
        "Neste momento a linha está fechada: abre na segunda-feira, 9 de março de 2026, às 9 horas."
    )
    # 8 December is a national holiday
    assert "abre amanhã" in phone_line_status(lisbon(2026, 12, 8, 11, 0))


@freeze_time("2026-03-04 10:30:00")  # a Wednesday, 10:30 in Lisbon
def test_the_action_on_the_phone_transfers_while_open():
    sent = messages(ActionTalkToHuman(), make_tracker({}, "quero falar com alguém", "talk_to_human", channel="phone"))
    assert len(sent) == 1 and TRANSFER_KEY in sent[0]["custom"]


@freeze_time("2026-07-01 17:30:00")  # 18:30 in Lisbon
def test_the_action_on_the_phone_when_closed():
    sent = messages(ActionTalkToHuman(), make_tracker({}, "quero falar com alguém", "talk_to_human", channel="phone"))
    assert len(sent) == 1 and "abre amanhã às 9 horas" in sent[0]["text"]


@freeze_time("2026-03-04 10:30:00")
def test_other_channels_still_get_the_line_and_its_hours():
    _, texts = run_action(ActionTalkToHuman(), make_tracker({}, "quero falar com alguém", "talk_to_human"))
    assert "300 502 502" in texts[0] and "está aberta" in texts[0]
