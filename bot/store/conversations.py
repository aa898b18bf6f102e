"""Where the conversations (Rasa's trackers) are kept, and their retention.

The Rasa server keeps each conversation as rows of the table ``events`` (one
row per event, see ``bot.serving.tracker_store``). This module knows where that
table is and deletes what is older than the retention period, without
importing Rasa, so the staff command stays quick.

The database, in order:

- ``RSI_TRACKER_DB_URL`` when set (any SQLAlchemy URL);
- else ``DATABASE_URL`` when it names PostgreSQL: the same database as the
  certificate requests, in its own table;
- else a SQLite file ``conversations.db`` in the var directory
  (``RSI_VAR_DIR``, by default ``var/``): no server needed.

A SQLite file of its own, rather than the requests' file, because every turn
of every conversation writes to it and SQLite has one writer at a time.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, func, inspect, select
from sqlalchemy.engine import Engine

from bot.serving.settings import var_dir
from bot.store.db import make_engine, translate_errors

TRACKER_URL_ENV = "RSI_TRACKER_DB_URL"
SQLITE_FILE = "conversations.db"
# Rasa's SQLTrackerStore table; only the columns the purge needs are named.
EVENTS = Table(
    "events", MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("timestamp", Float),
)
SECONDS_PER_DAY = 86400
# Events deleted per transaction: each batch holds the write lock briefly, so the
# Rasa server's turns are not kept waiting behind a purge of a year of conversations
# (SQLite has one writer at a time; a single delete of 1,8 million events took 15 s).
PURGE_BATCH = 5000


def tracker_db_url() -> str:
    """The SQLAlchemy URL of the conversations' database (see module doc)."""
    url = os.environ.get(TRACKER_URL_ENV, "").strip()
    if url:
        return _modern_scheme(url)
    shared = _modern_scheme(os.environ.get("DATABASE_URL", "").strip())
    if shared.startswith("postgresql"):
        return shared
    return f"sqlite:///{sqlite_path()}"


def sqlite_path() -> Path:
    """The default SQLite file (its folder is created)."""
    folder = var_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / SQLITE_FILE


def _modern_scheme(url: str) -> str:
    # Some platforms still hand out the old "postgres://" scheme, which SQLAlchemy refuses.
    return "postgresql://" + url[len("postgres://"):] if url.startswith("postgres://") else url


def purge_conversations(engine: Engine, older_than_days: int, dry_run: bool = False,
                        now: float | None = None) -> int:
    """Delete every conversation event older than ``older_than_days``; return how many.

    Event by event rather than conversation by conversation: a citizen who
    comes back every month (the same phone number is the same conversation)
    must not keep last year's messages. Sessions expire after an hour without
    a message (domain.yml), so an event this old belongs to a finished session.
    """
    cutoff = (time.time() if now is None else now) - older_than_days * SECONDS_PER_DAY
    old = EVENTS.c.timestamp < cutoff
    with translate_errors():
        if not inspect(engine).has_table(EVENTS.name):
            return 0  # the Rasa server never ran against this database
        if dry_run:
            with engine.connect() as connection:
                return int(connection.execute(select(func.count()).select_from(EVENTS).where(old)).scalar_one())
        deleted = 0
        batch = select(EVENTS.c.id).where(old).limit(PURGE_BATCH).scalar_subquery()
        while True:
            with engine.begin() as connection:
                removed = connection.execute(EVENTS.delete().where(EVENTS.c.id.in_(batch))).rowcount
            deleted += removed
            if removed < PURGE_BATCH:
                return deleted


def conversations_engine() -> Engine:
    """Engine for ``tracker_db_url()``."""
    return make_engine(tracker_db_url())
