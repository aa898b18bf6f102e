"""The phone line (channel `bot.channels.phone`) over real HTTP, as Twilio calls it.

Each request is form-encoded and signed like Twilio signs it (HMAC-SHA1 of the URL
and the sorted form fields with the account's auth token, header
`X-Twilio-Signature`); conftest.py starts the Rasa server with
TWILIO_AUTH_TOKEN=e2e-twilio-token. The answer is TwiML, parsed with xml.etree;
as Twilio does, the next request goes to the URL the last <Gather> or <Dial>
named in its `action` (it carries the count of silences in a row).
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
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from twilio.request_validator import RequestValidator

from bot.calendar import LISBON
from bot.helpline import next_opening

pytestmark = pytest.mark.e2e

AUTH_TOKEN = "e2e-twilio-token"
CALLER = "+351912345678"


class Call:
    """One phone call: Twilio's side of the webhook conversation."""

    def __init__(self, base_url: str) -> None:
        self.url = f"{base_url}/webhooks/phone/webhook"
        self.next_url = self.url
        self.sid = "CA" + uuid.uuid4().hex

    def form(self, status: str, speech: str | None = None, digits: str | None = None) -> dict[str, str]:
        fields = {
            "CallSid": self.sid,
            "AccountSid": "AC" + "0" * 32,
            "From": CALLER,
            "To": "+351300000000",
            "CallStatus": status,
            "Direction": "inbound",
            # Twilio sends (and signs) empty fields too, e.g. no city for a Portuguese number.
            "CallerCity": "",
            "FromCity": "",
        }
        if speech is not None:
            fields.update(SpeechResult=speech, Confidence="0.9")
        if digits is not None:
            fields.update(Digits=digits)
        return fields

    def post(self, form: dict[str, str], token: str | None = AUTH_TOKEN, url: str | None = None) -> requests.Response:
        url = url or self.url
        headers = {}
        if token is not None:
            headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(url, form)
        return requests.post(url, data=form, headers=headers, timeout=60)

    def turn(self, status: str, speech: str | None = None, digits: str | None = None,
             extra: dict[str, str] | None = None) -> ET.Element:
        form = {**self.form(status, speech, digits), **(extra or {})}
        answer = self.post(form, url=self.next_url)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "text/xml; charset=utf-8"
        twiml = ET.fromstring(answer.text)
        # Twilio posts the caller's next answer (or the end of a transfer) to the action URL.
        action = next((e.get("action") for e in twiml.iter() if e.tag in ("Gather", "Dial")), None)
        self.next_url = urljoin(self.url, action) if action else self.url
        return twiml

    def ring(self) -> ET.Element:
        return self.turn("ringing")

    def say(self, speech: str) -> ET.Element:
        return self.turn("in-progress", speech)

    def press(self, digits: str) -> ET.Element:
        return self.turn("in-progress", digits=digits)

    def silence(self) -> ET.Element:
        return self.turn("in-progress")


def gathered_speech(twiml: ET.Element) -> str:
    """What the caller hears, checking it is all said in pt-PT inside a pt-PT Gather
    that listens for speech and keys."""
    assert twiml.tag == "Response"
    gathers = twiml.findall("Gather")
    assert len(gathers) == 1, ET.tostring(twiml, encoding="unicode")
    gather = gathers[0]
    assert gather.get("language") == "pt-PT"
    assert gather.get("input") == "dtmf speech"
    assert gather.get("action").split("?")[0] == "/webhooks/phone/webhook"
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


def test_silent_twice_is_asked_once_more_then_the_call_ends(call):
    greeting = gathered_speech(call.ring())
    first = gathered_speech(call.silence())
    assert first.startswith("Desculpe, não ouvi a sua resposta.") and first.endswith(greeting)
    # An empty transcription is a silence too.
    second = gathered_speech(call.turn("in-progress", speech="  "))
    assert "vou terminar a chamada" in second and second.endswith(greeting)
    last = call.silence()
    assert [child.tag for child in last] == ["Say", "Hangup"]
    assert "Obrigado" in last.find("Say").text


def test_an_answer_resets_the_silences(call):
    call.ring()
    call.silence()
    call.silence()
    gathered_speech(call.say("o que é o rsi"))
    assert "Desculpe, não ouvi" in gathered_speech(call.silence())


@pytest.mark.parametrize("digits", ["#", ""])
def test_only_the_hash_key_is_a_silence(call, digits):
    greeting = gathered_speech(call.ring())
    spoken = gathered_speech(call.press(digits))
    assert spoken.startswith("Desculpe, não ouvi") and spoken.endswith(greeting)


def test_silence_at_the_start_gets_the_fallback_phrase(call):
    # A call whose first request is not "ringing" has no earlier message to repeat.
    spoken = gathered_speech(call.turn("in-progress"))
    assert "não ouvi" in spoken


def gather_of(twiml: ET.Element) -> ET.Element:
    return twiml.find("Gather")


def to_document_type_question(call) -> str:
    call.ring()
    spoken = gathered_speech(call.say("quero pedir uma declaração"))
    assert "Que documento pretende?" in spoken, spoken
    return spoken


