"""Fixtures of the store tests: every test runs on SQLite (a temporary file)
and on a real PostgreSQL server started on loopback by scripts/postgres.sh.

Locally, a PostgreSQL that cannot be started skips those tests with the
reason; under CI (env CI set) it fails them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from bot.store.db import make_engine, migrate
from bot.store.requests import RequestRepository

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_SCRIPT = ROOT / "scripts" / "postgres.sh"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    try:
        result = subprocess.run(
            ["bash", str(POSTGRES_SCRIPT)], capture_output=True, text=True, timeout=900, check=True
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        stderr = (getattr(error, "stderr", "") or "").strip().splitlines()
        reason = f"PostgreSQL unavailable: {stderr[-1] if stderr else error}"
        # `make test` and CI require the real server; a bare local pytest may skip.
        if os.environ.get("CI") or os.environ.get("RSI_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    return result.stdout.strip().splitlines()[-1]


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, future=True)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    """An empty database (no tables) of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = request.getfixturevalue("postgres_url")
    _reset_postgres(url)
    return url


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def repo(engine) -> RequestRepository:
    return RequestRepository(engine)
