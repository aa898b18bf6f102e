"""Form questions that quote legal figures (actions/questions.py): Rasa asks them
through action_ask_<slot>, which utters the domain response with the figures of
the day; the text that reaches the person is made here as Rasa's NLG makes it.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import pytest
from journey_helpers import DOMAIN, make_tracker
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa_sdk.executor import CollectingDispatcher

from actions import questions
from bot.figures import figures

ON = date(2026, 6, 1)
ACTIONS = [questions.ActionAskAdults, questions.ActionAskMinors, questions.ActionAskIsAdult,
           questions.ActionAskAgeException, questions.ActionAskCertDelivery]
# Keys of a bot message: a figure with one of these names would overwrite it.
MESSAGE_KEYS = {"text", "buttons", "response", "image", "elements", "custom", "template", "attachment"}


def ask(action: questions.AskWithFigures, monkeypatch: pytest.MonkeyPatch, on: date = ON) -> dict[str, Any]:
    monkeypatch.setattr(questions, "today_lisbon", lambda: on)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, make_tracker({}, "olá"), DOMAIN))
    assert events == []
    (message,) = dispatcher.messages
    return message


def said(message: dict[str, Any], channel: str = "rest") -> dict[str, Any]:
    """What Rasa sends for ``message``: its response filled with the keyword values."""
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN["responses"])
    values = {k: v for k, v in message.items() if k not in MESSAGE_KEYS}
    slots = {name: None for name in DOMAIN["slots"]}
    reply = nlg.generate_from_slots(message["response"], slots, channel, **values)
    assert reply is not None, message["response"]
    return reply


def shown(reply: dict[str, Any]) -> list[str]:
    """The text, every button title and every payload."""
    buttons = reply.get("buttons") or []
    return [reply["text"], *(b["title"] for b in buttons), *(b["payload"] for b in buttons)]


@pytest.mark.parametrize("action_class", ACTIONS)
@pytest.mark.parametrize("channel", ["rest", "socketio", "phone", "staff"])
def test_every_question_is_asked_with_its_figures_filled(
    action_class: type[questions.AskWithFigures], channel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = ask(action_class(), monkeypatch)
    assert message["response"] == action_class.RESPONSE
    for text in shown(said(message, channel)):
        assert "{" not in text and "}" not in text, text


@pytest.mark.parametrize("response, figure", [
    ("utter_ask_adults", "Quantas pessoas com 18 anos ou mais"),
    ("utter_ask_minors", "com menos de 18 anos vivem consigo"),
    ("utter_ask_is_adult", "Tem 18 anos ou mais?"),
    ("utter_ask_age_exception", "Antes dos 18 anos"),
    ("utter_ask_age_exception", "Casado/a ou em união de facto há mais de 2 anos"),
    ("utter_ask_cert_delivery", "por e-mail (fica pronto em até 3 dias úteis)"),
    ("utter_ask_cert_delivery", "em papel (até 10 dias úteis)"),
])
def test_the_figures_are_the_parameters_of_the_day(response: str, figure: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (action_class,) = [a for a in ACTIONS if a.RESPONSE == response]
    reply = said(ask(action_class(), monkeypatch))
    assert any(figure in text for text in shown(reply)), shown(reply)


def test_buttons_are_kept_and_their_payloads_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from actions.eligibility import PARSERS

    reply = said(ask(questions.ActionAskAgeException(), monkeypatch))
    payloads = [b["payload"] for b in reply["buttons"]]
    assert len(payloads) == len(DOMAIN["responses"]["utter_ask_age_exception"][0]["buttons"])
    assert [PARSERS["age_exception"](p, make_tracker({}, p)) for p in payloads] == [
        "pregnant", "union", "dependents", "none"]


def test_the_action_passes_the_figures_of_its_day(monkeypatch: pytest.MonkeyPatch) -> None:
    day = date(2025, 3, 1)
    message = ask(questions.ActionAskIsAdult(), monkeypatch, on=day)
    assert {k: v for k, v in message.items() if k in figures(day)} == figures(day)


def test_figure_names_do_not_overwrite_the_message_or_slots() -> None:
    names = set(figures(ON))
    assert not names & MESSAGE_KEYS
    assert not names & set(DOMAIN["slots"])


def test_a_failure_gets_the_apology_not_a_question_with_braces(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(on: date) -> dict[str, str]:
        raise KeyError("unknown parameter")

    monkeypatch.setattr(questions, "figures", broken)
    message = ask(questions.ActionAskAdults(), monkeypatch)
    assert message["response"] == "utter_action_failed"


def test_rasa_asks_these_slots_with_the_actions() -> None:
    """Rasa's FormAction looks for action_ask_<slot> before utter_ask_<slot>."""
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.domain import Domain

    domain = Domain.from_dict(DOMAIN)
    for action_class in ACTIONS:
        action = action_class()
        slot = action.name().removeprefix("action_ask_")
        form = next(name for name, spec in DOMAIN["forms"].items() if slot in spec["required_slots"])
        assert FormAction(form, None)._name_of_utterance(domain, slot) == action.name()
        assert action_class.RESPONSE in DOMAIN["responses"]


def test_every_question_action_is_listed_here() -> None:
    assert sorted(questions.RESPONSES) == sorted(a.RESPONSE for a in ACTIONS)


@pytest.mark.parametrize("text", [
    "qual e o valor de referencia do rsi em 2026?",
    "quanto é o rsi este ano?",
    "qual é o valor de referência?",
])
def test_asking_the_reference_value_gets_the_figure_before_the_questions(text, monkeypatch):
    monkeypatch.setattr(questions, "today_lisbon", lambda: date(2026, 12, 2))
    dispatcher = CollectingDispatcher()
    asyncio.run(questions.ActionAskAdults().run(dispatcher, make_tracker({}, text), DOMAIN))
    first, question = dispatcher.messages
    words = first["text"].replace("\xa0", " ")
    assert "247,56 €" in words and "70 %" in words
    assert question["response"] == "utter_ask_adults"


@pytest.mark.parametrize("text", ["quero ver se tenho direito ao rsi", "quanto vou receber de rsi?"])
def test_other_ways_to_start_get_the_question_only(text, monkeypatch):
    monkeypatch.setattr(questions, "today_lisbon", lambda: date(2026, 12, 2))
    dispatcher = CollectingDispatcher()
    asyncio.run(questions.ActionAskAdults().run(dispatcher, make_tracker({}, text), DOMAIN))
    (question,) = dispatcher.messages
    assert question["response"] == "utter_ask_adults"
