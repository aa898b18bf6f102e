"""Keep what citizens type out of the server logs (issue 11, point 6).

Names, NIF, NISS, e-mails, incomes and addresses reach the logs through the
libraries' own log lines, not ours. Call sites found in the installed sources
(Rasa 3.6.21, rasa-sdk 3.6.2, Sanic 21.12, python-socketio 5 / engineio 4,
SQLAlchemy 1.4), by logger name:

=============================  =======  ==================================================
logger (or structlog event)    level    what leaks
=============================  =======  ==================================================
rasa.core.channels.rest        ERROR    ``rest.message.received.timeout`` / ``.failure``
  (structlog events)                    with ``text=`` the whole user message; the failure
                                        adds the traceback, and under Rasa's JSON renderer
                                        ``dict_tracebacks`` adds every frame's *locals*
                                        (the text again, the tracker, the request)
rasa.core.channels.hangouts    ERROR    same two events, ``text=``
rasa.core.http_interpreter     ERROR    ``http.parse.text*`` with ``text=``/``response_text=``
rasa.core.nlg.interpolator     ERROR    ``interpolator.interpolate.text``: the filled response
rasa.core.channels.facebook    WARNING  ``facebook.message.cannot.handle`` ``message=``
rasa.shared.core.events        WARNING  ``event.deserialization.failed`` ``rasa_event=``
rasa.core.processor            DEBUG    structlog ``processor.message.parse`` (text,
                                        entities), ``processor.slots.log`` (every slot
                                        value), ``processor.extract.slots`` and
                                        ``processor.actions.policy_prediction`` (events)
rasa.core.actions.forms        DEBUG    ``forms.slots.validate``, ``tracker_latest_message``,
                                        ``prefilled_slots``; "these events: {SlotSet…}"
rasa.core.policies.*           DEBUG    ``memoization.*`` / ``rule_policy.*`` states
rasa.core.processor            ERROR    "Encountered an exception while running action":
                                        the traceback quotes ``ClientResponseError(... body=
                                        '{"error": …, "request_body": {tracker}}')``, i.e.
                                        rasa-sdk's 500 answer with the whole tracker
rasa.core.processor            WARNING  "Circuit breaker tripped … sender '{sender_id}'";
                                        DEBUG: "conversation ID '{sender_id}'", reminders
rasa.core.actions.action       WARNING  "Failed to execute custom action … error '{e}'"
                                        (the action server's body); ERROR: the rejection
                                        message; DEBUG: "Validating extracted slots: {…}"
rasa.utils.endpoints           (via)    ``ClientResponseError`` puts the response body in
                                        its message, which the two lines above log
rasa.core.tracker_store        ERROR    "investigate the following error: {error}": an
                                        SQLAlchemy error with ``[parameters: (…events…)]``;
                                        DEBUG: sender ids
rasa.core.lock_store           DEBUG    sender ids
rasa.core.nlg.callback         DEBUG    "Received NLG response: {json}"
rasa.server                    ERROR    ``ErrorResponse`` logs "… Error: {e}" for any API
                                        failure; ``logger.error(e)``,
                                        ``logger.error(traceback.format_exc())``
rasa.core.channels.*           ERROR    "Exception when trying to handle message.{e}"
rasa_sdk.endpoint              ERROR    "Exception occurred during execution of request"
                                        with ``exc_info``: the action's exception message;
                                        ``logger.error(e)`` / ``logger.debug(e)``
rasa_sdk.executor              DEBUG    "Contents of ignored event: '{event}'"
sanic.error                    ERROR    "Exception occurred while handling uri: %s" (URL with
                                        query string, conversation id) + traceback;
                                        ``error_logger.exception(exception)``
sanic.root                     ERROR    'the following exception:"{exception}"'; INFO:
                                        "Request: {method} {url} stopped"
sanic.access                   INFO     ``extra["request"]``: method and full URL
engineio.server                INFO     "%s: Received packet %s data %s" / "Sending packet":
                                        every socket.io message both ways; ERROR:
                                        "message async handler error" + traceback
socketio.server                ERROR    handler tracebacks (``logger.exception``)
sqlalchemy.engine.Engine       INFO     with ``echo``: "[generated in …] (parameters)"
=============================  =======  ==================================================

How the records are caught, and why three hooks rather than one filter:

1. ``logging.setLogRecordFactory``: every record is scrubbed when it is created,
   before any handler and before ``Logger.callHandlers`` hooks such as
   sentry-sdk's logging integration (which would ship the raw text as a
   breadcrumb). It covers every logger and every handler, including the ones
   Rasa's ``configure_logging``, ``update_sanic_log_level``, Sanic's
   ``dictConfig`` or socketio add later, and ``logging.lastResort`` (the Sanic
   loggers do not propagate and often have no handler at all).
2. A wrapper around ``logging.Handler.handle``: the factory runs before
   ``extra`` is copied onto the record (Sanic's access line puts the URL
   there) and misses records built without it (``logging.makeLogRecord``);
   the wrapper sees the record as handlers will format it, whatever handler
   class and whenever it was created. It also drops records below ``level``.
3. The same filter on the root logger's handlers and on the named loggers, so
   that a handler inspected (``handler.filters``) shows the protection.

structlog (used by Rasa for the ``text=`` events) renders the whole event to
one string before the standard library sees it, and without
``configure_structlog`` it prints straight to stdout; so ``install()`` also
puts a processor before structlog's renderer that redacts the personal keys,
the exception values and the frame locals.

What a scrubbed record looks like: ``record.msg`` is the final scrubbed
string, ``record.args`` is empty, ``exc_info`` is None and ``exc_text`` holds
the traceback with its frames (files, lines, code) kept and every exception
message replaced by ``<redacted>``: they are where user text ends up.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.personal_patterns import mask_emails, mask_identifiers

__all__ = [
    "PROTECTED_LOGGERS",
    "REDACTED",
    "PersonalDataFilter",
    "hash_sender_id",
    "install",
    "is_installed",
    "scrub_record",
    "scrub_text",
    "scrub_traceback",
    "uninstall",
]

REDACTED = "<redacted>"
# Sender ids become 8 hex characters: enough to follow one conversation in a log.
SENDER_HASH_LENGTH = 8
# With this variable set, the Rasa server and the action server hash a sender id
# the same way (and across restarts); without it each process draws its own key.
# A keyed hash, because a plain SHA-256 of a 9-digit NIF is reversed by trying
# all 10^9 of them.
HASH_KEY_ENV = "LOG_PRIVACY_HASH_KEY"
_HASH_KEY_BYTES = 32

# Loggers of the libraries listed above; `install(level)` drops their records
# below `level`, and gets the filter on them and their handlers.
PROTECTED_LOGGERS: tuple[str, ...] = (
    "rasa",
    "rasa_sdk",
    "sanic",
    "sanic.root",
    "sanic.error",
    "sanic.access",
    "socketio",
    "socketio.server",
    "socketio.client",
    "engineio",
    "engineio.server",
    "engineio.client",
    "sqlalchemy",
    "sqlalchemy.engine",
    "structlog",
)

# Rasa's own list of structlog keys that carry personal data
# (`rasa.utils.log_utils._anonymizer`, which only acts with a Rasa Pro plugin) ...
RASA_ANONYMIZABLE_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text",
    "parse_data_entities", "prediction_events", "tracker_latest_message",
    "prefilled_slots", "message", "response", "slot_candidates", "rasa_event",
    "rasa_events", "tracker_states", "current_states", "old_states", "successes",
    "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
    "json_message",
})
# ... and the keys of the dict dumps that reach logs: tracker and event dumps,
# rasa-sdk's 500 body (`error`, `request_body`), action server calls.
DUMP_PERSONAL_KEYS = frozenset({
    "value", "entities", "slots", "latest_message", "events", "body", "request_body",
    "error", "tracker", "metadata", "parse_data", "input", "sender_id", "sender",
    "conversation_id", "responses", "messages", "data", "locals",
})
PERSONAL_KEYS = RASA_ANONYMIZABLE_KEYS | DUMP_PERSONAL_KEYS
# The project's slots that hold identifiers, contacts or money (domain.yml), by
# pattern so that a new `cert_*` slot is covered without editing this file.
_PERSONAL_KEY_PATTERN = (
    r"cert_\w+|status_\w+|\w*income\w*|assets|fact_notes|"
    r"(?:\w+_)?(?:nif|niss|email|e_mail|phone|telefone|morada|address|nome)(?:_\w+)?|"
    r"(?:full|first|last|person|citizen|user)_name"
)
_KEYS_ALTERNATION = "|".join(sorted(map(re.escape, PERSONAL_KEYS), key=len, reverse=True))
_ANY_PERSONAL_KEY = rf"(?:{_KEYS_ALTERNATION}|{_PERSONAL_KEY_PATTERN})"
_PERSONAL_KEY_RE = re.compile(rf"^{_ANY_PERSONAL_KEY}$", re.IGNORECASE)

# Exception messages are redacted (that is where user text ends up), except for
# these types, whose messages say which host, port or file failed.
OPERATIONAL_EXCEPTION_TYPES = frozenset({
    "OSError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "ConnectionAbortedError", "BrokenPipeError", "TimeoutError", "FileNotFoundError",
    "PermissionError", "CancelledError", "ClientConnectorError", "ServerDisconnectedError",
    "ClientConnectionError", "ServerTimeoutError",
})

_TRACEBACK_HEAD = "Traceback (most recent call last):"
_CHAIN_HEADS = (
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
)
# The scrubbed message itself, not a flag: `logging.makeLogRecord` runs the
# factory on an empty record and then overwrites `msg`, which must not pass.
_SCRUBBED_ATTR = "_personal_data_scrubbed_msg"
# `extra` values already scrubbed (name -> result), so that a second handler
# does not hash a hashed conversation id again.
_SCRUBBED_EXTRAS_ATTR = "_personal_data_scrubbed_extras"
# Attributes every LogRecord has; anything else came in through `extra`.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", _SCRUBBED_ATTR, _SCRUBBED_EXTRAS_ATTR,
}

# -- text patterns ----------------------------------------------------------------

# NIF/NISS-shaped digits and e-mails: the shapes shared with bot.redaction.
# Two letters, two check digits, then the account in groups (8+ digits checked below).
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]{4}){2,7}(?:[ \-]?[A-Za-z0-9]{1,4})?\b")
_IBAN_MIN_DIGITS = 8
# A field's end: what stops an address or a locality.
_FIELD_END = r"[^,;\n'\"(){}\[\]<>|]"
_POSTAL_CODE = re.compile(rf"(?<!\d)\d{{4}}[\-\u2010-\u2015]\d{{3}}(?!\d)(?:[ \t]+[^\W\d_]{_FIELD_END}*)?")
_STREET = re.compile(
    r"\b(?:rua|r\.|avenida|av\.|avª|travessa|tv\.|largo|praça|praceta|estrada|calçada|beco|"
    r"bairro|alameda|rotunda|urbanização|urb\.|azinhaga)(?=[\s.])"
    rf"{_FIELD_END}*(?:,\s*(?:n\.?º\s*)?\d{_FIELD_END}*)*",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"(?:€\s?\d[\d \u00a0.,]*\d?|\d[\d \u00a0.,]*\s?(?:€|euros?\b|eur\b))", re.IGNORECASE
)
# "… user message 'Olá, sou a Maria'" : greedy to the line's last quote of the
# same kind, because the text itself may contain that quote ("d'Ávila").
_QUOTED_USER_TEXT = re.compile(
    r"(?P<lead>\b(?:user message|message|text|utterance|mensagem|texto)(?:\s*[:=]\s*|\s+))"
    r"(?P<q>['\"]).*(?P=q)",
    re.IGNORECASE,
)
# 'text': '…' / "text": "…" / 'cert_nif': 123 inside dict and JSON dumps.
_QUOTED_KEY = re.compile(rf"(?P<q>['\"])(?P<key>{_ANY_PERSONAL_KEY})(?P=q)\s*:\s*", re.IGNORECASE)
# structlog's console renderer: `text=Olá sou a Maria  event_info=…`.
_KEY_EQUALS = re.compile(
    rf"(?<![\w\"'])(?P<key>{_ANY_PERSONAL_KEY})=(?P<value>.*?)(?=\s+[A-Za-z_]\w*=|$)",
    re.IGNORECASE | re.MULTILINE,
)
# Rasa event reprs: `UserUttered(text: …, intent: …, entities: …)`, `SlotSet(key: x, value: …)`.
_EVENT_FIELD = re.compile(r"\b(?P<key>text|value|entities): .*$", re.MULTILINE)
# SQLAlchemy errors quote the statement's parameters.
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.DOTALL)
_URL_QUERY_VALUE = re.compile(r"(?P<lead>[?&][^=&\s'\"#]+=)[^&\s'\"#]*")
_URL_CONVERSATION = re.compile(r"(?P<lead>/conversations/)(?P<id>[^/\s'\"?#]+)")
_SENDER_QUOTED = re.compile(
    r"(?P<lead>\b(?:conversation ID|conversation id|conversation|sender id|sender_id|sender|"
    r"for id|from sender id)\s+)'(?P<id>[^'\n]*)'"
)
_SENDER_BARE = re.compile(r"(?P<lead>\bconversation ID )(?P<id>(?!')\S+?)(?=\.?(?:\s|$))")


def _hash_key() -> bytes:
    configured = os.environ.get(HASH_KEY_ENV, "")
    return configured.encode() if configured else secrets.token_bytes(_HASH_KEY_BYTES)


_KEY = _hash_key()


def hash_sender_id(sender_id: str) -> str:
    """The sender id as 8 hex characters (keyed hash): follow a conversation, not a person."""
    digest = hmac.new(_KEY, sender_id.encode("utf-8", "replace"), hashlib.sha256)
    return digest.hexdigest()[:SENDER_HASH_LENGTH]


def _redact_iban(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group())
    return REDACTED if digits >= _IBAN_MIN_DIGITS else match.group()


def _value_end(text: str, start: int) -> int:
    """Where the dict/JSON value starting at ``start`` ends (quotes and nesting respected)."""
    if start >= len(text):
        return start
    opening = text[start]
    if opening in "'\"":
        index = start + 1
        while index < len(text):
            if text[index] == "\\":
                index += 2
                continue
            if text[index] == opening:
                return index + 1
            index += 1
        return len(text)
    if opening in "[{(":
        depth, index, quote = 0, start, ""
        while index < len(text):
            char = text[index]
            if quote:
                if char == "\\":
                    index += 1
                elif char == quote:
                    quote = ""
            elif char in "'\"":
                quote = char
            elif char in "[{(":
                depth += 1
            elif char in "]})":
                depth -= 1
                if depth == 0:
                    return index + 1
            index += 1
        return len(text)
    index = start
    while index < len(text) and text[index] not in ",}])\n":
        index += 1
    return index


def _redact_quoted_keys(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in _QUOTED_KEY.finditer(text):
        if match.start() < position:  # inside a value already redacted
            continue
        end = _value_end(text, match.end())
        pieces.append(text[position:match.end()])
        pieces.append(f"{match.group('q')}{REDACTED}{match.group('q')}")
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _scrub_url_parts(text: str) -> str:
    text = _URL_QUERY_VALUE.sub(lambda m: m.group("lead") + REDACTED, text)
    return _URL_CONVERSATION.sub(lambda m: m.group("lead") + hash_sender_id(m.group("id")), text)


def _hash_senders(text: str) -> str:
    text = _SENDER_QUOTED.sub(lambda m: f"{m.group('lead')}'{hash_sender_id(m.group('id'))}'", text)
    return _SENDER_BARE.sub(lambda m: m.group("lead") + hash_sender_id(m.group("id")), text)


def _scrub_plain(text: str) -> str:
    """Pattern scrubbing of free text (no traceback, no JSON)."""
    text = _SQL_PARAMETERS.sub(f"[parameters: {REDACTED}]", text)
    text = _redact_quoted_keys(text)
    text = _KEY_EQUALS.sub(lambda m: f"{m.group('key')}={REDACTED}", text)
    text = _EVENT_FIELD.sub(lambda m: f"{m.group('key')}: {REDACTED}", text)
    text = _QUOTED_USER_TEXT.sub(lambda m: f"{m.group('lead')}{m.group('q')}{REDACTED}{m.group('q')}", text)
    text = _scrub_url_parts(text)
    text = _hash_senders(text)
    text = mask_emails(text, REDACTED)
    text = _IBAN.sub(_redact_iban, text)
    text = _POSTAL_CODE.sub(REDACTED, text)
    text = _STREET.sub(REDACTED, text)
    text = _MONEY.sub(REDACTED, text)
    return mask_identifiers(text, REDACTED)


def _exception_line(line: str) -> str:
    """``ValueError: Maria …`` -> ``ValueError: <redacted>``; operational types keep theirs."""
    type_name, separator, detail = line.partition(":")
    if not re.fullmatch(r"[A-Za-z_][\w.]*", type_name.strip()):
        return REDACTED
    if not separator or not detail.strip():
        return line
    if type_name.strip().rsplit(".", 1)[-1] in OPERATIONAL_EXCEPTION_TYPES:
        return f"{type_name}:{_scrub_plain(detail)}"
    return f"{type_name}: {REDACTED}"


def scrub_traceback(text: str) -> str:
    """Keep a traceback's frames, redact every exception message (chained ones too)."""
    head = text.find(_TRACEBACK_HEAD)
    if head == -1:
        return _scrub_plain(text)
    out = [_scrub_plain(text[:head])] if head else []
    in_frames = False
    in_message = False
    for line in text[head:].split("\n"):
        stripped = line.strip()
        if stripped == _TRACEBACK_HEAD or stripped in _CHAIN_HEADS:
            out.append(line)
            in_frames, in_message = stripped == _TRACEBACK_HEAD, False
        elif in_frames and (not stripped or line[:1].isspace()):
            out.append(line)  # '  File "…", line N, in f' and the source line
        elif in_frames:
            out.append(_exception_line(line))
            in_frames, in_message = False, True
        elif not stripped:
            out.append(line)
        elif in_message:
            # A multi-line exception message (jsonschema, SQLAlchemy): all of it goes.
            if out[-1] != REDACTED:
                out.append(REDACTED)
        else:
            out.append(_scrub_plain(line))
    return "\n".join(out)


