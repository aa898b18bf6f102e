"""The action server stopped and started again, on every channel.

While it is down the citizen gets, within 2 s, an apology with the other
channels (never an empty reply), asking for a person still gets the helpline
(on the phone, the transfer while the line is open), and a form in progress
is where it stood when the server comes back.

Runs last (file name) and restarts the action server after each test.
"""

from __future__ import annotations

import asyncio
import time
import xml.etree.ElementTree as ET

import pytest
from test_phone import Call, gathered_speech
from test_socketio import WebChat, run_chat
from test_staff import StaffConversation

from bot.calendar import now_lisbon
from bot.helpline import next_opening

pytestmark = pytest.mark.e2e

# The bound for the apology; the connection is refused at once, so this is generous.
APOLOGY_WITHIN_S = 2.0
HELPLINE = "300 502 502"
ADULTS_QUESTION = "Quantas pessoas com 18 anos ou mais"


@pytest.fixture
def down(action_server):
    """The action server stopped for the test, started again after it."""
    action_server.stop()
    yield
    action_server.start()
    action_server.wait_port(120)


def timed(send):
    started = time.monotonic()
    result = send()
    return result, time.monotonic() - started


def test_rest_gets_the_apology_at_once_and_the_form_resumes(chat, action_server):
    assert ADULTS_QUESTION in chat.say("quero saber se tenho direito ao rsi")
    action_server.stop()
    try:
        reply, seconds = timed(lambda: chat.say("vivo sozinho"))
        assert seconds < APOLOGY_WITHIN_S
        assert "Peço desculpa" in reply and HELPLINE in reply
        # One apology per message, however many actions failed.
        assert reply.count("Peço desculpa") == 1
        again, seconds = timed(lambda: chat.say("ganho 300 euros"))
        assert seconds < APOLOGY_WITHIN_S and "Peço desculpa" in again
    finally:
        action_server.start()
        action_server.wait_port(120)
    # Back: the form is where it stood (the answers given while it was down were
    # not taken), so the same answer now goes on to the next question.
    assert "ganham por mês" in chat.say("vivo sozinho")


def test_rest_asking_for_a_person_still_gets_the_helpline(chat, down):
    reply, seconds = timed(lambda: chat.say("quero falar com uma pessoa"))
    assert seconds < APOLOGY_WITHIN_S
    assert "Linha Segurança Social" in reply and HELPLINE in reply
    assert "Neste momento a linha está" in reply
    assert "Peço desculpa" not in reply


def test_staff_channel_gets_the_apology(rasa_url, down):
    desk = StaffConversation(rasa_url)
    reply, seconds = timed(lambda: desk.say("casal com 2 filhos, ele ganha 600 euros"))
    assert seconds < APOLOGY_WITHIN_S
    assert "Peço desculpa" in reply and HELPLINE in reply


def test_web_chat_gets_the_apology(rasa_url, down):
    seconds: list[float] = []

    async def body(chat: WebChat) -> None:
        await chat.open()
        started = asyncio.get_running_loop().time()
        await chat.send("que documentos tenho de levar?")
        received = await chat.reply_containing("Peço desculpa")
        seconds.append(asyncio.get_running_loop().time() - started)
        assert any(HELPLINE in (payload.get("text") or "") for payload in received)

    run_chat(rasa_url, ["polling"], body)
    assert seconds[0] < APOLOGY_WITHIN_S


def test_phone_asking_for_a_person_is_transferred_or_told_when_the_line_opens(rasa_url, action_server):
    call = Call(rasa_url)
    call.ring()
    action_server.stop()
    try:
        before = now_lisbon()
        twiml, seconds = timed(lambda: call.say("quero falar com uma pessoa"))
        after = now_lisbon()
    finally:
        action_server.start()
        action_server.wait_port(120)
    assert seconds < APOLOGY_WITHIN_S
    open_before, open_after = next_opening(before) is None, next_opening(after) is None
    if open_before != open_after:
        pytest.skip("the line opened or closed during the test")
    if open_before:
        assert twiml.find("Dial") is not None, ET.tostring(twiml, encoding="unicode")
    else:
        spoken = gathered_speech(twiml)
        assert "Linha Segurança Social" in spoken and "linha está fechada" in spoken


def test_phone_other_questions_get_a_spoken_apology(rasa_url, down):
    call = Call(rasa_url)
    call.ring()
    twiml, seconds = timed(lambda: call.say("quero saber se tenho direito ao rsi"))
    assert seconds < APOLOGY_WITHIN_S
    spoken = gathered_speech(twiml)
    assert "Peço desculpa" in spoken
    assert "300 502 502" in spoken
