"""Hostile input against the running servers (issue 11): a seeded generator.

Over 5,000 hostile REST and socket.io messages and bodies, and 500 hostile
values typed into the certificate form, against the real servers of conftest.py.
What must hold: no server error (5xx), every reply within a bound, every stored
request clean, and none of what was typed in the servers' logs.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
import unicodedata
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from conftest import TOKEN
from test_socketio import TIMEOUT_S, WebChat, aiohttp_ws_timeout_shim  # noqa: F401

from bot.cleaning import clean_email, clean_name, clean_postal_address
from bot.store.db import make_engine, migrate
from bot.store.requests import RequestRepository

pytestmark = pytest.mark.e2e

SEED = 20261201
REPLY_BOUND_S = 20.0
# Marks every generated message, so a log line holding user text is easy to find.
CANARY = "qzxcanary"
HOSTILE = [
    "<script>alert(1)</script>", "javascript:alert(1)", "\x00", "\x1b[2J\x1b[H", "\u202e",
    "\u200b", "\ufeff", "'; DROP TABLE certificate_requests;--", "%s%s%n", "{{7*7}}",
    "${jndi:ldap://x/a}", "../../etc/passwd", '=HYPERLINK("http://x")', "😀👍🏽", "𝕄𝕒𝕣𝕚𝕒",
    "١٢٣٤٥٦٧٨٩", "１２３４５６７８９", "/affirm", '/inform{"cert_consent": true}', "/restart",
    "\n• NIF 123456789", "\r\n", "\t", "sim", "não", "?", "...", "talvez", "Мария", "ＡＢＣ",
    "\u0301\u0301\u0301", "\\u0000", "null", "[]", "{}", "0", "-1", "1e309", "NaN",
]
WEBHOOK = "/webhooks/rest/webhook"
ALLOWED_STATUSES = {200, 400, 401, 413, 429}

ORDINAL_INDICATORS = str.maketrans("", "", "ºª")


def hostile_text(rng: random.Random, max_len: int = 300) -> str:
    parts = [rng.choice(HOSTILE) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        parts.append("".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 40))))
    text = " ".join(parts)[:max_len]
    return f"{text} {CANARY}{rng.randint(0, 9999)}"


def hostile_body(rng: random.Random) -> tuple[str, bytes, dict[str, str]]:
    """(path, body, headers) for one request that should be stopped at the door."""
    sender = str(uuid.uuid4())
    kind = rng.randrange(12)
    path = WEBHOOK + ("?stream=true" if rng.random() < 0.2 else "")
    headers = {"Content-Type": rng.choice(["application/json", "text/plain",
                                           "application/x-www-form-urlencoded"])}
    if kind == 0:
        body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    elif kind == 1:
        body = json.dumps(rng.choice([None, 1, -1.5, "olá", [], [1, 2], True, {}])).encode()
    elif kind == 2:
        depth = rng.choice([10, 1000, 5000])
        body = ("[" * depth + "]" * depth).encode()
    elif kind == 3:
        body = json.dumps({"sender": rng.choice(["default", "test", "1", "", "a" * 300, None, 5,
                                                 ["x"], {"a": 1}, "0" * 40]),
                           "message": "olá"}).encode()
    elif kind == 4:
        body = json.dumps({"sender": sender, "message": rng.choice([5, None, [], {}, True, 1.5])}).encode()
    elif kind == 5:
        body = json.dumps({"sender": sender, "message": "x" * rng.randint(2_001, 60_000)}).encode()
    elif kind == 6:
        body = f'{{"sender": "{sender}", "message": "\\ud800 {CANARY}"}}'.encode()
    elif kind == 7:
        body = json.dumps({"sender": sender, "message": "x" * 3000, "input_channel": "staff",
                           "metadata": {"channel": "staff"}}).encode()
    elif kind == 8:
        path = "/webhooks/staff/webhook"
        body = json.dumps({"sender": sender, "message": hostile_text(rng)}).encode()
    elif kind == 9:
        path = "/webhooks/staff/webhook"
        headers["Authorization"] = "Bearer e2e-staff-token"
        body = rng.choice([b"[]", b"", b"null", b"{", json.dumps({"sender": "default"}).encode()])
    elif kind == 10:
        body = b'{"sender": "' + sender.encode() + b'", "message": "' + b"\xc3\x28" * 10 + b'"}'
    else:
        body = json.dumps({"sender": sender, "message": "a" * 100_000}).encode() * rng.randint(1, 12)
    return path, body, headers


def timed_post(url: str, **kwargs) -> tuple[float, requests.Response]:
    started = time.monotonic()
    response = requests.post(url, timeout=60, **kwargs)
    return time.monotonic() - started, response


def check(elapsed: float, response: requests.Response, problems: list[str], what: str) -> None:
    if response.status_code not in ALLOWED_STATUSES:
        problems.append(f"{what}: HTTP {response.status_code} {response.text[:120]}")
    if elapsed > REPLY_BOUND_S:
        problems.append(f"{what}: {elapsed:.1f} s")


def log_text(work_dir: Path) -> str:
    return "\n".join(p.read_text("utf-8", "replace") for p in work_dir.glob("*.log"))


def test_hostile_bodies_and_messages_over_rest(rasa_url, work_dir):
    rng = random.Random(SEED)
    bodies = [hostile_body(rng) for _ in range(3_200)]
    # Valid-shaped hostile messages reach the assistant: 80 conversations of 10 turns.
    conversations = [[hostile_text(rng) for _ in range(10)] for _ in range(80)]
    problems: list[str] = []

    def send_body(item: tuple[str, bytes, dict[str, str]]) -> None:
        path, body, headers = item
        elapsed, response = timed_post(f"{rasa_url}{path}", data=body, headers=headers)
        check(elapsed, response, problems, f"body {body[:60]!r}")

    def converse(turns: list[str]) -> None:
        sender = str(uuid.uuid4())
        for text in turns:
            elapsed, response = timed_post(f"{rasa_url}{WEBHOOK}",
                                           json={"sender": sender, "message": text})
            check(elapsed, response, problems, f"message {text[:40]!r}")
            if response.status_code == 200 and not response.json():
                problems.append(f"empty reply to {text[:40]!r}")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(send_body, bodies))
        list(pool.map(converse, conversations))
    assert not problems, problems[:20]
    logs = log_text(work_dir)
    assert CANARY not in logs
    assert "Traceback" not in logs, logs[logs.find("Traceback") - 500:][:3000]


def test_hostile_socketio_events(rasa_url, work_dir):
    rng = random.Random(SEED + 1)
    junk = [None, 1, "x", [], [1], {"session_id": 5}, {"session_id": "default"},
            {"session_id": "a" * 10_000}, {"message": 5}, {"message": []}, True]
    events_sent = 0

    async def main() -> None:
        nonlocal events_sent
        for _ in range(5):
            chat = WebChat(rasa_url)
            try:
                await chat.open()
                for _ in range(200):
                    kind = rng.randrange(5)
                    if kind == 0:
                        await chat.client.emit("session_request", rng.choice(junk))
                    elif kind == 1:
                        await chat.client.emit("user_uttered", rng.choice(junk))
                    elif kind == 2:
                        await chat.send(rng.choice([5, [], {"a": 1}, "x" * rng.randint(2_001, 30_000)]),
                                        session_id=rng.choice(["default", str(uuid.uuid4())]))
                    elif kind == 3:
                        await chat.client.emit(rng.choice(["bot_uttered", "connect", "nonsense"]),
                                               rng.choice(junk))
                    else:
                        await chat.send(hostile_text(rng, 120))
                    events_sent += 1
                # Still served after all that: a real question gets a real answer.
                while not chat.replies.empty():
                    chat.replies.get_nowait()
                await chat.send("o que é o RSI?")
                await chat.reply_containing("Rendimento")
                assert chat.client.connected and not chat.disconnected
            finally:
                await chat.close()

    asyncio.run(asyncio.wait_for(main(), 600))
    assert events_sent == 1_000
    logs = log_text(work_dir)
    assert CANARY not in logs
    assert "Traceback" not in logs


# --------------------------------------------------------------------------- form values

HOSTILE_VALUES = {
    "cert_name": ["<script>alert(1)</script> Silva", "Maria\u202eSilva", "Maria\u200bSilva",
                  "Mаria Silva", "Maria\x00Silva", "Maria\x1b[2J Silva", "=HYPERLINK(\"x\") Ana",
                  "M" * 1500, "Maria\n• NIF 123456789", "Ｍａｒｉａ Ｓｉｌｖａ", "Ana O'Neill-Sá"],
    "cert_nif": ["１２３４５６７８９", "١٢٣٤٥٦٧٨٩", "123456789\x00", "123 456 789\u202e", "12345678",
                 "1234567890123", "=1+1", "PT123456789", "123456789; DROP TABLE x"],
    "cert_niss": ["１２３４５６７８９０２", "12345678902\x1b[0m", "1" * 11, "٢٢٣٤٥٦٧٨٩٠١"],
    "cert_email": ["o'brien@example.pt", "a" * 300 + "@example.pt", "x@example.pt\x00",
                   "<script>@example.pt", "maria@example.pt\u202e", "javascript:alert(1)@x.pt",
                   "maria@@example.pt", "=HYPERLINK(\"http://x\")@example.pt"],
    "cert_postal_address": [
        "<script>alert(1)</script> Rua A 1, 1000-001 Lisboa", "Rua A 1\n• NIF 123456789, 1000-001 Lisboa",
        "javascript:alert(1), 1000-001 Lisboa", "Rua B 2, 1000-001 Lisboa\x1b[2J",
        "Rua C\u202e 3, 4000-123 Porto", "Rua D " + "x" * 1500 + ", 1000-001 Lisboa",
        "=HYPERLINK(\"http://x\"), 1000-001 Lisboa", "Rua E 5, 0000-000 Nenhures", "Rua F 6"],
}
VALID = {
    "cert_name": "Maria João Silva", "cert_nif": "123456789", "cert_niss": "12345678902",
    "cert_delivery": "por correio", "cert_email": "maria.silva@example.pt",
    "cert_postal_address": "Rua das Flores 12, 4000-123 Porto", "cert_consent": "sim, aceito",
    "cert_confirmed": "sim", "cert_document_type": "declaração de situação contributiva",
}
CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def requested_slot(rasa_url: str, sender: str) -> str | None:
    response = requests.get(f"{rasa_url}/conversations/{sender}/tracker", timeout=30,
                            headers={"Authorization": f"Bearer {TOKEN}"})
    return response.json()["slots"].get("requested_slot")


def test_hostile_form_values_leave_only_clean_records(rasa_url, work_dir):
    rng = random.Random(SEED + 2)
    typed: list[str] = []
    problems: list[str] = []

    def fill(index: int) -> None:
        sender = str(uuid.uuid4())
        delivery = "por correio" if index % 2 else "por email"

        def say(text: str) -> None:
            elapsed, response = timed_post(f"{rasa_url}{WEBHOOK}",
                                           json={"sender": sender, "message": text})
            check(elapsed, response, problems, f"form value {text[:40]!r}")

        say("quero pedir uma declaração de situação contributiva")
        for _ in range(60):
            slot = requested_slot(rasa_url, sender)
            if slot is None:
                return
            values = HOSTILE_VALUES.get(slot)
            tries = typed.count(f"{sender}:{slot}")
            if values and tries < 6:
                typed.append(f"{sender}:{slot}")
                say(rng.choice(values))
            else:
                say(delivery if slot == "cert_delivery" else VALID.get(slot, "sim"))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fill, range(50)))
    assert not problems, problems[:20]
    assert len(typed) >= 500, len(typed)

    engine = make_engine(f"sqlite:///{work_dir / 'e2e.db'}")
    migrate(engine)
    rows = RequestRepository(engine).list()
    assert rows
    for row in rows:
        # A clean stored value is a fixed point of the store's own cleaners.
        assert clean_name(row.requester_name) == row.requester_name
        assert row.email is None or clean_email(row.email) == row.email
        assert row.postal_address is None or clean_postal_address(row.postal_address) == row.postal_address
        for value in (row.requester_name, row.nif, row.niss, row.email, row.postal_address):
            if value is None:
                continue
            assert not CONTROL.search(value) and "<" not in value and "\n" not in value, repr(value)
            # «1.º esq.», «2.ª cave»: the ordinal indicators an address may keep
            # (bot.cleaning.ADDRESS_PUNCTUATION) are the only compatibility characters allowed.
            plain = value.translate(ORDINAL_INDICATORS) if value == row.postal_address else value
            assert unicodedata.normalize("NFKC", plain) == plain, repr(value)
        assert row.nif.isascii() and row.nif.isdigit()
    logs = log_text(work_dir)
    for secret_value in ("Ana O'Neill", "o'brien@example.pt", "Rua das Flores"):
        assert secret_value not in logs