def _scrub_exception_entries(entries: Any) -> Any:
    """structlog's ``dict_tracebacks`` output: keep types and frames, drop values and locals."""
    if isinstance(entries, str):
        return scrub_traceback(entries)
    if not isinstance(entries, list):
        return REDACTED
    cleaned = []
    for entry in entries:
        if not isinstance(entry, dict):
            cleaned.append(REDACTED)
            continue
        exc_type = str(entry.get("exc_type", ""))
        value = str(entry.get("exc_value", ""))
        safe_type = exc_type.rsplit(".", 1)[-1] in OPERATIONAL_EXCEPTION_TYPES
        frames = [
            {key: frame.get(key) for key in ("filename", "lineno", "name")}
            for frame in entry.get("frames", [])
            if isinstance(frame, dict)
        ]
        cleaned.append({
            "exc_type": exc_type,
            "exc_value": _scrub_plain(value) if safe_type else REDACTED,
            "syntax_error": None if entry.get("syntax_error") is None else REDACTED,
            "is_cause": entry.get("is_cause", False),
            "frames": frames,
        })
    return cleaned


def _scrub_value(key: str, value: Any) -> Any:
    if key in ("exception", "exc_info"):
        return _scrub_exception_entries(value)
    if _PERSONAL_KEY_RE.match(key):
        return REDACTED
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {k: _scrub_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_value("", item) for item in value]
    return value


