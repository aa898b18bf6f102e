"""The Redis server shared by the Rasa processes: its URL, a checked client, clear errors.

Several Rasa processes serving the same conversations share one Redis (the
lock store, ``bot.serving.lock_store``, and the open forms' personal slots,
``bot.serving.tracker_store``). Its URL, password included, comes from the
environment (``RSI_REDIS_URL``), never from a command line or a file in the
repository, and is never shown with its password.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import redis
from rasa.shared.exceptions import ConnectionException

REDIS_URL_ENV = "RSI_REDIS_URL"
# Short on purpose: an unreachable Redis must give an error within seconds,
# not hold a conversation's turn (Rasa's own default is 10 s per call).
CONNECT_TIMEOUT_S = 2.0
SOCKET_TIMEOUT_S = 5.0


class RedisUnavailable(ConnectionException):
    """Redis could not be reached or answered with an error; the message names the URL without its password."""


def redis_url() -> str | None:
    """The shared Redis's URL from ``RSI_REDIS_URL``, or None when the variable is unset or empty."""
    return os.environ.get(REDIS_URL_ENV, "").strip() or None


def shown_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, fit for messages and logs."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        user = parts.username or ""
        host = parts.hostname or ""
        if parts.port is not None:
            host = f"{host}:{parts.port}"
        return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
    except ValueError:
        return "(an unreadable URL)"


def describe(url: str, error: Exception, what: str = "Redis") -> str:
    """One line naming what failed, where (no password) and why."""
    reason = str(error).strip() or type(error).__name__
    return f"{what} unavailable at {shown_url(url)}: {reason}"


def connect(url: str, socket_timeout: float = SOCKET_TIMEOUT_S, what: str = "Redis") -> redis.Redis:
    """A client for ``url`` that has answered a PING, or ``RedisUnavailable``."""
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=min(CONNECT_TIMEOUT_S, socket_timeout),
            socket_timeout=socket_timeout)
    except ValueError as error:
        # redis-py's message names the schemes it accepts, never the URL.
        raise RedisUnavailable(f"{what}: {REDIS_URL_ENV} is not a Redis URL ({error})") from None
    try:
        client.ping()
    except redis.RedisError as error:
        raise RedisUnavailable(describe(url, error, what)) from error
    return client
