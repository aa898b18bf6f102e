"""The open certificate form's personal slots shared through Redis (RSI_REDIS_URL set):
two tracker stores on one database and one Redis stand for two Rasa processes
behind the proxy, the turns of one conversation alternating between them.

On SQLite and PostgreSQL, with the real Redis of scripts/redis.sh.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest
import redis
from rasa.shared.core.domain import Domain

from bot.serving.shared_form_cache import KEY_PREFIX
from bot.serving.tracker_store import RedactingSQLTrackerStore

from .conftest import REDIS_SCRIPT, server_url
from .test_conversation_store import EMAIL, NAME, NIF, NISS, certificate_turns, retrieve, turn

ROOT = Path(__file__).resolve().parents[2]
PERSONAL_SLOTS = {"cert_name": NAME, "cert_nif": NIF, "cert_niss": NISS, "cert_email": EMAIL}


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def shared(redis_url, monkeypatch) -> redis.Redis:
    """RSI_REDIS_URL and a cache key as a deployment sets them; a client to look at Redis."""
    monkeypatch.setenv("RSI_REDIS_URL", redis_url)
    monkeypatch.setenv("RSI_CACHE_KEY", "a test key shared by both processes")
    return redis.Redis.from_url(redis_url)


def process(domain: Domain, url: str) -> RedactingSQLTrackerStore:
    return RedactingSQLTrackerStore(domain=domain, host=url)


def filled(tracker) -> dict[str, str]:
    return {name: tracker.get_slot(name) for name in PERSONAL_SLOTS if tracker.get_slot(name)}


def test_the_other_process_continues_the_form_with_its_personal_slots(domain, database_url, shared):
    sender = str(uuid.uuid4())
    first, second = process(domain, database_url), process(domain, database_url)
    turns = certificate_turns()
    expected = {}
    for number, events in enumerate(turns[:5]):
        serving, other = (first, second) if number % 2 == 0 else (second, first)
        turn(serving, sender, events)
        expected.update({e["name"]: e["value"] for e in events
                         if e["event"] == "slot" and e["name"] in PERSONAL_SLOTS})
        assert filled(retrieve(other, sender)) == expected, f"after turn {number + 1}"
    assert expected == PERSONAL_SLOTS

    key = KEY_PREFIX + sender
    raw = shared.get(key)
    assert raw, "the entry is in Redis"
    for value in PERSONAL_SLOTS.values():
        assert value.encode() not in raw and value.lower().encode() not in raw.lower()
    assert b"cert_nif" not in raw and b"events" not in raw  # not even the structure shows
    # At most one conversation session (domain.yml: 60 minutes).
    assert 0 < shared.ttl(key) <= 60 * 60

    turn(first, sender, turns[5])  # confirmed: the form closes
    assert shared.exists(key) == 0
    assert filled(retrieve(second, sender)) == {}


def test_an_entry_older_than_the_database_is_not_used(domain, database_url, redis_url, shared, monkeypatch):
    sender = str(uuid.uuid4())
    first = process(domain, database_url)
    turns = certificate_turns()
    turn(first, sender, turns[0])
    turn(first, sender, turns[1])
    assert shared.exists(KEY_PREFIX + sender)

    # A turn saved without the shared cache (a process started without
    # RSI_REDIS_URL): the database has rows the entry does not know.
    monkeypatch.delenv("RSI_REDIS_URL")
    turn(process(domain, database_url), sender, turns[2])
    monkeypatch.setenv("RSI_REDIS_URL", redis_url)

    tracker = retrieve(process(domain, database_url), sender)
    assert tracker.active_loop_name == "certificate_form"
    assert filled(tracker) == {}  # the form asks again rather than use stale values
    assert shared.exists(KEY_PREFIX + sender) == 0


def test_a_process_with_another_key_reads_nothing(domain, database_url, shared, monkeypatch, caplog):
    sender = str(uuid.uuid4())
    turns = certificate_turns()
    writer = process(domain, database_url)
    turn(writer, sender, turns[0])
    turn(writer, sender, turns[1])
    turn(writer, sender, turns[2])

    monkeypatch.setenv("RSI_CACHE_KEY", "another installation's key")
    with caplog.at_level(logging.WARNING):
        tracker = retrieve(process(domain, database_url), sender)
    assert filled(tracker) == {}
    assert "could not be decrypted" in caplog.text
    assert all(value not in caplog.text for value in PERSONAL_SLOTS.values())


def test_without_rsi_redis_url_the_slots_stay_in_the_process(domain, database_url, shared, monkeypatch):
    monkeypatch.delenv("RSI_REDIS_URL")
    sender = str(uuid.uuid4())
    first, second = process(domain, database_url), process(domain, database_url)
    for events in certificate_turns()[:3]:
        turn(first, sender, events)
    assert filled(retrieve(first, sender)) == {"cert_name": NAME, "cert_nif": NIF}
    assert filled(retrieve(second, sender)) == {}
    assert shared.exists(KEY_PREFIX + sender) == 0


def test_redis_going_away_mid_form_costs_a_question_not_the_turn(domain, database_url, monkeypatch, caplog,
                                                                   tmp_path):
    """A Redis of its own (port 56380) stopped during the form: turns are still saved; the form asks again."""
    url = server_url(REDIS_SCRIPT, "Redis on 56380", {"REDIS_PORT": "56380", "RSI_REDIS_DIR": str(tmp_path)})
    monkeypatch.setenv("RSI_REDIS_URL", url)
    monkeypatch.setenv("RSI_CACHE_KEY", "a test key shared by both processes")
    sender = str(uuid.uuid4())
    turns = certificate_turns()
    live = process(domain, database_url)
    turn(live, sender, turns[0])
    turn(live, sender, turns[1])
    redis.Redis.from_url(url).shutdown(nosave=True)

    with caplog.at_level(logging.WARNING):
        turn(live, sender, turns[2])  # no exception: the turn is saved
        tracker = retrieve(live, sender)
    assert tracker.active_loop_name == "certificate_form"
    assert tracker.get_slot("requested_slot") == "cert_niss"
    assert filled(tracker) == {}
    assert "Shared form cache (Redis) unavailable at redis://127.0.0.1:56380/0" in caplog.text
    assert all(value not in caplog.text for value in PERSONAL_SLOTS.values())
