"""The website chat over a real socket.io connection (channel `bot.channels.socketio`).

The client is python-socketio's asyncio client (over aiohttp), talking to the Rasa
server started by conftest.py on loopback, the way the web widget does: connect,
`session_request`, wait for `session_confirm`, then `user_uttered` / `bot_uttered`.
With `session_persistence: true`, replies are sent to the room named after the
session id, so a reply arriving at all proves the client joined that room
(Rasa issue #13027).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
import requests
import socketio

pytestmark = pytest.mark.e2e

TIMEOUT_S = 30.0
# How long a `{"message": null}` must stay unanswered; the server answers "olá" in well under 1 s.
QUIET_S = 5.0
# How long a turn may take to be saved after its reply was emitted.
SAVED_WITHIN_S = 5.0


@pytest.fixture(autouse=True)
def aiohttp_ws_timeout_shim(monkeypatch):
    """Lets python-engineio 4.15's asyncio client open websockets with aiohttp 3.9.

    engineio calls `aiohttp.ClientWSTimeout(ws_close=...)`, added in aiohttp 3.10,
    but Rasa 3.6 pins aiohttp < 3.10. In 3.9 `ws_connect(timeout=<float>)` is the
    same close timeout, so the shim hands back the float. Client side only: the
    server (Sanic) does not use aiohttp. Polling needs no shim.
    """
    if not hasattr(aiohttp, "ClientWSTimeout"):
        monkeypatch.setattr(
            aiohttp, "ClientWSTimeout", lambda ws_close=10.0, **_: ws_close, raising=False
        )


class WebChat:
    """The browser widget's side of one conversation."""

    def __init__(self, base_url: str, transports: list[str] | None = None,
                 session_id: str | None = None) -> None:
        self.base_url = base_url
        self.transports = transports
        # The id the page asks for (a stored one after a reload); the server decides.
        self.session_id = session_id
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue[dict] = asyncio.Queue()
        self.confirmations: asyncio.Queue[object] = asyncio.Queue()
        self.disconnected = False
        self.client.on("bot_uttered", handler=self.replies.put_nowait)
        self.client.on("session_confirm", handler=self.confirmations.put_nowait)
        self.client.on("disconnect", handler=self._on_disconnect)

    def _on_disconnect(self, *_reason: object) -> None:
        self.disconnected = True

    async def open(self) -> None:
        await self.client.connect(
            self.base_url, transports=self.transports, socketio_path="/socket.io",
            wait_timeout=TIMEOUT_S,
        )
        await self.client.emit("session_request", {"session_id": self.session_id})
        confirmed = await asyncio.wait_for(self.confirmations.get(), TIMEOUT_S)
        assert isinstance(confirmed, str) and confirmed
        self.session_id = confirmed

    async def send(self, message: object, session_id: str | None = None) -> None:
        await self.client.emit(
            "user_uttered", {"message": message, "session_id": session_id or self.session_id}
        )

    async def reply_containing(self, needle: str) -> list[dict]:
        """Every `bot_uttered` payload until one whose text contains `needle`."""
        received: list[dict] = []
        deadline = asyncio.get_running_loop().time() + TIMEOUT_S
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            try:
                payload = await asyncio.wait_for(self.replies.get(), max(remaining, 0.01))
            except asyncio.TimeoutError:
                pytest.fail(f"no bot_uttered containing {needle!r} in {TIMEOUT_S} s; got {received}")
            received.append(payload)
            if needle in (payload.get("text") or ""):
                return received

    async def close(self) -> None:
        if self.client.connected:
            await self.client.disconnect()


def run_chat(
    base_url: str, transports: list[str] | None, body: Callable[[WebChat], Awaitable[None]]
) -> None:
    """Runs one conversation in a fresh event loop, with an overall time limit."""

    async def main() -> None:
        chat = WebChat(base_url, transports)
        try:
            await asyncio.wait_for(body(chat), 3 * TIMEOUT_S)
        finally:
            await chat.close()

    asyncio.run(main())


