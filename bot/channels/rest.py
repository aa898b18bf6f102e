"""The citizens' REST channel, pinned to its own name and checked at the door.

Rasa's RestInput takes the conversation's input channel from the request body
(`"input_channel": "staff"`), so anyone could ask for front-desk answers and
have a certificate request recorded as made at the counter. This subclass
always reports "rest", ignores client metadata (nothing here reads it), and
runs the door checks of `bot.serving.door` (body shape, unguessable sender,
message length, rate) before the message reaches NLU.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.serving import door


def checked_blueprint(blueprint: Blueprint) -> Blueprint:
    """Adds the door checks to a REST-like webhook blueprint."""

    @blueprint.middleware("request")
    async def at_the_door(request: Request) -> HTTPResponse | None:
        return door.check_message(request)

    return blueprint


class PinnedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        return None

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        return checked_blueprint(super().blueprint(on_new_message))
