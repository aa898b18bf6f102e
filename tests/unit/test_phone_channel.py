"""What the phone channel reads back from a call's tracker (bot.channels.phone)."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from bot.channels import twiml
from bot.channels.phone import (
    DEFAULT_TRANSFER_NUMBER,
    TRANSFER_NUMBER_ENV,
    _transfer_number,
    answer_twiml,
    last_bot_turn,
    last_steps,
    menu_size,
)
from bot.speech import STEPS_KEY, TRANSFER_KEY

YES_NO = [{"title": "Sim", "payload": "sim"}, {"title": "Não", "payload": "não"}]


def test_the_last_turn_is_what_the_bot_said_since_the_caller_spoke():
    events = [
        UserUttered("olá"),
        BotUttered("Olá! Em que posso ajudar?"),
        UserUttered("quero saber se tenho direito"),
        ActionExecuted("eligibility_form"),
        BotUttered("Vamos ver."),
        BotUttered("Está tudo certo?", data={"buttons": YES_NO}),
    ]
    turn = last_bot_turn(events)
    assert [m["text"] for m in turn] == ["Vamos ver.", "Está tudo certo?"]
    assert turn[-1]["buttons"] == YES_NO
    assert menu_size(turn) == 2


def test_no_turn_before_the_assistant_spoke():
    assert last_bot_turn([]) == []
    assert last_bot_turn([UserUttered("olá")]) == []
    assert menu_size([]) == 0


def test_the_steps_of_the_last_estimate():
    events = [
        BotUttered(data={"custom": {STEPS_KEY: ["antigo"]}}),
        UserUttered("outra vez"),
        BotUttered("Resultado."),
        BotUttered(data={"custom": {STEPS_KEY: ["passo 1", "passo 2"]}}),
        BotUttered("Quer que explique as contas?", data={"buttons": YES_NO}),
    ]
    assert last_steps(events) == ["passo 1", "passo 2"]


def test_a_later_estimate_without_steps_hides_the_older_ones():
    events = [
        BotUttered(data={"custom": {STEPS_KEY: ["antigo"]}}),
        BotUttered(data={"custom": {STEPS_KEY: []}}),
    ]
    assert last_steps(events) == []
    assert last_steps([BotUttered("sem estimativa")]) == []


def test_transfer_number_from_the_environment(monkeypatch, caplog):
    monkeypatch.delenv(TRANSFER_NUMBER_ENV, raising=False)
    assert _transfer_number(None) == DEFAULT_TRANSFER_NUMBER == "+351300502502"
    monkeypatch.setenv(TRANSFER_NUMBER_ENV, "+351 210 000 000")
    assert _transfer_number(None) == "+351210000000"
    assert _transfer_number("+351220000000") == "+351220000000"  # credentials.yml first
    monkeypatch.setenv(TRANSFER_NUMBER_ENV, "300502502")
    with caplog.at_level(logging.ERROR):
        assert _transfer_number(None) == DEFAULT_TRANSFER_NUMBER
    assert "not an E.164 number" in caplog.text


VOICE = twiml.Voice(webhook="/webhooks/phone/webhook")


def test_a_transfer_payload_becomes_say_then_dial():
    messages = [
        {"custom": {TRANSFER_KEY: {"say": "Vou passar a sua chamada."}}},
        {"text": "Quantos adultos?"},  # the form's next question, for a failed transfer
    ]
    root = ET.fromstring(str(answer_twiml(messages, VOICE, "+351300502502")))
    assert [child.tag for child in root] == ["Say", "Dial"]
    assert root.find("Say").text == "Vou passar a sua chamada."
    assert root.find("Dial/Number").text == "+351300502502"


def test_messages_become_a_gather_with_the_menu_size():
    root = ET.fromstring(str(answer_twiml([{"text": "Certo?", "buttons": YES_NO}], VOICE, "+351300502502")))
    gather = root.find("Gather")
    assert gather.get("numDigits") == "1"
    assert "carregue 2" in gather.find("Say").text


def test_no_message_gets_the_apology_not_silence():
    root = ET.fromstring(str(answer_twiml([], VOICE, "+351300502502", no_reply="Peço desculpa.")))
    assert root.find("Gather/Say").text == "Peço desculpa."
