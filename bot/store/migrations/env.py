"""Alembic environment of the request store.

``bot.store.db.migrate()`` passes an open connection in
``config.attributes["connection"]``; the ``alembic`` command line uses
``sqlalchemy.url`` from the config if set, else ``DATABASE_URL`` / the
default SQLite file.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from bot.store.db import engine_from_env, make_engine
from bot.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: later migrations use batch mode there.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or str(engine_from_env().url),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    # Only the command line gets here: configure its logging from alembic.ini.
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(url) if url else engine_from_env()
    with engine.begin() as connection:
        _configure_and_run(connection)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
