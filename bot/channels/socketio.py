"""socket.io channel with two fixes for Rasa 3.6.21 under python-socketio >= 5.10.

1. Rasa's `session_request` handler calls the coroutine `sio.enter_room` without
   awaiting it (Rasa issue #13027), so with `session_persistence: true` the
   browser never joins its room and receives no replies.
2. Web widgets send `{"message": null}` when they open; Rasa would treat it as
   a user turn. We ignore it.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint


class FixedSocketIOInput(SocketIOInput):
    """Drop-in replacement for `socketio` in credentials.yml."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"
        original_message_handler = sio.handlers[namespace][self.user_message_evt]

        async def session_request(sid: str, data: dict | None) -> None:
            data = dict(data or {})
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                entered = sio.enter_room(sid, data["session_id"], namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)

        async def handle_message(sid: str, data: dict | None) -> None:
            if not data or data.get("message") is None:
                return
            await original_message_handler(sid, data)

        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return socketio_webhook
