"""Limits at the door: what a request must look like before it reaches NLU.

A citizen's message is a few sentences, not a document: one 50,000-character
message once held the Rasa server for 96 s at 18 GB while everyone else timed
out. So every webhook body is checked here first, cheaply: size, JSON shape,
conversation id, message type and length, and how fast one conversation or
one address sends. Malformed requests get a 4xx with a short reason in
Portuguese; a message that is merely too long gets a polite reply in the
conversation's own shape, so the citizen sees it in the chat.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import OrderedDict, deque
from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.conversation_ids import is_unguessable

# A long citizen message is a few hundred characters; 2,000 leaves room for a
# whole case told in one go while keeping the classifier's cost bounded.
MAX_MESSAGE_CHARS = 2_000
# Whole request bodies: a webhook body carries one message (JSON may escape a
# character into 6 bytes), the HTTP API a little more. Sanic refuses anything
# above REQUEST_MAX_BYTES with 413 before reading it.
MAX_WEBHOOK_BODY_BYTES = 64 * 1024
REQUEST_MAX_BYTES = 1024 * 1024
# Nobody types more than one message a second for a minute; a script does.
SENDER_LIMIT_ENV = "RSI_RATE_PER_SENDER"
IP_LIMIT_ENV = "RSI_RATE_PER_IP"
DEFAULT_PER_SENDER_PER_MINUTE = 60
DEFAULT_PER_IP_PER_MINUTE = 600
WINDOW_SECONDS = 60.0
# Bounded memory for the counters, whatever the number of senders.
MAX_TRACKED_KEYS = 50_000

# Rasa reads a message starting with "/" as an intent with entities, so a citizen
# could type '/inform{"x": 1}' or "/restart" (which answers nothing). Only the
# bare "/intent" payloads the assistant's own buttons send are kept as commands.
_BUTTON_PAYLOAD = re.compile(r"/[a-z_]{1,40}")
INTERNAL_INTENTS = frozenset({"restart", "session_start", "back"})

TOO_LONG = (
    "A sua mensagem é demasiado longa para eu a ler (máximo de {limit} caracteres). "
    "Pode escrevê-la em partes mais curtas? Se tiver documentos para entregar, "
    "leve-os a um balcão da Segurança Social."
)
TOO_FAST = "Está a enviar mensagens depressa demais. Espere um minuto e tente de novo."
BAD_SENDER = (
    "Falta o identificador da conversa («sender») ou é fácil de adivinhar: use um "
    "identificador aleatório com pelo menos 128 bits, por exemplo um UUID4."
)


class RateLimiter:
    """At most ``limit`` events per key in a sliding window; 0 means no limit."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS,
                 max_keys: int = MAX_TRACKED_KEYS) -> None:
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, key: str, now: float | None = None) -> bool:
        if self.limit <= 0:
            return True
        now = time.monotonic() if now is None else now
        events = self._events.pop(key, None) or deque()
        while events and now - events[0] >= self.window:
            events.popleft()
        allowed = len(events) < self.limit
        if allowed:
            events.append(now)
        self._events[key] = events  # most recent last, so eviction drops the idlest
        while len(self._events) > self.max_keys:
            self._events.popitem(last=False)
        return allowed


def _limit(env: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(env, default)))
    except ValueError:
        return default


per_sender = RateLimiter(_limit(SENDER_LIMIT_ENV, DEFAULT_PER_SENDER_PER_MINUTE))
per_ip = RateLimiter(_limit(IP_LIMIT_ENV, DEFAULT_PER_IP_PER_MINUTE))


def refusal(status: int, reason: str) -> HTTPResponse:
    """A short JSON answer for a request that cannot be served."""
    return response.json({"error": reason, "status": status}, status=status)


def json_object(request: Request) -> dict[str, Any] | HTTPResponse:
    """The body as a JSON object, or the 4xx to send instead."""
    body = request.body or b""
    if len(body) > MAX_WEBHOOK_BODY_BYTES:
        return refusal(413, "O pedido é demasiado grande.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return refusal(400, "O corpo do pedido tem de ser um objeto JSON válido (UTF-8).")
    if not isinstance(data, dict):
        return refusal(400, "O corpo do pedido tem de ser um objeto JSON, por exemplo "
                            '{"sender": "…", "message": "olá"}.')
    return data


def is_text(value: object) -> bool:
    """A string that is valid Unicode text (JSON may carry lone surrogates, which
    break every encoder downstream)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def as_citizen_text(text: str) -> str:
    """The message as Rasa should read it: a button payload, or plain text."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    if _BUTTON_PAYLOAD.fullmatch(stripped) and stripped[1:] not in INTERNAL_INTENTS:
        return stripped
    return stripped.lstrip("/").strip() or text


def too_long(text: str) -> bool:
    return len(text) > MAX_MESSAGE_CHARS


def too_long_reply() -> str:
    return TOO_LONG.format(limit=f"{MAX_MESSAGE_CHARS:_}".replace("_", " "))


def check_message(request: Request) -> HTTPResponse | None:
    """Checks a REST webhook call; None lets it through to the assistant."""
    if request.method != "POST":
        return None
    data = json_object(request)
    if isinstance(data, HTTPResponse):
        return data
    sender = data.get("sender")
    if not is_unguessable(sender):
        return refusal(400, BAD_SENDER)
    message = data.get("message")
    if not is_text(message):
        return refusal(400, "Falta a mensagem («message») ou não é texto válido.")
    if not per_sender.allow(sender):
        return refusal(429, TOO_FAST)
    if too_long(message):
        return response.json([{"recipient_id": sender, "text": too_long_reply()}])
    # Rasa's channel reads the parsed body kept on the request.
    request.parsed_json = {"sender": sender, "message": as_citizen_text(message)}
    return None


def check_address(request: Request) -> HTTPResponse | None:
    """Per-address rate for the webhooks (the HTTP API is behind a token)."""
    if not per_ip.allow(request.ip or "?"):
        return refusal(429, TOO_FAST)
    return None
