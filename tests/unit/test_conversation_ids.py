"""Conversation ids that cannot be guessed (bot/conversation_ids.py) and the door's rate limiter."""

from __future__ import annotations

import secrets
import uuid

import pytest

from bot.conversation_ids import is_unguessable, new_id
from bot.serving.door import RateLimiter, as_citizen_text, is_text


@pytest.mark.parametrize("sender", [
    str(uuid.uuid4()), uuid.uuid4().hex, new_id(), secrets.token_urlsafe(16),
    secrets.token_urlsafe(32), f"{new_id()}.{new_id()}",
])
def test_random_ids_pass(sender):
    assert is_unguessable(sender)


@pytest.mark.parametrize("sender", [
    None, "", "default", "test", "eu", "arranque", "123456789", "9" * 40, "a" * 40,
    "abababababababababababababababab", "e2e-1234567890", uuid.uuid4().hex[:16],
    "00000000-0000-0000-0000-000000000000", "x" * 200, "olá-" + new_id(), "a b c d " * 5,
    12345, ["x"], {"id": new_id()}, new_id() + "\n",
])
def test_missing_short_and_well_known_ids_fail(sender):
    assert not is_unguessable(sender)


def test_new_ids_differ():
    assert len({new_id() for _ in range(1000)}) == 1000


def test_rate_limiter_counts_a_sliding_window_per_key():
    limiter = RateLimiter(limit=3, window=60)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("b", now=3)  # another key has its own count
    assert limiter.allow("a", now=60.5)  # the first event left the window


def test_rate_limiter_zero_means_no_limit_and_memory_is_bounded():
    assert all(RateLimiter(limit=0).allow("a", now=0) for _ in range(1000))
    limiter = RateLimiter(limit=1, window=60, max_keys=100)
    for i in range(1000):
        limiter.allow(str(i), now=0)
    assert len(limiter._events) == 100


@pytest.mark.parametrize("value, expected", [
    ("olá", True), ("", True), ("\ud800", False), (5, False), (None, False), (["x"], False),
])
def test_is_text(value, expected):
    assert is_text(value) is expected


@pytest.mark.parametrize("text, expected", [
    ("/affirm", "/affirm"), ("  /talk_to_human ", "/talk_to_human"), ("olá", "olá"),
    ("/restart", "restart"), ("/session_start", "session_start"),
    ('/inform{"cert_consent": true}', 'inform{"cert_consent": true}'),
    ("/affirm qualquer coisa", "affirm qualquer coisa"), ("//affirm", "affirm"), ("/", "/"),
])
def test_only_bare_button_payloads_stay_commands(text, expected):
    assert as_citizen_text(text) == expected


def test_genuine_random_ids_are_practically_never_refused():
    # With 10 distinct symbols asked of every id, about 1 UUID in 12 000 was refused.
    import secrets
    import uuid

    from bot.conversation_ids import is_unguessable
    refused = [value for value in (
        *(str(uuid.uuid4()) for _ in range(50_000)),
        *(secrets.token_hex(16) for _ in range(20_000)),
        *(secrets.token_urlsafe(16) for _ in range(20_000)),
    ) if not is_unguessable(value)]
    assert refused == []
    assert not is_unguessable("12121212-1212-4121-8121-212121212121")
    assert not is_unguessable("ab" * 16)
