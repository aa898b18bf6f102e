"""The doors of the running servers, tried as an attacker would (issue 11).

Every test reproduces an attack on the real servers started by conftest.py and
shows it fail: guessable or missing conversation ids, malformed bodies, a huge
message, a forged action-server call, a foreign web page, a token in the URL.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests
from conftest import ACTION_PORT, ACTION_SECRET, ALLOWED_ORIGIN, TOKEN, Conversation

pytestmark = pytest.mark.e2e

BIG = "a" * 50_000
SENDER = str(uuid.uuid4())


def post(rasa_url: str, body: bytes | str, path: str = "/webhooks/rest/webhook",
         **kwargs) -> requests.Response:
    data = body.encode() if isinstance(body, str) else body
    return requests.post(f"{rasa_url}{path}", data=data, timeout=10,
                         headers={"Content-Type": "application/json"}, **kwargs)


@pytest.mark.parametrize("sender", [None, "", "default", "test", "123456789", "e2e-1",
                                    "a" * 40, "0" * 32, 12345, ["x"]])
def test_guessable_or_missing_senders_are_refused(rasa_url, sender):
    body = {"message": "olá"} if sender is None else {"sender": sender, "message": "olá"}
    response = requests.post(f"{rasa_url}/webhooks/rest/webhook", json=body, timeout=10)
    assert response.status_code == 400
    assert "128 bits" in response.json()["error"]


@pytest.mark.parametrize("body", ["[]", "1", "null", "", "\"olá\"", "{", "\xff\xfe",
                                  f'{{"sender": "{SENDER}", "message": 5}}',
                                  f'{{"sender": "{SENDER}", "message": null}}',
                                  f'{{"sender": "{SENDER}"}}'])
@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/webhooks/rest/webhook?stream=true"])
def test_malformed_bodies_get_a_4xx_with_a_reason(rasa_url, body, path):
    response = post(rasa_url, body.encode("latin-1") if body == "\xff\xfe" else body, path)
    assert 400 <= response.status_code < 500
    assert response.json()["error"]


def test_staff_channel_checks_bodies_after_the_token(rasa_url):
    staff = {"Authorization": "Bearer e2e-staff-token", "Content-Type": "application/json"}
    assert requests.post(f"{rasa_url}/webhooks/staff/webhook", data="[]", headers=staff,
                         timeout=10).status_code == 400
    anonymous = post(rasa_url, "[]", "/webhooks/staff/webhook")
    assert anonymous.status_code == 401


def test_a_50kb_message_is_refused_politely_within_a_second_while_others_are_served(rasa_url):
    other = Conversation(rasa_url)
    answers: dict[str, str] = {}

    def citizen() -> None:
        answers["other"] = other.say("olá")

    thread = threading.Thread(target=citizen)
    thread.start()
    started = time.monotonic()
    reply = Conversation(rasa_url).raw(BIG)
    elapsed = time.monotonic() - started
    thread.join(60)
    assert elapsed < 1.0, elapsed
    assert "demasiado longa" in reply[0]["text"]
    assert "RSI" in answers["other"]


def test_a_megabyte_body_is_refused_before_it_is_read(rasa_url):
    body = b'{"sender": "%s", "message": "%s"}' % (uuid.uuid4().hex.encode(), b"a" * 2_000_000)
    assert post(rasa_url, body).status_code == 413


def test_one_conversation_cannot_flood(rasa_url):
    sender = str(uuid.uuid4())
    statuses = [requests.post(f"{rasa_url}/webhooks/rest/webhook",
                              json={"sender": sender, "message": BIG}, timeout=10).status_code
                for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429


def test_a_forged_action_server_call_is_refused(rasa_url):
    call = {
        "next_action": "action_submit_certificate_request", "sender_id": str(uuid.uuid4()),
        "tracker": {"sender_id": "x", "slots": {"cert_consent": True, "cert_confirmed": True},
                    "latest_message": {}, "events": [], "latest_input_channel": "staff"},
        "domain": {}, "version": "3.6.2",
    }
    url = f"http://127.0.0.1:{ACTION_PORT}/webhook"
    for headers in ({}, {"X-Action-Secret": "wrong"}, {"X-Action-Secret": ACTION_SECRET[:-1]}):
        response = requests.post(url, json=call, headers=headers, timeout=10)
        assert response.status_code == 401
    listed = requests.get(f"http://127.0.0.1:{ACTION_PORT}/actions", timeout=10)
    assert listed.status_code == 401


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port`` (from /proc/net/tcp)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table, encoding="ascii").read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def test_the_action_server_listens_on_loopback_only(action_server):
    assert listening_addresses(ACTION_PORT) == {"0100007F"}  # 127.0.0.1, little-endian


def test_cors_answers_only_the_configured_origin_and_never_with_credentials(rasa_url):
    def preflight(origin: str) -> requests.Response:
        return requests.options(f"{rasa_url}/webhooks/rest/webhook", timeout=10, headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})

    foreign = preflight("https://evil.example")
    assert "Access-Control-Allow-Origin" not in foreign.headers
    allowed = preflight(ALLOWED_ORIGIN)
    assert allowed.headers.get("Access-Control-Allow-Origin") == ALLOWED_ORIGIN
    assert allowed.headers.get("Access-Control-Allow-Credentials") != "true"
    api = requests.get(f"{rasa_url}/status", timeout=10, headers={
        "Origin": "https://evil.example", "Authorization": f"Bearer {TOKEN}"})
    assert "Access-Control-Allow-Origin" not in api.headers


def test_the_api_token_goes_in_a_header_never_in_the_url(rasa_url):
    assert requests.get(f"{rasa_url}/status", params={"token": TOKEN}, timeout=10).status_code == 400
    assert requests.get(f"{rasa_url}/status", timeout=10).status_code == 401
    ok = requests.get(f"{rasa_url}/status", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert ok.status_code == 200


@pytest.mark.parametrize("body", ["[1]", "1", "null", "\"x\"", "{"])
def test_the_api_refuses_malformed_bodies_with_a_4xx(rasa_url, body):
    sender = uuid.uuid4()
    response = requests.post(f"{rasa_url}/conversations/{sender}/messages", data=body, timeout=10,
                             headers={"Authorization": f"Bearer {TOKEN}",
                                      "Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
