"""Menus, keys and silences on the phone line (bot.speech, bot.channels.twiml)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from bot.channels import twiml
from bot.speech import (
    KEYPAD_HINT,
    is_keypad_menu,
    keypad_answer,
    keypad_choices,
    menu,
    numbered_choices,
    prompt,
    said_option,
    spoken_turn,
)

YES_NO = [{"title": "Sim, calcular", "payload": "sim"}, {"title": "Não, quero corrigir", "payload": "não"}]
COUNTS = [{"title": "Nenhum", "payload": "nenhum"}, {"title": "1", "payload": "1"}, {"title": "2", "payload": "2"}]
VOICE = twiml.Voice(webhook="/webhooks/phone/webhook", hints="RSI, NIF")


def test_options_are_numbered_for_the_keypad():
    assert numbered_choices(["Sim", "Não"]) == "Para sim, diga sim ou carregue 1. Para não, diga não ou carregue 2."


def test_acronyms_keep_their_capitals():
    assert numbered_choices(["IEFP", "Só eu"]) == (
        "Para IEFP, diga IEFP ou carregue 1. Para só eu, diga só eu ou carregue 2."
    )


def test_options_that_are_numbers_are_typed_not_numbered():
    assert not is_keypad_menu(COUNTS)
    assert keypad_choices([b["title"] for b in COUNTS]) == "Pode dizer ou marcar no teclado: nenhum, 1 ou 2."
    assert keypad_answer("2", COUNTS) == "2"  # two children, not the second option


def test_a_key_chooses_the_option_with_that_number():
    assert is_keypad_menu(YES_NO)
    assert keypad_answer("1", YES_NO) == "sim"
    assert keypad_answer("2", YES_NO) == "não"
    assert keypad_answer("2#", YES_NO) == "não"


@pytest.mark.parametrize("digits", ["3", "0", "9", "*", "12"])
def test_a_key_without_option_is_refused(digits):
    assert keypad_answer(digits, YES_NO) is None


def test_more_than_nine_options_are_not_numbered():
    many = [{"title": f"Opção {chr(65 + i)}", "payload": str(i)} for i in range(10)]
    assert not is_keypad_menu(many)


def test_without_options_the_keys_type_a_number():
    assert keypad_answer("123456789", []) == "123456789"
    assert keypad_answer("123456789#", []) == "123456789"
    # The star key separates the year of a registration number: "2026/42".
    assert keypad_answer("2026*42", []) == "2026/42"


@pytest.mark.parametrize(("said", "payload"), [("opção 2", "não"), ("Opção dois.", "não"),
                                                ("a tecla 1", "sim"), ("opção um", "sim")])
def test_an_option_said_by_its_number(said, payload):
    assert said_option(said, YES_NO) == payload


@pytest.mark.parametrize("said", ["sim", "dois", "2", "opção 5", "a opção de corrigir"])
def test_other_answers_are_not_options_by_number(said):
    assert said_option(said, YES_NO) is None


def test_said_numbers_are_not_options_when_options_are_numbers():
    assert said_option("opção 1", COUNTS) is None


def test_a_turn_is_said_with_its_menu_numbered():
    turn = [{"text": "Confirme:\n• 2 adultos\nEstá tudo certo?", "buttons": YES_NO}]
    assert spoken_turn(turn) == [
        "Confirme: 2 adultos. Está tudo certo? Para sim, calcular, diga sim, calcular ou carregue 1. "
        "Para não, quero corrigir, diga não, quero corrigir ou carregue 2."
    ]


def test_only_the_last_menu_of_a_turn_is_numbered():
    turn = [{"text": "Primeiro.", "buttons": [{"title": "Falar com uma pessoa", "payload": "/talk_to_human"}]},
            {"text": "Segundo?", "buttons": YES_NO}, {"custom": {"phone_steps": []}}]
    spoken = spoken_turn(turn)
    assert spoken[0] == "Primeiro. Pode dizer: Falar com uma pessoa."
    assert "carregue 1" in spoken[1]
    assert len(spoken) == 2  # the custom payload is not said
    assert menu(turn) == YES_NO


def test_the_keypad_hint_only_for_questions_without_options():
    assert spoken_turn([{"text": "Qual é o seu NIF?"}], KEYPAD_HINT) == ["Qual é o seu NIF?", KEYPAD_HINT]
    assert KEYPAD_HINT not in " ".join(spoken_turn([{"text": "Certo?", "buttons": YES_NO}], KEYPAD_HINT))


def test_the_prompt_repeated_is_the_question_with_its_options():
    turn = [{"text": "Resultado."}, {"text": "Quer continuar?", "buttons": YES_NO}, {"text": "Diga."}]
    assert prompt(turn) == turn[1:]
    assert prompt([{"text": "Um."}, {"text": "Dois?"}]) == [{"text": "Dois?"}]
    assert prompt([]) == []


# -- TwiML ---------------------------------------------------------------------------


def parsed(response) -> ET.Element:
    return ET.fromstring(str(response))


def test_gather_listens_for_speech_and_keys_in_portuguese():
    root = parsed(twiml.gather(["Olá.", "Em que posso ajudar?"], VOICE))
    (gather,) = root.findall("Gather")
    assert gather.get("input") == "dtmf speech"
    assert gather.get("language") == "pt-PT"
    assert gather.get("finishOnKey") == "#"
    assert gather.get("numDigits") is None  # digits ended by "#"
    assert gather.get("action") == "/webhooks/phone/webhook"
    assert gather.get("actionOnEmptyResult") == "true"
    assert gather.get("hints") == "RSI, NIF"
    says = gather.findall("Say")
    assert [s.text for s in says] == ["Olá.", "Em que posso ajudar?"]
    assert all(s.get("voice") == "Polly.Ines" and s.get("language") == "pt-PT" for s in says)
    assert gather.find("Pause") is not None


def test_a_menu_takes_one_key():
    (gather,) = parsed(twiml.gather(["Sim ou não?"], VOICE, menu_size=2)).findall("Gather")
    assert gather.get("numDigits") == "1"


def test_silences_so_far_travel_in_the_action_url():
    (gather,) = parsed(twiml.gather(["Está aí?"], VOICE, silences=2)).findall("Gather")
    assert gather.get("action") == "/webhooks/phone/webhook?silencios=2"


def test_transfer_says_then_dials_and_comes_back():
    root = parsed(twiml.transfer(["Vou passar a chamada."], "+351300502502", VOICE))
    assert [child.tag for child in root] == ["Say", "Dial"]
    dial = root.find("Dial")
    assert dial.get("action") == "/webhooks/phone/webhook?transferencia=1"
    assert dial.find("Number").text == "+351300502502"


def test_hang_up_says_goodbye_first():
    root = parsed(twiml.hang_up(["Até breve."], VOICE))
    assert [child.tag for child in root] == ["Say", "Hangup"]
    assert root.find("Say").get("language") == "pt-PT"
