"""Schema upgrades of a database created by an earlier revision, on SQLite and PostgreSQL.

Databases already in use were created by revision 0001 (no ``details``
column); ``migrate()`` must bring them to head without losing a request,
its history or the year counter.
"""

from __future__ import annotations

from datetime import timedelta

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, insert, inspect, select

from bot.store.db import ALEMBIC_INI, MIGRATIONS_DIR, make_engine, migrate
from bot.store.models import Base, RequestCounter, RequestRow, StatusEventRow
from bot.store.requests import RequestRepository

from .test_store import NIF_A, NOON, new_request

FIRST_REVISION = "0001"


def alembic_config(connection) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def request_columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("certificate_requests")}


def insert_old_request(engine) -> None:
    """A request as revision 0001 stored it: every column but ``details``."""
    with engine.begin() as connection:
        connection.execute(insert(RequestCounter.__table__).values(year=2026, last_value=1))
        request_id = connection.execute(
            insert(RequestRow.__table__).values(
                number="2026/000001", year=2026, order_number=1, created_at=NOON, updated_at=NOON,
                document_type="certidao_requerimento", documents_attached=0,
                requester_name="Joaquim Ferreira", nif=NIF_A, niss=None, delivery="post",
                email=None, postal_address="Rua Direita 1, 3830-044 Ílhavo", channel="staff",
                region="continente", electronic=False, status="registered",
                expected_issue_date=NOON.date(), consent=True, consent_at=NOON,
                idempotency_key=None,
            )
        ).inserted_primary_key[0]
        connection.execute(
            insert(StatusEventRow.__table__).values(request_id=request_id, status="registered", at=NOON)
        )


def test_upgrade_from_the_first_revision_keeps_requests_and_adds_details(database_url):
    engine = make_engine(database_url)
    try:
        migrate(engine, revision=FIRST_REVISION)
        assert current_revision(engine) == FIRST_REVISION
        assert "details" not in request_columns(engine)
        insert_old_request(engine)

        migrate(engine)  # what the application does at start-up

        assert current_revision(engine) == head_revision()
        assert "details" in request_columns(engine)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        repo = RequestRepository(engine)
        old = repo.get("2026/000001")
        assert old.details is None
        assert (old.requester_name, old.nif, old.created_at) == ("Joaquim Ferreira", NIF_A, NOON)
        assert [h.status for h in old.history] == ["registered"]
        # The year counter carried over: the next request is number 2, with details.
        new = new_request(repo, document_type="certidao_requerimento",
                          details="a certidão deve indicar o andamento e a decisão")
        assert new.number == "2026/000002"
        assert repo.get(new.number).details == "a certidão deve indicar o andamento e a decisão"
    finally:
        engine.dispose()


def test_downgrade_to_the_first_revision_and_back_keeps_the_requests(database_url):
    engine = make_engine(database_url)
    try:
        migrate(engine)
        repo = RequestRepository(engine)
        number = new_request(repo, details="a certidão deve indicar a decisão").number
        repo.set_status(number, "in_progress", now=NOON + timedelta(hours=1))

        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), FIRST_REVISION)
        assert current_revision(engine) == FIRST_REVISION
        assert "details" not in request_columns(engine)
        with engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(StatusEventRow.__table__)).scalar_one() == 2

        migrate(engine)
        again = repo.get(number)
        assert again.details is None  # dropped with the column, as a downgrade must
        assert [h.status for h in again.history] == ["registered", "in_progress"]
    finally:
        engine.dispose()