def _scrub_json(text: str) -> str | None:
    """A JSON object (structlog's JSONRenderer) scrubbed key by key, or None if not JSON."""
    stripped = text.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return None
    try:
        parsed = json.loads(stripped)
    except ValueError:
        return None
    if not isinstance(parsed, dict):
        return None
    return json.dumps({str(k): _scrub_value(str(k), v) for k, v in parsed.items()})


def scrub_text(text: str) -> str:
    """Remove personal data from one log message: JSON events, tracebacks and free text."""
    as_json = _scrub_json(text)
    if as_json is not None:
        return as_json
    return scrub_traceback(text)


# -- known call sites: the whole message is replaced ------------------------------


@dataclass(frozen=True)
class _SiteRule:
    """A library log line whose variable part is personal data: keep only the fixed part."""

    logger: str
    pattern: re.Pattern[str]
    replacement: str

    def applies_to(self, logger_name: str) -> bool:
        return logger_name == self.logger or logger_name.startswith(self.logger + ".")


def _rule(logger: str, pattern: str, replacement: str) -> _SiteRule:
    return _SiteRule(logger, re.compile(pattern, re.DOTALL), replacement)


SITE_RULES: tuple[_SiteRule, ...] = (
    _rule("rasa.core.actions.action", r"^(Failed to execute custom action '[^']*').*",
          rf"\1 (error {REDACTED})."),
    _rule("rasa.core.actions.action", r"^(Custom action '[^']*' rejected).*", rf"\1 ({REDACTED})."),
    _rule("rasa.core.actions.action", r"^(Validating extracted slots:).*", rf"\1 {REDACTED}"),
    _rule("rasa.core.actions.forms", r"^(The execution of '[^']*' resulted in these events:).*",
          rf"\1 {REDACTED}"),
    _rule("rasa.core.processor", r"^(Canceled reminder because it is outdated).*",
          rf"\1 ({REDACTED})."),
    _rule("rasa.core.nlg.callback", r"^(Received NLG response:).*", rf"\1 {REDACTED}"),
    _rule("rasa.core.tracker_store", r"^(.*investigate the following error:).*",
          rf"\1 {REDACTED}."),
    _rule("rasa.server", r"^(An unexpected error occurred(?: during \w+)?\. Error:).*",
          rf"\1 {REDACTED}"),
    _rule("rasa.server", r"^(Supplied events are not valid\.).*", rf"\1 {REDACTED}"),
    _rule("rasa.core.channels", r"^(Exception when trying to handle message\.).*",
          rf"\1 {REDACTED}"),
    _rule("rasa_sdk.executor", r"^(Contents of ignored event:).*", rf"\1 {REDACTED}"),
    _rule("rasa_sdk.endpoint", r"^(Custom action '[^']*' rejected).*", rf"\1 ({REDACTED})."),
    _rule("sanic.root", r"^(The error response will not be sent to the client for the "
          r"following exception:).*?(\. A previous response.*)$", rf'\1"{REDACTED}"\2'),
    _rule("engineio", r"^([^:\n]*: (?:Received|Sending) packet \w+ data).*", rf"\1 {REDACTED}"),
    _rule("sqlalchemy.engine", r"^(\[(?:generated in|cached since|raw sql|dialect|no key|"
          r"insertmanyvalues)[^\]]*\]).*", rf"\1 {REDACTED}"),
)


