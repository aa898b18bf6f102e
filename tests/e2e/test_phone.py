"""The phone line (channel `bot.channels.phone`) over real HTTP, as Twilio calls it.

Each request is form-encoded and signed like Twilio signs it (HMAC-SHA1 of the URL
and the sorted form fields with the account's auth token, header
`X-Twilio-Signature`); conftest.py starts the Rasa server with
TWILIO_AUTH_TOKEN=e2e-twilio-token. The answer is TwiML, parsed with xml.etree.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import requests
from twilio.request_validator import RequestValidator

pytestmark = pytest.mark.e2e

AUTH_TOKEN = "e2e-twilio-token"
CALLER = "+351912345678"


class Call:
    """One phone call: Twilio's side of the webhook conversation."""

    def __init__(self, base_url: str) -> None:
        self.url = f"{base_url}/webhooks/phone/webhook"
        self.sid = "CA" + uuid.uuid4().hex

    def form(self, status: str, speech: str | None = None) -> dict[str, str]:
        fields = {
            "CallSid": self.sid,
            "AccountSid": "AC" + "0" * 32,
            "From": CALLER,
            "To": "+351300000000",
            "CallStatus": status,
            "Direction": "inbound",
        }
        if speech is not None:
            fields.update(SpeechResult=speech, Confidence="0.9")
        return fields

    def post(self, form: dict[str, str], token: str | None = AUTH_TOKEN) -> requests.Response:
        headers = {}
        if token is not None:
            headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(self.url, form)
        return requests.post(self.url, data=form, headers=headers, timeout=60)

    def turn(self, status: str, speech: str | None = None) -> ET.Element:
        answer = self.post(self.form(status, speech))
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "text/xml; charset=utf-8"
        return ET.fromstring(answer.text)

    def ring(self) -> ET.Element:
        return self.turn("ringing")

    def say(self, speech: str) -> ET.Element:
        return self.turn("in-progress", speech)


def gathered_speech(twiml: ET.Element) -> str:
    """What the caller hears, checking it is all said in pt-PT inside a pt-PT speech Gather."""
    assert twiml.tag == "Response"
    gathers = twiml.findall("Gather")
    assert len(gathers) == 1, ET.tostring(twiml, encoding="unicode")
    gather = gathers[0]
    assert gather.get("language") == "pt-PT"
    assert gather.get("input") == "speech"
    assert gather.get("action") == "/webhooks/phone/webhook"
    says = gather.findall("Say")
    assert says, "nothing to say: the caller would hear silence"
    for say in says:
        assert say.get("language") == "pt-PT"
        assert say.get("voice") == "Polly.Ines"
    return " ".join(say.text or "" for say in says)


@pytest.fixture
def call(rasa_url: str) -> Call:
    return Call(rasa_url)


def test_ringing_call_hears_the_greeting_in_portuguese(call):
    spoken = gathered_speech(call.ring())
    assert "RSI" in spoken
    assert "Em que posso ajudar" in spoken


def test_spoken_question_gets_an_answer_read_for_the_ear(call):
    call.ring()
    spoken = gathered_speech(call.say("o que é o rsi"))
    assert "Rendimento Social de Inserção" in spoken
    assert "pobreza" in spoken
    # Written for a screen, read for the ear: no bullets, abbreviations spelled out.
    assert "•" not in spoken
    assert "n.º" not in spoken and "/" not in spoken and "Lei número 13 de 2003" in spoken


def test_silence_repeats_the_last_question(call):
    greeting = gathered_speech(call.ring())
    assert gathered_speech(call.turn("in-progress")) == greeting
    assert gathered_speech(call.turn("in-progress", speech="  ")) == greeting


def test_silence_at_the_start_gets_the_fallback_phrase(call):
    # A call whose first request is not "ringing" has no earlier message to repeat.
    spoken = gathered_speech(call.turn("in-progress"))
    assert "não ouvi" in spoken


