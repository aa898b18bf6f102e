"""Front-desk channel over real HTTP: the bearer token is required, and the
answers show every condition with its legal basis (the servers run with
STAFF_TOKEN="e2e-staff-token", see conftest._env)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import requests

from bot.format import money
from bot.rules import simulate
from bot.rules.model import Household

pytestmark = pytest.mark.e2e

STAFF_TOKEN = "e2e-staff-token"
ELIGIBILITY_ANSWERS = [
    "quero saber se tenho direito ao rsi",
    "somos quatro, eu, o meu marido e dois miúdos",
    "seiscentos euros",
    "nenhum",
    "nada",
    "portuguesa",
    "sim",  # 18 or older
    "sim",  # the summary is right
]


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Lisbon")).date()


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


class StaffConversation:
    def __init__(self, base_url: str, token: str | None = STAFF_TOKEN) -> None:
        self.url = f"{base_url}/webhooks/staff/webhook"
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.sender = str(uuid.uuid4())

    def post(self, text: str, **extra: str) -> requests.Response:
        body = {"sender": self.sender, "message": text, **extra}
        return requests.post(self.url, json=body, headers=self.headers, timeout=60)

    def say(self, text: str, **extra: str) -> str:
        response = self.post(text, **extra)
        assert response.status_code == 200, response.text
        texts = [r["text"] for r in response.json() if r.get("text")]
        assert texts, f"no text in reply to {text!r}: is the action server down?"
        return _plain("\n".join(texts))


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {STAFF_TOKEN}"},
        {"Authorization": "Bearer "},
        {"Authorization": f"Bearer {STAFF_TOKEN}x"},
    ],
    ids=["none", "wrong", "not-bearer", "empty", "longer"],
)
def test_requests_without_the_right_token_are_refused(rasa_url, headers):
    response = requests.post(
        f"{rasa_url}/webhooks/staff/webhook",
        json={"sender": str(uuid.uuid4()), "message": "olá"},
        headers=headers,
        timeout=30,
    )
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == "failure" and body["code"] == 401
    # Nothing of the conversation leaks into the refusal.
    assert "text" not in response.text


def test_health_route_needs_the_token_too(rasa_url):
    assert requests.get(f"{rasa_url}/webhooks/staff/", timeout=30).status_code == 401
    authorised = requests.get(
        f"{rasa_url}/webhooks/staff/", headers={"Authorization": f"Bearer {STAFF_TOKEN}"}, timeout=30
    )
    assert authorised.status_code == 200


def test_staff_eligibility_lists_passed_conditions_with_their_legal_basis(rasa_url):
    staff = StaffConversation(rasa_url)
    for text in ELIGIBILITY_ANSWERS[:-1]:
        staff.say(text)
    result = staff.say(ELIGIBILITY_ANSWERS[-1])

    expected = simulate(
        Household(adults=2, minors=2, employment_income=Decimal("600"), age=18), _today()
    )
    assert expected.eligible
    assert _plain(money(expected.monthly_amount)) in result
    assert f"Condições verificadas ({len(expected.conditions)})" in result
    passed = [c for c in expected.conditions if c.passed]
    assert passed
    for condition in passed:
        assert _plain(f"Cumprida: {condition.explanation} Base legal: {condition.legal_basis}.") in result
    for number, step in enumerate(expected.trace, 1):
        assert _plain(f"{number}. {step.text} Base legal: {step.legal_basis}.") in result


def test_the_request_body_cannot_switch_the_staff_channel_off(rasa_url):
    staff = StaffConversation(rasa_url)
    for text in ELIGIBILITY_ANSWERS[:-1]:
        staff.say(text, input_channel="rest")
    result = staff.say(ELIGIBILITY_ANSWERS[-1], input_channel="rest")
    assert "Condições verificadas" in result and "Cumprida:" in result


def test_the_same_answers_on_the_citizen_channel_stay_short(chat):
    for text in ELIGIBILITY_ANSWERS[:-1]:
        chat.say(text)
    result = chat.say(ELIGIBILITY_ANSWERS[-1])
    assert "parece ter direito" in result
    assert "Cumprida:" not in result and "Condições verificadas" not in result


def test_the_citizen_channel_cannot_claim_to_be_staff(chat):
    """The REST body's "input_channel" is ignored: no front-desk answers for citizens."""
    for text in ELIGIBILITY_ANSWERS[:-1]:
        assert chat.raw_with(text, input_channel="staff")
    result = _plain("\n".join(r.get("text", "") for r in chat.raw_with(ELIGIBILITY_ANSWERS[-1], input_channel="staff")))
    assert "parece ter direito" in result
    assert "Cumprida:" not in result and "Condições verificadas" not in result
