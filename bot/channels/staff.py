"""Front-desk channel for Segurança Social counter staff (credentials key
`bot.channels.staff.StaffInput`, webhook `/webhooks/staff/webhook`).

It is Rasa's REST channel behind a bearer token: every request must carry
`Authorization: Bearer <token>` with the token of env `STAFF_TOKEN`. Without
that variable the channel refuses everything, so a misconfigured server is
never an open staff endpoint. Conversations arriving here have the input
channel "staff", which the actions read to answer in front-desk mode (legal
basis always shown, complete traces).

Two things differ from a citizen's conversation (bot.front_desk_reading): a case
described in one line outside a journey starts the estimate with its facts, and
the greeting speaks to the clerk (a `channel: staff` variant in domain.yml, picked
because the answers are collected under that name).
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import front_desk_reading
from bot.channels.rest import checked_blueprint

logger = logging.getLogger(__name__)

TOKEN_ENV = "STAFF_TOKEN"
CHANNEL_NAME = "staff"


def _unauthorised(message: str) -> HTTPResponse:
    # Same body shape as the Rasa HTTP API's own 401 answers.
    return response.json(
        {"status": "failure", "reason": "NotAuthenticated", "message": message, "code": 401},
        status=401,
        headers={"WWW-Authenticate": 'Bearer realm="staff"'},
    )


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, token = (header or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


class StaffOutput(CollectingOutputChannel):
    """Collects the turn's answers under the name "staff", so responses can have
    `channel: staff` variants in domain.yml (the clerk's greeting)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME


async def _parse_for_staff(agent: Any, message: UserMessage) -> dict[str, Any] | None:
    """The message's parse with a one-line case read as the start of an estimate, or
    None to let Rasa parse it (inside a journey, or for button payloads)."""
    text = message.text or ""
    if agent is None or not text or text.startswith("/"):
        return None
    tracker = await agent.tracker_store.retrieve(message.sender_id)
    if tracker is not None and tracker.active_loop_name:
        return None  # inside a journey the form reads every fact of the line itself
    parsed = await agent.parse_message(text)
    intent = (parsed.get("intent") or {}).get("name")
    if front_desk_reading.starts_estimate(text, intent):
        parsed["intent"] = {"name": front_desk_reading.START_ESTIMATE, "confidence": 1.0}
    return parsed


class StaffInput(RestInput):
    """REST webhook for the counter, authenticated with a bearer token."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        token = (os.environ.get(TOKEN_ENV, "") if token is None else token).strip()
        self._token = token or None
        if self._token is None:
            # Said once, at start-up; the token itself is never logged.
            logger.error("Staff channel not configured: %s is not set, refusing every request.", TOKEN_ENV)

    def is_authorised(self, request: Request) -> bool:
        if self._token is None:
            return False
        given = bearer_token(request.headers.get("Authorization"))
        # Constant-time comparison: the answer time must not leak the token.
        return given is not None and hmac.compare_digest(given.encode(), self._token.encode())

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        return None

    def _extract_input_channel(self, req: Request) -> str:
        # RestInput lets the body choose the channel name; here it is always "staff",
        # so a request cannot leave front-desk mode (nor another channel enter it).
        return self.name()

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        app_seen: dict[str, Any] = {}

        async def staff_turn(message: UserMessage) -> Any:
            agent = getattr(app_seen["app"].ctx, "agent", None) if "app" in app_seen else None
            # The plain JSON answer is collected here; a streamed one (?stream=true) goes as it is.
            collected = type(message.output_channel) is CollectingOutputChannel
            output = StaffOutput() if collected else message.output_channel
            turn = UserMessage(message.text, output, message.sender_id,
                               parse_data=await _parse_for_staff(agent, message),
                               input_channel=message.input_channel, metadata=message.metadata)
            try:
                return await on_new_message(turn)
            finally:
                if collected:
                    message.output_channel.messages.extend(output.messages)

        staff_webhook = super().blueprint(staff_turn)

        @staff_webhook.middleware("request")
        async def require_token(request: Request) -> HTTPResponse | None:
            app_seen.setdefault("app", request.app)  # the agent of this server, for staff_turn
            if self._token is None:
                return _unauthorised("O canal de atendimento não está configurado.")
            if not self.is_authorised(request):
                return _unauthorised("Falta o token de acesso ou não é válido.")
            return None

        # After the token: an unauthenticated caller learns nothing from the door's answers.
        return checked_blueprint(staff_webhook)
