"""The socket.io channel as the website chat uses it: its own pages plus the named origins.

`FixedSocketIOInput` hands engine.io the list RSI_CORS_ORIGINS. Given a list,
engine.io accepts only the origins in it, so naming a site that embeds the
widget would lock out the chat page the server itself serves (`/chat/`, see
`bot.serving.web_chat`): browsers send an Origin header with every websocket
and every POST. Here the server's own origin is always accepted, and the named
ones too; any other origin is refused, never "*".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from bot.channels.socketio import FixedSocketIOInput
from bot.serving.settings import cors_origins


def own_origins(environ: dict[str, Any]) -> list[str]:
    """The origins of the request's own host, as engine.io works them out when no list is set."""
    host = environ.get("HTTP_HOST")
    if not host:
        return []
    scheme = environ.get("wsgi.url_scheme", "http")
    origins = [f"{scheme}://{host}"]
    forwarded_host = environ.get("HTTP_X_FORWARDED_HOST")
    forwarded_proto = environ.get("HTTP_X_FORWARDED_PROTO")
    if forwarded_host or forwarded_proto:
        proto = (forwarded_proto or scheme).split(",")[0].strip()
        origins.append(f"{proto}://{(forwarded_host or host).split(',')[0].strip()}")
    return origins


def origin_allowed(origin: str | None, environ: dict[str, Any] | None = None) -> bool:
    """engine.io's check for a request that carries an Origin header."""
    if not origin:
        return True  # engine.io only asks when there is one; no header, no browser page
    origin = origin.rstrip("/")
    return origin in own_origins(environ or {}) or origin in cors_origins()


class WebsiteSocketIOInput(FixedSocketIOInput):
    """`FixedSocketIOInput` whose own pages keep working when other origins are named."""

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        self.sio.eio.cors_allowed_origins = origin_allowed
        # engine.io would add "Allow-Credentials: true"; the widget sends no
        # cookies, and the server's HTTP CORS never allows credentials either.
        self.sio.eio.cors_credentials = False
        return socketio_webhook
