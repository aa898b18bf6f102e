"""Personal data taken out of a stored conversation.

A conversation's history (Rasa's tracker) keeps every message and every slot
value, so after a certificate request the NIF, NISS, name, e-mail and address
would stay there long after the request's form had emptied its slots. This
module rewrites the stored events (as the plain dicts Rasa serialises) so that:

- the answer to a question asking for personal data is replaced by a marker;
- anything shaped like a NIF, NISS or e-mail is masked in every message,
  the citizen's and the assistant's, wherever it was typed;
- every value the personal slots ever held is masked in every message;
- once no form that needs them is open, the personal slots' recorded values
  are set to None.

It is pure (dicts in, dicts out) so it can sit in front of any tracker store.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from bot.personal_patterns import mask_emails, mask_identifiers

MARK = "[dado pessoal retirado]"
# Slots that hold personal data, and the forms that still need them while open.
PERSONAL_SLOTS = frozenset({
    "cert_name", "cert_nif", "cert_niss", "cert_email", "cert_postal_address", "status_nif",
})
FORMS_USING_THEM = frozenset({"certificate_form", "request_status_form"})
# Values shorter than this are not searched for inside texts (a one-letter
# "name" would mask every word containing it).
MIN_VALUE_CHARS = 4


def scrub_text(text: str, values: Iterable[str] = ()) -> str:
    """``text`` with identifier-shaped numbers, e-mails and the given values masked."""
    for value in sorted({v for v in values if len(v) >= MIN_VALUE_CHARS}, key=len, reverse=True):
        text = re.sub(re.escape(value), MARK, text, flags=re.IGNORECASE)
    return mask_identifiers(mask_emails(text, MARK), MARK)


def personal_values(events: list[dict[str, Any]]) -> set[str]:
    """Every value the personal slots took in ``events`` (what must be masked in texts)."""
    return {str(e["value"]) for e in events
            if e.get("event") == "slot" and e.get("name") in PERSONAL_SLOTS
            and isinstance(e.get("value"), (str, int)) and str(e["value"]).strip()}


def _open_form(events: list[dict[str, Any]]) -> str | None:
    form = None
    for event in events:
        if event.get("event") == "active_loop":
            form = event.get("name")
    return form


def _redact_user(event: dict[str, Any], whole: bool, values: set[str]) -> None:
    text = event.get("text")
    if isinstance(text, str):
        event["text"] = MARK if whole else scrub_text(text, values)
    parse = event.get("parse_data")
    if isinstance(parse, dict):
        if isinstance(parse.get("text"), str):
            parse["text"] = event.get("text")
        for entity in parse.get("entities") or []:
            if isinstance(entity, dict) and isinstance(entity.get("value"), str):
                entity["value"] = MARK if whole else scrub_text(entity["value"], values)


def _redact_bot(event: dict[str, Any], values: set[str]) -> None:
    if isinstance(event.get("text"), str):
        event["text"] = scrub_text(event["text"], values)
    data = event.get("data")
    if isinstance(data, dict):
        for button in data.get("buttons") or []:
            if isinstance(button, dict):
                for key in ("title", "payload"):
                    if isinstance(button.get(key), str):
                        button[key] = scrub_text(button[key], values)


def redact_events(events: list[dict[str, Any]], start: int = 0) -> list[dict[str, Any]]:
    """A copy of ``events[start:]`` with the personal data taken out (see module doc).

    An event's redaction depends on the events before it (which question was
    asked) and on the personal values of the whole list, so ``start`` lets a
    store redact only a turn's new events, as long as those values are the
    same as when the earlier ones were redacted.
    """
    values = personal_values(events)
    keep_slots = _open_form(events) in FORMS_USING_THEM
    requested = None
    for event in events[:start]:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
    events = copy.deepcopy(events[start:])
    for event in events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif kind == "user":
            _redact_user(event, requested in PERSONAL_SLOTS, values)
        elif kind == "bot":
            _redact_bot(event, values)
        elif kind == "slot" and event.get("name") in PERSONAL_SLOTS and not keep_slots:
            event["value"] = None
    return events
