"""Fixtures of the store tests: every test runs on SQLite (a temporary file)
and on a real PostgreSQL server started on loopback by scripts/postgres.sh;
the lock store and the shared form cache run on a real Redis started on
loopback by scripts/redis.sh.

Locally, a server that cannot be started skips those tests with the reason;
under CI (env CI or RSI_REQUIRE_POSTGRES set) it fails them.
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
REDIS_SCRIPT = ROOT / "scripts" / "redis.sh"


def server_url(script: Path, name: str, env: dict[str, str] | None = None) -> str:
    """The URL printed by the project's script starting the server, or skip/fail the test."""
    try:
        result = subprocess.run(
            ["bash", str(script)], capture_output=True, text=True, timeout=900, check=True,
            env={**os.environ, **(env or {})},
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        stderr = (getattr(error, "stderr", "") or "").strip().splitlines()
        reason = f"{name} unavailable: {stderr[-1] if stderr else error}"
        # `make test` and CI require the real server; a bare local pytest may skip.
        if os.environ.get("CI") or os.environ.get("RSI_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(autouse=True)
def _no_shared_redis_from_the_environment(monkeypatch) -> None:
    """A test uses Redis only when it says so (redis_url), never because the shell exported RSI_REDIS_URL."""
    monkeypatch.delenv("RSI_REDIS_URL", raising=False)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    return server_url(POSTGRES_SCRIPT, "PostgreSQL")


@pytest.fixture(scope="session")
def redis_server_url() -> str:
    """The URL of scripts/redis.sh's server (database 0)."""
    return server_url(REDIS_SCRIPT, "Redis")


@pytest.fixture
def redis_url(redis_server_url: str, request) -> str:
    """An emptied Redis database for this test, a number of its own per test module.

    Tests of one module run one after the other, so flushing before each is
    enough; the fixed number per module keeps modules apart, in one pytest
    run or in two at once.
    """
    import redis

    number = REDIS_TEST_DATABASES[request.module.__name__.rsplit(".", 1)[-1]]
    url = redis_server_url.rsplit("/", 1)[0] + f"/{number}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()
    return url


# Test module -> Redis database (of Redis's 16): the high ones, the low ones
# being left to servers run by hand on the same Redis (the cluster uses 0).
REDIS_TEST_DATABASES = {"test_lock_store": 9, "test_shared_form_cache": 10, "test_conversation_store": 11}


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
