"""The website chat's files, served by the Rasa server on the origin of its socket.io channel.

- `/chat/`: a demo page in pt-PT with the conversation on it;
- `/chat/widget.js` (+ `/chat/widget.css`): the widget, embeddable in any page with
  `<script src="https://HOST/chat/widget.js" data-server="https://HOST" defer></script>`
  (that page's origin must be listed in RSI_CORS_ORIGINS);
- `/chat/vendor/socket.io.min.js` and its licence: the socket.io client, installed
  from the npm registry by `scripts/setup.sh` (`npm ci`, pinned in package-lock.json).

Nothing else is served: the table below is the whole list, so no path typed in
a URL can reach another file. Files are read at each request (they are small)
and sent uncached, so a new version of the widget is picked up at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.errors import InputError
from bot.store.requests import retention_days

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web" / "chat"
SOCKETIO_CLIENT = ROOT / "node_modules" / "socket.io-client"
RETENTION_PLACEHOLDER = "{{RETENTION_DAYS}}"

JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
# path -> (file, content type, may another site load it)
FILES: dict[str, tuple[Path, str, bool]] = {
    "/chat/": (WEB / "index.html", "text/html; charset=utf-8", False),
    "/chat/page.css": (WEB / "page.css", CSS, False),
    "/chat/widget.js": (WEB / "widget.js", JS, True),
    "/chat/widget.css": (WEB / "widget.css", CSS, True),
    "/chat/vendor/socket.io.min.js": (SOCKETIO_CLIENT / "dist" / "socket.io.min.js", JS, True),
    "/chat/vendor/socket.io-client-LICENSE.txt": (
        SOCKETIO_CLIENT / "LICENSE", "text/plain; charset=utf-8", True),
}
# The demo page runs only its own scripts and talks only to its own origin
# ('self' covers ws:// and wss:// to the same host).
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

logger = logging.getLogger(__name__)


def _retention() -> str:
    try:
        return str(retention_days())
    except InputError:
        return ""  # the widget then says "pelo prazo definido pelo serviço"


def _headers(path: str, shared: bool) -> dict[str, str]:
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if path == "/chat/":
        headers.update({"Content-Security-Policy": PAGE_POLICY, "Referrer-Policy": "no-referrer"})
    if shared:
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return headers


def _handler(path: str):
    file, content_type, shared = FILES[path]

    async def serve(request: Request) -> HTTPResponse:
        if not file.is_file():
            logger.error("web chat: %s is missing; run scripts/setup.sh (npm ci)", file)
            return HTTPResponse("Em falta no servidor: corra scripts/setup.sh.\n", status=503,
                                content_type="text/plain; charset=utf-8")
        body = file.read_bytes()
        if path == "/chat/widget.js":
            body = body.replace(RETENTION_PLACEHOLDER.encode(), _retention().encode())
        return HTTPResponse(body, content_type=content_type, headers=_headers(path, shared))

    return serve


def add_routes(app: Sanic) -> None:
    """The chat's routes on the Rasa server's app (same origin as /socket.io)."""
    # Sanic's routes ignore a trailing slash: `/chat` gets the page too (its links are absolute).
    for number, path in enumerate(FILES):
        app.add_route(_handler(path), path, methods=["GET", "HEAD"], name=f"web_chat_{number}")
