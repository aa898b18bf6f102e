"""The conversation purge deletes in small transactions, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, insert, select

from bot.store import conversations
from bot.store.conversations import EVENTS, SECONDS_PER_DAY, purge_conversations
from bot.store.db import make_engine

NOW = 1_800_000_000.0


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    EVENTS.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _fill(engine, old: int, recent: int) -> None:
    rows = [{"sender_id": f"old-{i % 7}", "timestamp": NOW - 400 * SECONDS_PER_DAY + i} for i in range(old)]
    rows += [{"sender_id": f"new-{i % 3}", "timestamp": NOW - 10 * SECONDS_PER_DAY + i} for i in range(recent)]
    with engine.begin() as connection:
        connection.execute(insert(EVENTS), rows)


def _left(engine) -> list[str]:
    with engine.connect() as connection:
        return sorted({row[0] for row in connection.execute(select(EVENTS.c.sender_id))})


def test_the_purge_deletes_every_old_event_in_batches(engine, monkeypatch):
    monkeypatch.setattr(conversations, "PURGE_BATCH", 7)
    _fill(engine, old=50, recent=5)
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _seen(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("DELETE"):
            statements.append(statement)

    assert purge_conversations(engine, older_than_days=365, dry_run=True, now=NOW) == 50
    assert purge_conversations(engine, older_than_days=365, now=NOW) == 50
    assert len(statements) == 8  # 7 full batches of 7, then one of 1
    assert _left(engine) == ["new-0", "new-1", "new-2"]
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(EVENTS)).scalar_one() == 5
    assert purge_conversations(engine, older_than_days=365, now=NOW) == 0