def user_turns(base_url: str, token: str, session_id: str,
               until: list[str | None] | None = None) -> list[str | None]:
    """What the server's tracker recorded as user messages for this session.

    socket.io replies are emitted during the turn and the tracker is saved after it,
    off the event loop, and the tracker API takes no lock: with ``until``, wait up to
    SAVED_WITHIN_S for the turns to be saved."""
    deadline = time.monotonic() + SAVED_WITHIN_S
    while True:
        response = requests.get(
            f"{base_url}/conversations/{session_id}/tracker", headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        turns = [e.get("text") for e in response.json()["events"] if e["event"] == "user"]
        if until is None or turns == until or time.monotonic() > deadline:
            return turns
        time.sleep(0.1)


@pytest.mark.parametrize(
    "transports",
    [["polling"], None, ["websocket"]],
    ids=["polling", "polling-upgraded-to-websocket", "websocket"],
)
def test_greeting_over_socketio(rasa_url, api_token, transports):
    session_ids: list[str] = []

    async def body(chat: WebChat) -> None:
        await chat.open()
        session_ids.append(chat.session_id)
        await chat.send("olá")
        received = await chat.reply_containing("RSI")
        assert all(set(p) <= {"text", "quick_replies"} for p in received), received
        assert not chat.disconnected

    run_chat(rasa_url, transports, body)
    # The session id, not the socket id, is the conversation: the server kept it.
    assert user_turns(rasa_url, api_token, session_ids[0], until=["olá"]) == ["olá"]


def test_null_message_on_open_is_ignored(rasa_url, api_token, work_dir: Path):
    rasa_log = work_dir / "rasa.log"
    log_start = rasa_log.stat().st_size
    session_ids: list[str] = []

    async def body(chat: WebChat) -> None:
        await chat.open()
        session_ids.append(chat.session_id)
        await chat.send(None)
        with pytest.raises(asyncio.TimeoutError):
            unexpected = await asyncio.wait_for(chat.replies.get(), QUIET_S)
            pytest.fail(f"the null message got a reply: {unexpected}")
        assert chat.client.connected and not chat.disconnected
        await chat.send("olá")
        await chat.reply_containing("RSI")

    run_chat(rasa_url, None, body)
    assert user_turns(rasa_url, api_token, session_ids[0], until=["olá"]) == ["olá"]
    with open(rasa_log, "rb") as log:
        log.seek(log_start)
        new_log = log.read().decode("utf-8", "replace")
    assert "Traceback" not in new_log, new_log[-3000:]


# --------------------------------------------------------------------------- security
# The session id is a bearer secret: made by the server, bound to one socket.


def test_a_session_id_made_up_by_the_client_is_replaced(rasa_url):
    async def body(chat: WebChat) -> None:
        chat.session_id = "default"
        await chat.open()
        assert chat.session_id != "default" and len(chat.session_id) >= 32

    run_chat(rasa_url, None, body)


def test_a_second_socket_cannot_join_a_live_session(rasa_url, api_token):
    """The attack: a second socket asks for the first one's session id, then
    sends messages naming it. It gets its own session and none of the first's replies."""

    async def main() -> None:
        owner, intruder = WebChat(rasa_url), WebChat(rasa_url)
        try:
            await owner.open()
            intruder.session_id = owner.session_id
            await intruder.open()
            assert intruder.session_id != owner.session_id
            await intruder.send("quero pedir uma certidão", session_id=owner.session_id)
            await intruder.reply_containing("")
            await owner.send("olá")
            await owner.reply_containing("RSI")
            await asyncio.sleep(1)
            assert intruder.replies.empty(), "the intruder received the owner's replies"
        finally:
            await owner.close()
            await intruder.close()
        # The message naming the owner's session went to the intruder's own conversation.
        assert user_turns(rasa_url, api_token, owner.session_id, until=["olá"]) == ["olá"]
        assert user_turns(rasa_url, api_token, intruder.session_id, until=["quero pedir uma certidão"]) == ["quero pedir uma certidão"]

    asyncio.run(asyncio.wait_for(main(), 3 * TIMEOUT_S))


def test_a_reload_takes_up_the_same_conversation(rasa_url, api_token):
    async def main() -> None:
        first = WebChat(rasa_url)
        await first.open()
        await first.send("olá")
        await first.reply_containing("RSI")
        await first.close()
        reloaded = WebChat(rasa_url, session_id=first.session_id)
        try:
            await reloaded.open()
            assert reloaded.session_id == first.session_id
            await reloaded.send("obrigado")
            await reloaded.reply_containing("")
        finally:
            await reloaded.close()
        assert user_turns(rasa_url, api_token, first.session_id, until=["olá", "obrigado"]) == ["olá", "obrigado"]

    asyncio.run(asyncio.wait_for(main(), 3 * TIMEOUT_S))


@pytest.mark.parametrize("message", [12345, ["olá"], {"text": "olá"}, "x" * 50_000])
def test_non_text_and_oversized_messages_get_a_polite_answer(rasa_url, message):
    async def body(chat: WebChat) -> None:
        await chat.open()
        started = asyncio.get_running_loop().time()
        await chat.send(message)
        reply = await asyncio.wait_for(chat.replies.get(), TIMEOUT_S)
        assert asyncio.get_running_loop().time() - started < 1.0
        assert "texto" in reply["text"] or "demasiado longa" in reply["text"]

    run_chat(rasa_url, None, body)