def test_options_are_numbered_and_a_key_chooses_one(call, rasa_url, api_token):
    spoken = to_document_type_question(call)
    assert "Para situação contributiva, diga situação contributiva ou carregue 1." in spoken
    assert "carregue 3" in spoken
    assert "Pode dizer:" not in spoken
    consent = call.press("2")
    spoken = gathered_speech(consent)
    assert "Aceita" in spoken and "carregue 1" in spoken
    assert gather_of(consent).get("numDigits") == "1"
    tracker = requests.get(f"{rasa_url}/conversations/{call.sid}/tracker",
                           headers={"Authorization": f"Bearer {api_token}"}, timeout=30).json()
    assert tracker["slots"]["cert_document_type"] == "declaracao_prestacoes"
    # The option chosen reached the assistant as the button's payload.
    users = [e["text"] for e in tracker["events"] if e.get("event") == "user"]
    assert users[-1] == "declaração de que recebo rsi"


def test_a_key_with_no_option_asks_again(call):
    question = to_document_type_question(call)
    spoken = gathered_speech(call.press("7"))
    assert spoken.startswith("Não há a opção 7.")
    assert "carregue 3" in spoken and spoken.endswith(question.split("Que documento")[-1])


def test_an_option_said_by_its_number(call, rasa_url, api_token):
    to_document_type_question(call)
    spoken = gathered_speech(call.say("Opção 1."))
    assert "Aceita" in spoken


def to_nif_question(call) -> ET.Element:
    to_document_type_question(call)
    call.press("2")
    call.press("1")  # "Sim, aceito"
    twiml = call.say("Maria da Conceição Ferreira")
    assert "NIF" in gathered_speech(twiml)
    return twiml


def test_a_nif_typed_on_the_keypad_ending_with_hash(call):
    question = to_nif_question(call)
    spoken = gathered_speech(question)
    assert "terminando com a tecla cardinal" in spoken
    gather = gather_of(question)
    assert gather.get("finishOnKey") == "#" and gather.get("numDigits") is None
    # Twilio posts the digits without the "#" that ended them.
    assert "NISS" in gathered_speech(call.press("123456789"))


def test_a_nif_said_digit_by_digit(call):
    to_nif_question(call)
    assert "NISS" in gathered_speech(call.say("um dois três quatro cinco seis sete oito nove"))


def test_asking_for_a_person_transfers_while_the_line_is_open(call):
    call.ring()
    before = datetime.now(LISBON)
    answer = call.say("quero falar com uma pessoa")
    after = datetime.now(LISBON)
    open_before, open_after = next_opening(before) is None, next_opening(after) is None
    if open_before != open_after:
        pytest.skip("the line opened or closed during the request")
    if open_before:
        assert [child.tag for child in answer] == ["Say", "Dial"]
        assert "Linha Segurança Social" in answer.find("Say").text
        dial = answer.find("Dial")
        assert dial.find("Number").text == "+351300502502"
        # The transferred call ends answered: goodbye. (Twilio posts to the Dial's action.)
        ended = call.turn("in-progress", extra={"DialCallStatus": "completed"})
        assert [child.tag for child in ended] == ["Say", "Hangup"]
    else:
        spoken = gathered_speech(answer)
        assert "está fechada: abre" in spoken and "300 502 502" in spoken
        assert answer.find("Dial") is None and answer.find(".//Dial") is None


def test_a_busy_transfer_comes_back_to_the_assistant(call):
    """Twilio's post after a <Dial> that nobody answered, whatever the hour."""
    call.ring()
    call.next_url = call.url + "?transferencia=1"
    spoken = gathered_speech(call.turn("in-progress", extra={"DialCallStatus": "busy"}))
    assert "Não foi possível passar a chamada" in spoken


def estimate(call) -> str:
    """An eligibility journey answered aloud and with keys, to the estimate."""
    call.ring()
    spoken = gathered_speech(call.say("quero saber se tenho direito ao RSI"))
    answers = [
        ("pessoas", "dois adultos"),
        ("crianças", "1"),
        ("ganham", "seiscentos euros"),
        ("outro dinheiro", "nenhum"),
        ("banco", "nada"),
    ]
    for expected, answer in answers:
        assert expected in spoken, spoken
        spoken = gathered_speech(call.say(answer))
    for _ in range(4):
        if "parece" in spoken:
            break
        # Nationality, age, confirmation: menus, answered with key 1
        # (portuguesa, sim, sim, calcular).
        assert "carregue 1" in spoken, spoken
        spoken = gathered_speech(call.press("1"))
    return spoken


def test_the_estimate_on_the_phone_is_said_for_the_ear(call):
    spoken = estimate(call)
    assert "parece ter direito ao RSI: cerca de" in spoken
    assert "euros" in spoken and "por mês" in spoken
    for written in ("artigo", "Lei", "€", "•", "Como fiz as contas"):
        assert written not in spoken, (written, spoken)
    assert "Para explicar as contas, diga explicar as contas ou carregue 1." in spoken
    steps = gathered_speech(call.say("como chegou a esse valor"))
    assert steps.startswith("Como fiz as contas:")
    assert "por cento" in steps
    for written in ("artigo", "Lei", "€", "•", "%", "="):
        assert written not in steps, (written, steps)
    # The question is asked again after the steps, and its keys still work.
    assert "carregue 1" in steps
    assert gathered_speech(call.press("1")).startswith("Como fiz as contas:")


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
