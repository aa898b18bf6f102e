"""The website chat's files, served by the Rasa server on the origin of its socket.io channel.

- `/chat/`: a demo page in pt-PT with the conversation on it;
- `/chat/widget.js` (+ `/chat/widget.css`): the widget, embeddable in any page with
  `<script src="https://HOST/chat/widget.js" data-server="https://HOST" defer></script>`
  (that page's origin must be listed in RSI_CORS_ORIGINS);
- `/chat/vendor/socket.io.min.js` and its licence: the socket.io client, installed
  from the npm registry by `scripts/setup.sh` (`npm ci`, pinned in package-lock.json).

Nothing else is served: the table below is the whole list (bot.serving.static_files).
"""

from __future__ import annotations

from pathlib import Path

from sanic import Sanic

from bot.errors import InputError
from bot.serving.static_files import file_handler
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


def _retention() -> str:
    try:
        return str(retention_days())
    except InputError:
        return ""  # the widget then says "pelo prazo definido pelo serviço"


def _fill_retention(body: bytes) -> bytes:
    return body.replace(RETENTION_PLACEHOLDER.encode(), _retention().encode())


def add_routes(app: Sanic) -> None:
    """The chat's routes on the Rasa server's app (same origin as /socket.io)."""
    # Sanic's routes ignore a trailing slash: `/chat` gets the page too (its links are absolute).
    for number, (path, (file, content_type, shared)) in enumerate(FILES.items()):
        handler = file_handler(
            file, content_type, shared=shared, missing="corra scripts/setup.sh",
            page_policy=PAGE_POLICY if path == "/chat/" else None,
            transform=_fill_retention if path == "/chat/widget.js" else None,
        )
        app.add_route(handler, path, methods=["GET", "HEAD"], name=f"web_chat_{number}")
