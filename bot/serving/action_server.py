"""The action server, closed: loopback only and a shared secret on every call.

`rasa run actions` listens on every interface and runs any action for whoever
posts a tracker: one forged call once stored a certificate request with channel
"staff" and consent given that no citizen ever gave. Here the server binds to
127.0.0.1 (ACTION_SERVER_HOST to change it on purpose) and refuses every call
without the header `X-Action-Secret` holding ACTION_SERVER_SECRET, which the
Rasa server sends (see `bot.serving.rasa_server`). Its error answers never echo
the request body (the tracker, with what the citizen typed).

Usage: python -m bot.serving.action_server [--port 5055]
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import calendar, figures
from bot.serving.log_privacy import install as protect_logs
from bot.serving.settings import secret

SECRET_NAME = "ACTION_SERVER_SECRET"
SECRET_HEADER = "X-Action-Secret"
HOST_ENV = "ACTION_SERVER_HOST"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5055
OPEN_PATHS = ("/health",)
# Seconds an idle connection from the Rasa server is kept open. Rasa reuses its
# connections; with Sanic's default of 5 s a busy Rasa server sometimes wrote its
# call on a connection the action server had just closed, and the action was lost
# (569 failed calls in a load test of 100 conversations).
KEEP_ALIVE_TIMEOUT_S = 75

logger = logging.getLogger(__name__)


def authorised(request: Request, expected: str) -> bool:
    given = request.headers.get(SECRET_HEADER, "")
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def build_app(package: str = "actions", shared_secret: str | None = None) -> Sanic:
    """Rasa SDK's app with the secret check and an error answer that echoes nothing."""
    expected = shared_secret or secret(SECRET_NAME)
    app = create_app(package, cors_origins=None)
    app.config.KEEP_ALIVE_TIMEOUT = KEEP_ALIVE_TIMEOUT_S

    @app.middleware("request")
    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or authorised(request, expected):
            return None
        return response.json({"error": "Pedido não autorizado."}, status=401)

    @app.exception(Exception)
    async def on_error(request: Request, exception: Exception) -> HTTPResponse:
        # The SDK's own handler returns and logs the whole request body.
        logger.error("action server error: %s", type(exception).__name__)
        return response.json({"error": "Erro interno do servidor de ações."}, status=500)

    return app


def warm_up() -> None:
    """Read the legal parameters and build the holiday calendars before the first
    citizen needs them: done on the first deadline question, it took about half a
    second of that citizen's turn."""
    today = calendar.now_lisbon().date()
    figures.figures(today)
    for region in calendar.REGIONS:
        calendar.is_working_day(today, region)


def main() -> None:
    parser = argparse.ArgumentParser(description="Servidor de ações do Assistente RSI")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    protect_logs()
    app = build_app(args.actions)
    warm_up()
    host = os.environ.get(HOST_ENV, DEFAULT_HOST)
    logger.info("action server on http://%s:%s", host, args.port)
    app.run(host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