def test_buttons_are_read_as_choices(call):
    call.ring()
    spoken = gathered_speech(call.say("quero saber se tenho direito ao RSI"))
    for _ in range(6):
        if "Pode dizer:" in spoken:
            break
        # Answer the eligibility questions until one of them comes with buttons.
        spoken = gathered_speech(call.say("2" if "pessoas" in spoken else "nenhum"))
    assert "Pode dizer:" in spoken, spoken


def test_conversation_is_kept_under_the_call_sid_not_the_phone_number(call, rasa_url, api_token):
    call.ring()
    tracker = requests.get(
        f"{rasa_url}/conversations/{call.sid}/tracker", headers={"Authorization": f"Bearer {api_token}"}, timeout=30
    )
    assert tracker.status_code == 200
    assert tracker.json()["sender_id"] == call.sid
    assert any(e.get("event") == "bot" for e in tracker.json()["events"])
    assert CALLER not in tracker.text
    caller_digits = CALLER.removeprefix("+")
    by_number = requests.get(
        f"{rasa_url}/conversations/{caller_digits}/tracker", headers={"Authorization": f"Bearer {api_token}"},
        timeout=30,
    )
    assert not [e for e in by_number.json().get("events", []) if e.get("event") == "user"]


def test_phone_number_and_speech_are_not_logged(call, work_dir):
    call.ring()
    secret_phrase = "o meu vizinho chama-se zacarias"
    call.say(secret_phrase)
    log = (work_dir / "rasa.log").read_text(encoding="utf-8", errors="replace")
    assert CALLER not in log and CALLER.removeprefix("+") not in log
    assert "zacarias" not in log


@pytest.mark.parametrize(
    "token", [None, "wrong-token", ""], ids=["unsigned", "wrong-token", "empty-signature"]
)
def test_unsigned_or_wrongly_signed_request_is_refused(call, token):
    form = call.form("ringing")
    if token == "":
        answer = requests.post(
            call.url, data=form, headers={"X-Twilio-Signature": ""}, timeout=30
        )
    else:
        answer = call.post(form, token=token)
    assert answer.status_code == 403
    assert "<Response" not in answer.text


def test_signature_covers_the_form_fields(call):
    # Signed for one question, sent with another: Twilio's signature no longer matches.
    form = call.form("in-progress", "o que é o rsi")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(call.url, form)
    form["SpeechResult"] = "quero falar com uma pessoa"
    answer = requests.post(call.url, data=form, headers={"X-Twilio-Signature": signature}, timeout=30)
    assert answer.status_code == 403


def test_action_server_down_gets_a_spoken_apology_not_silence(call, action_server):
    call.ring()
    action_server.stop()
    try:
        spoken = gathered_speech(call.say("quero falar com uma pessoa"))
    finally:
        action_server.start()
        action_server.wait_port(120)
    assert "Peço desculpa" in spoken
    assert "300 502 502" in spoken


UNCONFIGURED_SERVER = """
import sys
from sanic import Sanic
from bot.channels.phone import PhoneInput

async def on_new_message(message):
    print("MESSAGE REACHED THE ASSISTANT", flush=True)

app = Sanic("phone_unconfigured")
channel = PhoneInput.from_credentials({})
app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/phone")
app.run(host="127.0.0.1", port=int(sys.argv[1]), access_log=False)
"""


def test_without_auth_token_the_line_refuses_everything(tmp_path):
    """Never open by default: no TWILIO_AUTH_TOKEN, every request gets 403, logged once."""
    root = Path(__file__).resolve().parents[2]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "TWILIO_AUTH_TOKEN"}
    env.update(PYTHONPATH=str(root), RASA_TELEMETRY_ENABLED="false")
    log = tmp_path / "unconfigured.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", UNCONFIGURED_SERVER, str(port)], cwd=root, env=env,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        call = Call(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"http://127.0.0.1:{port}/webhooks/phone/", timeout=2)
                break
            except requests.ConnectionError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        # Even a request signed with some token cannot get in: there is nothing to check against.
        for token in (AUTH_TOKEN, "", None):
            assert call.post(call.form("ringing"), token=token).status_code == 403
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert output.count("Phone channel not configured: TWILIO_AUTH_TOKEN is not set") == 1
    assert "MESSAGE REACHED THE ASSISTANT" not in output
