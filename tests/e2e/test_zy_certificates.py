"""Certificate requests over real HTTP: receipt, one record per request, status
lookup that needs the right NIF, and the database down (runs near the end: it
restarts the action server)."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest
import requests
from conftest import ACTION_PORT, ACTION_SERVER_ARGS, Conversation, Server, _env

from bot.store.db import make_engine, migrate
from bot.store.requests import RequestRepository

pytestmark = pytest.mark.e2e

NIF = "123456789"
OTHER_NIF = "287654320"
NUMBER = re.compile(r"\b(20\d\d/\d{6})\b")

ANSWERS = [
    "quero pedir uma declaração de situação contributiva",
    "sim",  # consent
    "Maria João Silva",
    f"o meu nif é {NIF}",
    "12345678902",
    "por email",
    "maria.silva@example.pt",
]


def _request(chat: Conversation) -> str:
    for text in ANSWERS:
        chat.say(text)
    return chat.say("sim, confirmo")


def _records(work_dir: Path) -> list:
    engine = make_engine(f"sqlite:///{work_dir / 'e2e.db'}")
    migrate(engine)  # the action server may not have created the schema yet
    repo = RequestRepository(engine)
    return [r for r in repo.list() if r.nif == NIF]


def test_full_request_gives_a_receipt_and_one_record(chat, work_dir):
    before = len(_records(work_dir))
    receipt = _request(chat)
    match = NUMBER.search(receipt)
    assert match, receipt
    assert "dias úteis" in receipt or "até" in receipt
    again = chat.say("sim, confirmo")  # a second confirmation must not record twice
    assert again
    assert len(_records(work_dir)) == before + 1


def test_status_needs_the_right_nif(chat, rasa_url):
    number = NUMBER.search(_request(chat)).group(1)

    right = Conversation(rasa_url)
    right.say(f"como está o meu pedido {number}?")
    found = right.say(NIF)
    assert number in found and "registado" in found.lower()

    wrong = Conversation(rasa_url)
    wrong.say(f"como está o meu pedido {number}?")
    not_found = wrong.say(OTHER_NIF)
    assert "não encontrei" in not_found.lower()
    assert "Maria" not in not_found


def test_a_locked_database_delays_only_the_citizen_who_needs_it(chat, rasa_url, work_dir):
    """The store's calls run off the action server's event loop, with a time limit:
    while another process holds the write lock, the citizen confirming a request
    is told it was not recorded, and everyone else is answered as usual."""
    for text in ANSWERS:
        chat.say(text)
    before = len(_records(work_dir))
    blocker = sqlite3.connect(work_dir / "e2e.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # holds the write lock, as a stuck writer would
    confirming: list[str] = []
    started = time.monotonic()
    worker = threading.Thread(target=lambda: confirming.append(chat.say("sim, confirmo")))
    try:
        worker.start()
        time.sleep(0.5)  # the confirmation is now waiting for the lock
        other = Conversation(rasa_url)
        waits = []
        for text in ("olá", "o que é o rsi?", "que documentos tenho de levar?"):
            turn_started = time.monotonic()
            assert other.say(text)
            waits.append(time.monotonic() - turn_started)
        worker.join(timeout=60)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert max(waits) < 2.0, waits
    assert confirming, "the confirming citizen got no answer"
    assert "NÃO ficou registado" in confirming[0] and not NUMBER.search(confirming[0])
    assert time.monotonic() - started < 30
    assert len(_records(work_dir)) == before


def test_database_down_is_told_and_nothing_is_claimed(chat, action_server, work_dir):
    action_server.stop()
    env = _env(work_dir) | {"DATABASE_URL": "postgresql://rsi@127.0.0.1:1/rsi"}
    broken = Server(
        ACTION_SERVER_ARGS,
        ACTION_PORT, work_dir / "actions-db-down.log", env,
    )
    broken.start()
    try:
        broken.wait_port(120)
        reply = _request(chat)
        assert "NÃO ficou registado" in reply
        assert "300 502 502" in reply
        assert not NUMBER.search(reply)
    finally:
        broken.stop()
        action_server.start()
        action_server.wait_port(120)


def test_the_stored_conversation_keeps_no_personal_data(chat, rasa_url, api_token):
    receipt = _request(chat)
    assert NUMBER.search(receipt)
    tracker = requests.get(f"{rasa_url}/conversations/{chat.sender}/tracker", timeout=30,
                           headers={"Authorization": f"Bearer {api_token}"}).json()
    stored = json.dumps(tracker, ensure_ascii=False)
    for value in (NIF, "12345678902", "Maria João Silva", "maria.silva@example.pt"):
        assert value not in stored, value
    assert "quero pedir uma declaração" in stored  # the rest of the conversation is kept


def test_repeated_wrong_nifs_lock_the_number_even_for_the_right_nif(chat, rasa_url):
    number = NUMBER.search(_request(chat)).group(1)
    wrong_nifs = ["287654320", "100000002", "200000004", "500000000", "999999990"]
    for wrong in wrong_nifs:
        guesser = Conversation(rasa_url)
        guesser.say(f"como está o pedido {number}?")
        assert "não encontrei" in guesser.say(wrong).lower()
    owner = Conversation(rasa_url)
    owner.say(f"como está o meu pedido {number}?")
    locked = owner.say(NIF)
    assert "bloque" in locked.lower() and "minuto" in locked
    assert "registado" not in locked.lower()
