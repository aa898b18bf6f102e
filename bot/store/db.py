"""Engine creation, schema migration and database-error translation.

``DATABASE_URL`` selects the database (e.g. ``postgresql://user@host:5432/db``);
without it the store uses a SQLite file at ``<repo>/var/assistente.db``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine, create_engine

from bot.store.errors import StoreUnavailable

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = REPO_ROOT / "var" / "assistente.db"
STORE_DIR = Path(__file__).resolve().parent
ALEMBIC_INI = STORE_DIR / "alembic.ini"
MIGRATIONS_DIR = STORE_DIR / "migrations"

# Seconds to wait for a lock (SQLite) or a connection (PostgreSQL) before
# reporting the store as unavailable.
SQLITE_BUSY_TIMEOUT = 30
PG_CONNECT_TIMEOUT = 5


def database_url() -> str:
    """``DATABASE_URL`` if set, else the default SQLite file (its folder is created)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # Some platforms still hand out the old "postgres://" scheme.
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str, wait_s: float | None = None) -> Engine:
    """An engine in 2.0 style (``future=True``) that never puts SQL parameters in errors.

    ``wait_s``: the longest a statement may wait for a lock or run before the
    store reports itself unavailable. The assistant sets it, so a citizen is
    told in seconds; staff commands (a purge of a year of conversations) do not.
    """
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            future=True,
            hide_parameters=True,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT if wait_s is None else wait_s,
                          "check_same_thread": False},
        )
        _sqlite_immediate_transactions(engine)
        return engine
    connect_args: dict[str, object] = {}
    if url.startswith("postgresql"):
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT
        if wait_s is not None:
            limit_ms = int(wait_s * 1000)
            connect_args["options"] = f"-c statement_timeout={limit_ms} -c lock_timeout={limit_ms}"
    return create_engine(
        url, future=True, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args
    )


def _sqlite_immediate_transactions(engine: Engine) -> None:
    """Make every SQLite transaction ``BEGIN IMMEDIATE``.

    pysqlite otherwise starts transactions lazily, so two writers can both
    read the year counter before either writes it. Taking the write lock at
    BEGIN serialises writers (others wait up to ``SQLITE_BUSY_TIMEOUT``).
    This is the recipe from the SQLAlchemy SQLite dialect documentation.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def engine_from_env(wait_s: float | None = None) -> Engine:
    """Engine for ``DATABASE_URL`` or the default SQLite file (``wait_s``: see make_engine)."""
    return make_engine(database_url(), wait_s)


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn any database failure into ``StoreUnavailable``.

    ``IntegrityError`` passes through: callers that expect one (idempotent
    create) handle it. The original error is not chained, because its text
    can quote rows; only its class name is kept.
    """
    try:
        yield
    except exc.IntegrityError:
        raise
    except exc.SQLAlchemyError as error:
        cause = type(getattr(error, "orig", None) or error).__name__
        # Debug only: the caller gets the exception and decides what to report.
        log.debug("request store unavailable: %s", cause)
        raise StoreUnavailable(f"base de dados indisponível ({cause})") from None


def _alembic_config(url: str | None = None):  # noqa: ANN202 - alembic.config.Config
    from alembic.config import Config

    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine_or_url: Engine | str | None = None, revision: str = "head") -> None:
    """Bring the schema to the latest Alembic revision (``alembic upgrade head``).

    ``revision`` upgrades only that far (tests of the upgrade from an old schema).
    """
    from alembic import command

    if engine_or_url is None:
        engine = engine_from_env()
    elif isinstance(engine_or_url, str):
        engine = make_engine(engine_or_url)
    else:
        engine = engine_or_url
    config = _alembic_config()
    with translate_errors():
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
