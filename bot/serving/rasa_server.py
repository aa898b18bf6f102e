"""Starts the Rasa server the way `rasa run` does, with the project's doors closed.

What differs from `rasa run --enable-api --auth-token … --cors …`, and why:
- the API token comes from RASA_AUTH_TOKEN or a file (`bot.serving.settings`),
  never from the command line, where `ps` shows it; clients send it in the
  header `Authorization: Bearer …`, and a token in the URL is refused, so it
  cannot end up in logs and browser histories;
- CORS only for the origins named in RSI_CORS_ORIGINS, without credentials;
- calls to the action server carry its shared secret;
- request bodies above `door.REQUEST_MAX_BYTES` are refused before being read,
  the webhooks are rate-limited per address, and the API only takes JSON
  of the shape it expects;
- the log filter of `bot.serving.log_privacy` keeps what people type out of logs;
- when the action server, the database or Redis is down, the citizen gets an
  apology and the other channels at once, not an empty reply
  (`bot.serving.action_outage`);
- the website chat (`/chat/`, `/chat/widget.js`, see `bot.serving.web_chat`) is
  served here, on the same origin as the socket.io channel it talks to;
- per-turn work Rasa repeats needlessly is done once (`bot.serving.rasa_speedups`).

Usage: python -m bot.serving.rasa_server --model M --endpoints E --credentials C [--port 5005]
"""

# ruff: noqa: E402  (JAX is turned away before TensorFlow is imported)
from __future__ import annotations

import sys

# TensorFlow imports JAX only to convert models to TF Lite, which this server
# never does; without it the server starts about 1,5 s sooner.
sys.modules.setdefault("jax", None)

import argparse
import hmac
import json
import logging
import os
from functools import partial

import rasa.server
from rasa.core import run as rasa_run
from rasa.core.utils import AvailableEndpoints
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic_cors import CORS

from bot.serving import action_outage, door, rasa_speedups
from bot.serving.action_server import SECRET_HEADER
from bot.serving.action_server import SECRET_NAME as ACTION_SECRET
from bot.serving.front_desk import add_routes as add_front_desk
from bot.serving.log_privacy import install as protect_logs
from bot.serving.settings import cors_origins, secret
from bot.serving.web_chat import add_routes as add_web_chat

TOKEN_NAME = "RASA_AUTH_TOKEN"
DEFAULT_INTERFACE = "127.0.0.1"
DEFAULT_PORT = 5005
WEBHOOKS = "/webhooks/"
SOCKETIO = "/socket.io"
# API bodies are JSON objects, except: events may come as a list, and training
# and test data may be sent as YAML.
LIST_BODY_SUFFIXES = ("/tracker/events",)
YAML_PATHS = ("/model/train", "/model/test/stories", "/model/test/intents")

logger = logging.getLogger(__name__)


def bearer(request: Request) -> str | None:
    scheme, _, value = (request.headers.get("Authorization") or "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def api_check(request: Request, token: str) -> HTTPResponse | None:
    """Token from the header only; JSON bodies must have the shape Rasa expects."""
    if "token" in request.args:
        return door.refusal(400, "Envie o token no cabeçalho «Authorization: Bearer …», não no endereço.")
    given = bearer(request)
    if given and hmac.compare_digest(given.encode(), token.encode()):
        # Rasa's own check reads the token from the query arguments.
        request.args["token"] = [token]
    if request.method not in ("POST", "PUT") or not request.body:
        return None
    if request.path in YAML_PATHS and "yaml" in (request.content_type or ""):
        return None
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return door.refusal(400, "O corpo do pedido tem de ser JSON válido (UTF-8).")
    shapes = (dict, list) if request.path.endswith(LIST_BODY_SUFFIXES) else (dict,)
    if not isinstance(body, shapes):
        return door.refusal(400, "O corpo do pedido tem de ser um objeto JSON.")
    return None


# Every path but socket.io's: engine.io checks the origin and writes the CORS
# headers of its own requests (bot/channels/website.py); with both, a browser
# gets the header twice and refuses the answer, so no other site could embed the chat.
CORS_PATHS = r"^(?!/socket\.io(/|$)).*"


def configure_cors(app: Sanic, origins: str | list[str] | None = None) -> None:
    """Rasa's CORS set-up without credentials: Rasa turns them on for every origin it
    allows, which lets a page carry the browser's cookies and auth to the API."""
    app.config.CORS_AUTOMATIC_OPTIONS = True
    app.config.CORS_SUPPORTS_CREDENTIALS = False
    CORS(app, resources={CORS_PATHS: {"origins": origins or ""}}, automatic_options=True,
         supports_credentials=False)


def build_app(model: str, endpoints_file: str | None, credentials: str, port: int) -> Sanic:
    endpoints = AvailableEndpoints.read_endpoints(endpoints_file)
    if endpoints.action is not None:
        endpoints.action.headers[SECRET_HEADER] = secret(ACTION_SECRET)
    token = secret(TOKEN_NAME)
    rasa.server.configure_cors = configure_cors  # used by rasa_run.configure_app below
    action_outage.install()
    rasa_speedups.install()
    channels = rasa_run.create_http_input_channels(None, credentials)
    app = rasa_run.configure_app(
        channels, cors=cors_origins() or None, auth_token=token, enable_api=True,
        endpoints=endpoints, port=port,
    )
    app.config.REQUEST_MAX_SIZE = door.REQUEST_MAX_BYTES
    add_web_chat(app)
    add_front_desk(app)  # /balcao/: the counter's page and its staff-only API

    @app.middleware("request")
    async def at_the_door(request: Request) -> HTTPResponse | None:
        if request.path.startswith(WEBHOOKS):
            return door.check_address(request)
        if request.path.startswith(SOCKETIO):
            return None
        return api_check(request, token)

    app.register_listener(partial(rasa_run.load_agent_on_start, model, endpoints, None),
                          "before_server_start")
    app.register_listener(rasa_run.close_resources, "after_server_stop")
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Servidor Rasa do Assistente RSI")
    parser.add_argument("--model", required=True)
    parser.add_argument("--endpoints", default=None)
    parser.add_argument("--credentials", required=True)
    parser.add_argument("--interface", default=DEFAULT_INTERFACE)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args()
    configure_logging_and_warnings(logging.INFO)
    configure_structlog(logging.INFO)  # as `rasa run` does; before the filter, which wraps it
    # Rasa reports some problems with `warnings.warn`, quoting what was typed:
    # route them through logging, where the privacy filter sees them.
    logging.captureWarnings(True)
    protect_logs()
    app = build_app(args.model, args.endpoints, args.credentials, args.port)
    logger.info("Starting Rasa server on http://%s:%s", args.interface, args.port)
    app.run(host=args.interface, port=args.port, workers=1, access_log=False,
            backlog=int(os.environ.get("SANIC_BACKLOG", "100")))


if __name__ == "__main__":
    main()
