"""Serving the few files of the web pages (the chat, the counter) from the Rasa server.

Each page module lists its files in a table, so no path typed in a URL reaches
another file. Files are read at each request (they are small) and sent uncached,
so a new version is picked up at once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

Handler = Callable[[Request], Awaitable[HTTPResponse]]


def file_handler(
    file: Path,
    content_type: str,
    *,
    page_policy: str | None = None,
    shared: bool = False,
    transform: Callable[[bytes], bytes] | None = None,
    missing: str = "",
) -> Handler:
    """A route serving ``file``: an HTML page gets ``page_policy`` (Content-Security-Policy)
    and no referrer; a ``shared`` file may be loaded by other sites (the embedded widget);
    ``transform`` fills what the file leaves to the server; ``missing`` says how to mend a
    file not there (503, never a traceback)."""
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if page_policy:
        headers.update({"Content-Security-Policy": page_policy, "Referrer-Policy": "no-referrer"})
    if shared:
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"

    async def serve(request: Request) -> HTTPResponse:
        if not file.is_file():
            logger.error("web page file %s is missing%s", file, f"; {missing}" if missing else "")
            text = f"Em falta no servidor{': ' + missing if missing else ''}.\n"
            return HTTPResponse(text, status=503, content_type="text/plain; charset=utf-8")
        body = file.read_bytes()
        return HTTPResponse(transform(body) if transform else body, content_type=content_type,
                            headers=headers)

    return serve