def _apply_site_rules(logger_name: str, message: str) -> str:
    for rule in SITE_RULES:
        if rule.applies_to(logger_name):
            replaced, count = rule.pattern.subn(rule.replacement, message, count=1)
            if count:
                return replaced
    return message


def _exception_summary(error: BaseException) -> str:
    """``logger.error(e)``: the message is the exception; keep its type only."""
    name = type(error).__qualname__
    if name in OPERATIONAL_EXCEPTION_TYPES:
        return f"{name}: {_scrub_plain(str(error))}"
    return f"{name}: {REDACTED}"


def _render_message(record: logging.LogRecord) -> str:
    if isinstance(record.msg, BaseException) and not record.args:
        return _exception_summary(record.msg)
    try:
        return record.getMessage()
    except Exception:  # a broken format string: the template alone, never the args
        return f"{record.msg!s} ({REDACTED} arguments)"


_TRACEBACK_FORMATTER = logging.Formatter()


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """Scrub ``record`` in place: message, arguments, traceback and ``extra`` fields."""
    already = getattr(record, _SCRUBBED_ATTR, None)
    if already is None or already is not record.msg or record.args or record.exc_info:
        # `or ""`: makeLogRecord runs the factory with name None.
        message = _apply_site_rules(record.name or "", _render_message(record))
        traceback_text = record.exc_text
        if record.exc_info and record.exc_info[0] is not None:
            traceback_text = _TRACEBACK_FORMATTER.formatException(record.exc_info)
        record.msg = scrub_text(message)
        record.args = ()
        record.exc_info = None
        record.exc_text = scrub_traceback(traceback_text) if traceback_text else None
        setattr(record, _SCRUBBED_ATTR, record.msg)
    # `extra` is copied onto the record after the factory ran: checked every time.
    done: dict[str, str] = vars(record).setdefault(_SCRUBBED_EXTRAS_ATTR, {})
    for name, value in list(vars(record).items()):
        if name in _STANDARD_ATTRS or not isinstance(value, str) or done.get(name) is value:
            continue
        done[name] = scrub_text(value)
        setattr(record, name, done[name])
    return record


