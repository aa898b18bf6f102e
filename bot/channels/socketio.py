"""socket.io channel: Rasa's, with its sessions bound to their socket and the door checks.

Fixes over Rasa 3.6.21 under python-socketio >= 5.10:
1. Rasa's `session_request` handler calls the coroutine `sio.enter_room` without
   awaiting it (Rasa issue #13027), so with `session_persistence: true` the
   browser never joins its room and receives no replies.
2. Web widgets send `{"message": null}` when they open; Rasa would treat it as
   a user turn. We ignore it.

Security (the conversation id is a bearer secret, see `bot.conversation_ids`):
3. Session ids are made by the server and signed; an id the client made up is
   replaced by a fresh one, so nobody can pick another person's id.
4. A session belongs to the socket that holds it: while that socket is
   connected, another socket asking for the same id gets a new session and
   never joins the first one's room. After a disconnect (page reload) the
   signed id may be taken up again.
5. Rasa takes the conversation from the `session_id` inside each message; we
   use the session bound to the socket instead, whatever the message says.
6. Message type, length and rate are checked as on the REST channel; a frame
   larger than the door's body limit is refused by engine.io itself.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.conversation_ids import new_id
from bot.serving import door
from bot.serving.settings import cors_origins, secret

SESSION_KEY = "RSI_SESSION_KEY"
_SIGNATURE_CHARS = 32
NO_SESSION = "A ligação perdeu a sessão. Recarregue a página para continuar."
NOT_TEXT = "Só consigo ler mensagens de texto."


def _signature(core: str) -> str:
    key = secret(SESSION_KEY).encode()
    return hmac.new(key, core.encode(), hashlib.sha256).hexdigest()[:_SIGNATURE_CHARS]


def issue_session_id() -> str:
    core = new_id()
    return f"{core}.{_signature(core)}"


def is_issued(session_id: object) -> bool:
    """True for an id this service made (its signature checks)."""
    if not isinstance(session_id, str) or session_id.count(".") != 1:
        return False
    core, signature = session_id.split(".")
    return len(core) == len(new_id()) and hmac.compare_digest(signature, _signature(core))


class FixedSocketIOInput(SocketIOInput):
    """Drop-in replacement for `socketio` in credentials.yml."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._session_of: dict[str, str] = {}  # socket id -> session id
        self._holder: dict[str, str] = {}  # session id -> socket id

    def bind(self, sid: str, requested: object) -> str:
        """The session this socket gets: the one it asked for if it may have it."""
        self.release(sid)
        if is_issued(requested) and requested not in self._holder:
            session_id = str(requested)
        else:
            session_id = issue_session_id()
        self._session_of[sid], self._holder[session_id] = session_id, sid
        return session_id

    def release(self, sid: str) -> None:
        session_id = self._session_of.pop(sid, None)
        if session_id is not None and self._holder.get(session_id) == sid:
            del self._holder[session_id]

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"
        # None lets engine.io accept its own origin only; named origins may embed the chat.
        sio.eio.cors_allowed_origins = cors_origins() or None
        sio.eio.max_http_buffer_size = door.MAX_WEBHOOK_BODY_BYTES
        original_message_handler = sio.handlers[namespace][self.user_message_evt]

        async def say(sid: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=self.namespace)

        original_connect = sio.handlers[namespace]["connect"]

        async def connect(sid: str, environ: Any = None, auth: Any = None) -> bool:
            # A client may emit an event named "connect" with any arguments; only
            # the real connection (with its WSGI environ) reaches Rasa's check.
            if not isinstance(environ, dict):
                return False
            return await original_connect(sid, environ, auth)

        async def session_request(sid: str, data: Any = None, *_: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = self.bind(sid, requested)
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        async def disconnect(sid: str, *_: Any) -> None:
            self.release(sid)

        async def handle_message(sid: str, data: Any = None, *_: Any) -> None:
            if not isinstance(data, dict) or data.get("message") is None:
                return
            message = data["message"]
            session_id = self._session_of.get(sid)
            if session_id is None:
                await say(sid, NO_SESSION)
                return
            if not door.is_text(message):
                await say(sid, NOT_TEXT)
                return
            if not door.per_sender.allow(session_id):
                await say(sid, door.TOO_FAST)
                return
            if door.too_long(message):
                await say(sid, door.too_long_reply())
                return
            # Only the bound session counts, and no client metadata reaches the tracker.
            await original_message_handler(
                sid, {"message": door.as_citizen_text(message), "session_id": session_id}
            )

        sio.on("connect", handler=connect, namespace=self.namespace)
        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on("disconnect", handler=disconnect, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return socketio_webhook
