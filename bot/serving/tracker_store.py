"""Tracker stores that keep conversations without the personal data they no longer need.

``RedactingSQLTrackerStore`` (the default, selected in endpoints.yml) keeps every
conversation in a database, so a restart or a model reload resumes each one
where it stood: SQLite under the var directory by default, PostgreSQL when
configured (``bot.store.conversations.tracker_db_url``; the URL, password
included, comes from the environment, never from a command line or a file in
the repository).

What reaches the database never holds personal data: ``bot.redaction`` replaces
the answers to the NIF, NISS, name, e-mail and address questions and masks
identifier-shaped text everywhere, and the personal slots are written as None
even while the certificate form is open. The form still needs those values on
its next turn, so they are kept beside the database for conversations inside a
form that uses them, as the in-memory store did: in the process's memory
(``_InFormCache``) by default, or, when ``RSI_REDIS_URL`` is set (several Rasa
processes serving the same conversations), encrypted in Redis where any
process can continue the form (``bot.serving.shared_form_cache``). Either way
they are dropped when the form closes. In memory, after a restart or when
another process served the conversation in between, they are gone and the form
asks for them again: the price of never writing them.

The turn being processed sees everything: Rasa saves after the turn.

The database work runs in a worker thread, so a slow or locked database
delays only the conversation that waits for it, not every other one the
process is serving. A save writes only the turn's new events, redacted in the
context of the earlier ones; the session's earlier rows are read and compared
only when their redaction may have changed (a personal value became known), so
the cost of a turn does not grow with the length of the conversation.

``RedactingTrackerStore`` is the former in-memory store, kept for tests and for
a configuration without a database.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import OrderedDict
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy import event as sa_event
from sqlalchemy import func
from sqlalchemy.orm import sessionmaker

from bot.redaction import FORMS_USING_THEM, PERSONAL_SLOTS, personal_values, redact_events
from bot.serving.redis_connection import redis_url
from bot.serving.shared_form_cache import DEFAULT_TTL_S, SharedFormCache
from bot.store.conversations import tracker_db_url

log = logging.getLogger(__name__)

# Conversations whose personal slots are kept in memory at once; the oldest go
# first (their form then asks again). Far above the simultaneous forms expected.
MAX_CACHED_FORMS = 10_000
# Seconds a SQLite writer waits for another process's write before failing.
SQLITE_BUSY_TIMEOUT_S = 30
# Seconds to wait for a connection to a database server before the turn fails.
CONNECT_TIMEOUT_S = 3


class RedactingTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory store with ``bot.redaction`` applied on every save."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        dialogue = tracker.as_dialogue().as_dict()
        dialogue["events"] = redact_events(dialogue["events"])
        self.store[tracker.sender_id] = json.dumps(dialogue)


def stored_events(events: list[dict[str, Any]], start: int = 0) -> list[dict[str, Any]]:
    """``events[start:]`` as they may be written to a database: redacted, personal slots None."""
    redacted = redact_events(events, start)
    for event in redacted:
        if event.get("event") == "slot" and event.get("name") in PERSONAL_SLOTS:
            event["value"] = None
    return redacted


def _form_keeps_slots(events: list[dict[str, Any]]) -> bool:
    form = None
    for event in events:
        if event.get("event") == "active_loop":
            form = event.get("name")
    return form in FORMS_USING_THEM


class _InFormCache:
    """The last saved events, personal slots included, of conversations in a form needing them.

    An entry is used only while the database holds exactly the rows this
    process wrote (same count, same last row id): if another process served a
    turn since, the database is newer and the entry is dropped.
    """

    def __init__(self, limit: int = MAX_CACHED_FORMS) -> None:
        self.limit = limit
        self._entries: OrderedDict[str, tuple[tuple[int, int], list[dict[str, Any]]]] = OrderedDict()
        # The store's database work (and so this cache) runs in worker threads.
        self._lock = threading.Lock()

    def put(self, sender_id: str, rows: tuple[int, int], events: list[dict[str, Any]]) -> None:
        with self._lock:
            self._entries[sender_id] = (rows, events)
            self._entries.move_to_end(sender_id)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        with self._lock:
            self._entries.pop(sender_id, None)

    def get(self, sender_id: str, rows: tuple[int, int]) -> list[dict[str, Any]] | None:
        with self._lock:
            entry = self._entries.get(sender_id)
            if entry is None or entry[0] != rows:
                self._entries.pop(sender_id, None)
                return None
            return entry[1]


class RedactingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store that never writes personal data (see module doc).

    Rasa's store appends the new events of each turn. This one writes the
    redacted events, and rewrites an earlier row of the current session when
    its redaction changed (a name typed before it was asked is masked once the
    name is known).
    """

    def __init__(self, domain: Domain | None = None, host: str | None = None,
                 event_broker: EventBroker | None = None, **kwargs: Any) -> None:
        # `host` may carry a full URL (Rasa's convention); the environment's otherwise.
        url = host if host and "://" in host else tracker_db_url()
        self._is_sqlite = url.startswith("sqlite")
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
        if self._is_sqlite:
            _harden_sqlite(self.engine)
        else:
            self._recover_by_itself()
        shared = redis_url()
        self._in_form: _InFormCache | SharedFormCache = (
            SharedFormCache(shared, ttl_s=lambda: _session_seconds(self.domain)) if shared else _InFormCache())

    def _recover_by_itself(self) -> None:
        """An engine that tests a pooled connection before using it, and gives up
        connecting after a few seconds: when the database restarts, the next turn
        works (no turn fails on a connection the restart closed), and an unreachable
        server is reported to the citizen at once (bot.serving.action_outage)."""
        previous = self.engine
        options = create_engine_kwargs(previous.url)
        options["connect_args"] = {**options.get("connect_args", {}), "connect_timeout": CONNECT_TIMEOUT_S}
        self.engine = sa_create_engine(previous.url, pool_pre_ping=True, **options)
        self.sessionmaker = sessionmaker(bind=self.engine)
        previous.dispose()

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool
                        ) -> DialogueStateTracker | None:
        return await asyncio.to_thread(self._retrieve_now, sender_id, fetch_events_from_all_sessions)

    def _retrieve_now(self, sender_id: str, fetch_all: bool) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            rows = (self._event_query(session, sender_id, fetch_all)
                    .with_entities(self.SQLEvent.id, self.SQLEvent.data).all())
            if not rows or not self.domain:
                return None
            events = None
            if not fetch_all:
                events = self._in_form.get(sender_id, (len(rows), rows[-1].id))
            if events is None:
                events = [json.loads(row.data) for row in rows]
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        await asyncio.to_thread(self._save_now, tracker)

    def _save_now(self, tracker: DialogueStateTracker) -> None:
        events = [event.as_dict() for event in tracker.events]
        sender_id = tracker.sender_id
        with self.session_scope() as session:
            stored = self._event_query(session, sender_id, False).order_by(None).count()
            if stored > len(events) or personal_values(events[:stored]) != personal_values(events):
                # A personal value became known: earlier rows may need masking again.
                self._rewrite_session(session, sender_id, events)
                stored = min(stored, len(events))
            new_events = list(tracker.events)[stored:]
            for event, data in zip(new_events, stored_events(events, stored), strict=True):
                session.add(self.SQLEvent(
                    sender_id=sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.commit()
            if _form_keeps_slots(events):
                count, last_id = (self._event_query(session, sender_id, False).order_by(None)
                                  .with_entities(func.count(self.SQLEvent.id), func.max(self.SQLEvent.id))
                                  .one())
                # The in-memory copy is redacted as the in-memory store was:
                # only the open form's slots are kept.
                self._in_form.put(sender_id, (count, last_id), redact_events(events))
            else:
                self._in_form.drop(sender_id)

    def _rewrite_session(self, session: Any, sender_id: str, events: list[dict[str, Any]]) -> None:
        """Rewrite the session's stored rows whose redaction changed."""
        rows = self._event_query(session, sender_id, False).all()
        for row, data in zip(rows, stored_events(events), strict=False):
            if json.loads(row.data) != data:
                row.data = json.dumps(data)


def _session_seconds(domain: Domain | None) -> int:
    """How long a conversation session lasts without a message (domain.yml ``session_config``).

    A shared entry never outlives the session it belongs to.
    """
    minutes = domain.session_config.session_expiration_time if domain else 0
    return int(minutes * 60) if minutes and minutes > 0 else DEFAULT_TTL_S


def _harden_sqlite(engine: Any) -> None:
    """Wait for other writers instead of failing, and overwrite what is deleted or rewritten.

    ``secure_delete`` zeroes freed pages, so a rewritten row's old text or a
    purged conversation does not linger in the file.
    """

    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    engine.dispose()  # connections opened before the listener get the pragmas too