def _is_protected(logger_name: str) -> bool:
    return any(
        logger_name == name or logger_name.startswith(name + ".") for name in PROTECTED_LOGGERS
    )


class PersonalDataFilter(logging.Filter):
    """Scrubs every record; drops the libraries' records below ``drop_below`` if set."""

    def __init__(self, drop_below: int | None = None) -> None:
        super().__init__()
        self.drop_below = drop_below

    def filter(self, record: logging.LogRecord) -> bool:
        if (
            self.drop_below is not None
            and record.levelno < self.drop_below
            and _is_protected(record.name)
        ):
            return False
        scrub_record(record)
        return True


# -- installation -------------------------------------------------------------------

_FILTER = PersonalDataFilter()
_ORIGINAL_HANDLE = logging.Handler.handle
_previous_factory: Callable[..., logging.LogRecord] | None = None


def _scrubbing_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    factory = _previous_factory or logging.LogRecord
    return scrub_record(factory(*args, **kwargs))


def _protected_handle(self: logging.Handler, record: logging.LogRecord) -> bool:
    if not _FILTER.filter(record):
        return False
    return bool(_ORIGINAL_HANDLE(self, record))


def _structlog_processor(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Before structlog's renderer: redact personal keys and turn exc_info into a safe string."""
    exc_info = event_dict.pop("exc_info", None)
    if exc_info:
        if isinstance(exc_info, BaseException):
            exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
        elif not isinstance(exc_info, tuple):
            exc_info = sys.exc_info()
        if exc_info[0] is not None:
            formatted = _TRACEBACK_FORMATTER.formatException(exc_info)
            event_dict["exception"] = scrub_traceback(formatted)
    return {key: _scrub_value(str(key), value) for key, value in event_dict.items()}


def _structlog_processors() -> list[Any] | None:
    try:
        import structlog
    except ImportError:  # the action server may run without it
        return None
    # The live list (get_config returns it, not a copy): loggers already cached
    # by `cache_logger_on_first_use` hold the same list, so they see the change.
    processors = structlog.get_config()["processors"]
    return processors if isinstance(processors, list) else None


def _install_structlog() -> None:
    processors = _structlog_processors()
    if processors is None or _structlog_processor in processors:
        return
    # Just before the renderer: after `set_exc_info`/`dict_tracebacks` have run.
    processors.insert(max(len(processors) - 1, 0), _structlog_processor)


def _add_filter(filterer: logging.Filterer) -> None:
    if _FILTER not in filterer.filters:
        filterer.addFilter(_FILTER)


def _named_loggers() -> Iterable[logging.Logger]:
    yield logging.getLogger()
    for name in PROTECTED_LOGGERS:
        yield logging.getLogger(name)


def is_installed() -> bool:
    """True once ``install()`` has run (and ``uninstall()`` has not)."""
    return logging.getLogRecordFactory() is _scrubbing_factory


def install(level: int | None = None) -> None:
    """Keep personal data out of every log record of this process; safe to call twice.

    ``level``: if given, the libraries' records (``PROTECTED_LOGGERS``) below it
    are dropped rather than scrubbed, e.g. ``logging.INFO`` so that a
    ``LOG_LEVEL=DEBUG`` left on in production cannot dump trackers.
    """
    global _previous_factory
    _FILTER.drop_below = level
    if not is_installed():
        _previous_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_scrubbing_factory)
    logging.Handler.handle = _protected_handle  # type: ignore[method-assign]
    for logger in _named_loggers():
        _add_filter(logger)
        for handler in logger.handlers:
            _add_filter(handler)
    _install_structlog()


def uninstall() -> None:
    """Undo ``install()`` (for tests): factory, ``Handler.handle``, filters, structlog."""
    global _previous_factory
    if is_installed():
        logging.setLogRecordFactory(_previous_factory or logging.LogRecord)
    _previous_factory = None
    logging.Handler.handle = _ORIGINAL_HANDLE  # type: ignore[method-assign]
    for logger in _named_loggers():
        logger.removeFilter(_FILTER)
        for handler in logger.handlers:
            handler.removeFilter(_FILTER)
    processors = _structlog_processors()
    if processors is not None and _structlog_processor in processors:
        processors.remove(_structlog_processor)
    _FILTER.drop_below = None
