"""The front-desk page (`/balcao/`) and its staff-only API, served by the Rasa server.

- `/balcao/` (+ `balcao.js`, `balcao.css`, `resumo.css`): the counter's page. The
  clerk types the staff token once; the page keeps it in sessionStorage and sends
  it as `Authorization: Bearer …` to the staff channel (`/webhooks/staff/webhook`)
  and to the API below. The files themselves hold nothing secret.
- `GET /balcao/api/sessao`: 204 with the staff token, 401 without (the sign-in check).
- `GET /balcao/api/casos/<id>`: the facts recorded so far in a staff conversation
  (its slots, read from the agent's tracker store), for the side panel.
- `POST /balcao/api/casos/<id>/resumo` with `{"formato": "html"|"pdf",
  "identificacao": bool, "nif": "…", "niss": "…"}`: the citizen's case summary
  (bot.case_summary) as a print-ready HTML page or a PDF. NIF and NISS only when
  `identificacao` is true: those typed by the clerk, or those still held by the
  conversation.

The API answers only with the staff token (STAFF_TOKEN, as the staff channel),
only for conversations held through the staff channel, always with
`Cache-Control: no-store`; nothing from a case is logged.
"""

from __future__ import annotations

import hmac
import os
from datetime import date
from pathlib import Path
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import case_summary, pdf_summary, summary_html
from bot.calendar import now_lisbon
from bot.channels.staff import CHANNEL_NAME, TOKEN_ENV, bearer_token
from bot.conversation_ids import is_unguessable
from bot.identifiers import clean_digits, valid_nif, valid_niss
from bot.serving import door
from bot.serving.static_files import file_handler

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web" / "balcao"
HTML = "text/html; charset=utf-8"
CSS = "text/css; charset=utf-8"
FILES: dict[str, tuple[Path, str]] = {
    "/balcao/": (WEB / "index.html", HTML),
    "/balcao/balcao.js": (WEB / "balcao.js", "text/javascript; charset=utf-8"),
    "/balcao/balcao.css": (WEB / "balcao.css", CSS),
    "/balcao/resumo.css": (WEB / "resumo.css", CSS),
}
# Its own scripts and styles, its own origin; the summary preview is an iframe of
# the same page (srcdoc), printed on its own.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
               "img-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'self'")
PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
FORMATS = ("html", "pdf")


def _refusal(status: int, message: str) -> HTTPResponse:
    headers = dict(PRIVATE)
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="staff"'
    return response.json({"status": "failure", "message": message, "code": status}, status=status,
                         headers=headers)


def authorised(request: Request, token: str | None = None) -> bool:
    """The staff token of the staff channel, compared in constant time."""
    expected = (os.environ.get(TOKEN_ENV, "") if token is None else token).strip()
    given = bearer_token(request.headers.get("Authorization"))
    return bool(expected) and given is not None and hmac.compare_digest(given.encode(), expected.encode())


async def _staff_tracker(request: Request, conversation: str) -> Any | HTTPResponse:
    """The conversation's tracker, or the refusal to send instead."""
    if not authorised(request):
        return _refusal(401, "Falta o token de acesso ou não é válido.")
    if not is_unguessable(conversation):
        return _refusal(400, "O identificador do atendimento não é válido.")
    agent = getattr(request.app.ctx, "agent", None)
    if agent is None or agent.tracker_store is None:
        return _refusal(503, "O assistente ainda está a arrancar. Tente daqui a pouco.")
    tracker = await agent.tracker_store.retrieve(conversation)
    # Only conversations held at the counter: a citizen's chat is not the staff's to read.
    if tracker is None or not any(getattr(e, "input_channel", None) == CHANNEL_NAME for e in tracker.events):
        return _refusal(404, "Não há nenhum atendimento com este identificador.")
    return tracker


def _case(tracker: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return dict(tracker.current_slot_values()), [event.as_dict() for event in tracker.events]


def _today() -> date:
    """The counter's date: Portugal's wall clock, as the actions use."""
    return now_lisbon().date()


async def facts(request: Request, conversation: str) -> HTTPResponse:
    tracker = await _staff_tracker(request, conversation)
    if isinstance(tracker, HTTPResponse):
        return tracker
    slots, events = _case(tracker)
    summary = case_summary.build(slots, events, _today())
    body = {
        "facts": [f.to_dict() for f in summary.facts],
        "estimate": summary.headline if summary.eligible is not None else None,
        "deadlines": [d.to_dict() for d in summary.deadlines],
    }
    return response.json(body, headers=PRIVATE)


async def session(request: Request) -> HTTPResponse:
    """204 with the staff token, 401 without: the page checks the token typed at sign-in."""
    if not authorised(request):
        return _refusal(401, "Falta o token de acesso ou não é válido.")
    return HTTPResponse(status=204, headers=PRIVATE)


def _identifiers(data: dict[str, Any]) -> dict[str, str] | str:
    """NIF and NISS typed by the clerk (checked), or a message saying which is wrong."""
    typed: dict[str, str] = {}
    for key, slot, valid, name in (("nif", "cert_nif", valid_nif, "NIF"), ("niss", "cert_niss", valid_niss, "NISS")):
        value = data.get(key)
        if value in (None, ""):
            continue
        digits = clean_digits(value) if isinstance(value, str) else ""
        if not valid(digits):
            return f"O {name} indicado não é válido: confirme os algarismos."
        typed[slot] = digits
    return typed


async def summary(request: Request, conversation: str) -> HTTPResponse:
    tracker = await _staff_tracker(request, conversation)
    if isinstance(tracker, HTTPResponse):
        return tracker
    data = door.json_object(request)
    if isinstance(data, HTTPResponse):
        return data
    chosen = data.get("formato", "html")
    if chosen not in FORMATS:
        return _refusal(400, "Formato desconhecido: use «html» ou «pdf».")
    with_identifiers = data.get("identificacao") is True
    slots, events = _case(tracker)
    if with_identifiers:
        typed = _identifiers(data)
        if isinstance(typed, str):
            return _refusal(400, typed)
        slots.update(typed)
    made = case_summary.build(slots, events, _today(), with_identifiers=with_identifiers)
    if chosen == "pdf":
        name = f"resumo-rsi-{made.made_on.isoformat()}.pdf"
        return HTTPResponse(pdf_summary.render(made), content_type="application/pdf",
                            headers={**PRIVATE, "Content-Disposition": f'attachment; filename="{name}"'})
    return HTTPResponse(summary_html.render(made), content_type=HTML, headers=PRIVATE)


def add_routes(app: Sanic) -> None:
    """The front-desk page and its API on the Rasa server's app."""
    for number, (path, (file, content_type)) in enumerate(FILES.items()):
        handler = file_handler(file, content_type, page_policy=PAGE_POLICY if path == "/balcao/" else None)
        app.add_route(handler, path, methods=["GET", "HEAD"], name=f"front_desk_{number}")
    app.add_route(session, "/balcao/api/sessao", methods=["GET"], name="front_desk_session")
    app.add_route(facts, "/balcao/api/casos/<conversation:str>", methods=["GET"], name="front_desk_facts")
    app.add_route(summary, "/balcao/api/casos/<conversation:str>/resumo", methods=["POST"],
                  name="front_desk_summary")
