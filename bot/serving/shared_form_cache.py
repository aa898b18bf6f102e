"""The open forms' personal slots in Redis, encrypted, for several Rasa processes.

``bot.serving.tracker_store`` never writes the personal slots (name, NIF,
NISS, e-mail, address) to the database; while the certificate form is open it
keeps the last saved events, those slots included, beside it. One process
keeps them in its memory; several processes behind one proxy keep them here,
so whichever process gets the next message can continue the form.

What Redis holds, under ``rsi:form:<conversation id>``, is AES-256-GCM
ciphertext (a fresh nonce each time, the key name as associated data, so an
entry cannot be moved to another conversation); the key is derived from
``RSI_CACHE_KEY``, else from the ``RSI_SESSION_KEY`` secret (bot/serving/settings.py),
which every process of one installation shares. An entry lives at most one
conversation session (domain.yml ``session_config``), and is deleted as soon
as the form closes.

Redis failing during a turn never fails the turn: the entry is treated as
missing (the form asks again) and a warning without personal data is logged.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from collections.abc import Callable
from typing import Any

import redis
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.serving.redis_connection import connect, describe
from bot.serving.settings import secret

log = logging.getLogger(__name__)

CACHE_KEY_ENV = "RSI_CACHE_KEY"
KEY_PREFIX = "rsi:form:"
NONCE_BYTES = 12
# When the domain sets no session expiry: Rasa's default session length.
DEFAULT_TTL_S = 60 * 60
WHAT = "Shared form cache (Redis)"

# Deletes the entry only if it is still the value that was read: a process
# dropping a stale entry must not delete the fresh one another process has
# just written.
_DELETE_IF_UNCHANGED = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def cache_key() -> bytes:
    """The 256-bit AES key: from ``RSI_CACHE_KEY``, else from the session key secret.

    HKDF with its own label, so the cache key is never the session key itself.
    """
    material = os.environ.get(CACHE_KEY_ENV, "").strip() or secret("RSI_SESSION_KEY")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"rsi shared in-form cache v1").derive(material.encode("utf-8"))


class SharedFormCache:
    """``_InFormCache``'s interface (put, get, drop) over Redis, encrypted, with a time to live."""

    def __init__(self, url: str, ttl_s: Callable[[], int] = lambda: DEFAULT_TTL_S,
                 key: bytes | None = None) -> None:
        """``ttl_s`` is asked at each write: Rasa gives the tracker store its domain after building it."""
        self.url = url
        self.ttl_s = ttl_s
        self.red = connect(url, what=WHAT)  # a missing Redis stops the start, clearly
        self._aead = AESGCM(key or cache_key())
        self._delete_if_unchanged = self.red.register_script(_DELETE_IF_UNCHANGED)

    def put(self, sender_id: str, rows: tuple[int, int], events: list[dict[str, Any]]) -> None:
        name = KEY_PREFIX + sender_id
        plain = json.dumps({"rows": list(rows), "events": events}).encode("utf-8")
        nonce = secrets.token_bytes(NONCE_BYTES)
        value = nonce + self._aead.encrypt(nonce, plain, name.encode("utf-8"))
        self._call("keep", lambda: self.red.set(name, value, ex=max(1, int(self.ttl_s()))))

    def drop(self, sender_id: str) -> None:
        self._call("drop", lambda: self.red.delete(KEY_PREFIX + sender_id))

    def get(self, sender_id: str, rows: tuple[int, int]) -> list[dict[str, Any]] | None:
        name = KEY_PREFIX + sender_id
        value = self._call("read", lambda: self.red.get(name))
        if not value:
            return None
        try:
            entry = json.loads(self._aead.decrypt(value[:NONCE_BYTES], value[NONCE_BYTES:], name.encode("utf-8")))
        except (InvalidTag, ValueError):
            # Another key (RSI_CACHE_KEY differs between processes?) or a damaged value.
            log.warning("%s: an entry could not be decrypted; is %s the same in every process?",
                        WHAT, CACHE_KEY_ENV)
            entry = None
        if entry is None or tuple(entry["rows"]) != rows:
            # The database moved on since (or the entry is unreadable): never use it again.
            self._call("drop", lambda: self._delete_if_unchanged(keys=[name], args=[value]))
            return None
        return entry["events"]

    def _call(self, doing: str, command: Any) -> Any:
        try:
            return command()
        except redis.RedisError as error:
            log.warning("could not %s a form's entry: %s", doing, describe(self.url, error, WHAT))
            return None
