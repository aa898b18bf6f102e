"""The atomic Redis lock store (bot/serving/lock_store.py) on a real Redis from scripts/redis.sh.

The contention test runs the same critical section from several OS processes
on one conversation, once with ``AtomicRedisLockStore`` and once with Rasa's
own ``RedisLockStore``: inside the lock each process reads a counter, waits a
moment and writes it back plus one, so two processes inside at once lose an
update. Rasa's store loses some; ours none.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import socket
import threading
import time
import uuid

import pytest
import redis
from rasa.core.lock_store import LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.serving.lock_store import AtomicRedisLockStore
from bot.serving.redis_connection import RedisUnavailable

from .conftest import REDIS_SCRIPT, server_url

PROCESSES = 8
ROUNDS = 25
# Between the counter's read and its write: long enough for an overlapping
# holder to read the same value, short enough for a quick test.
HOLD_S = 0.003
# A ticket's lifetime: ample for a wait behind the 7 other processes (tens of
# ms), short because Rasa's store leaves tickets behind that block until then.
LIFETIME_S = 3
# A round still waiting after this has hung (Rasa's store can leave a lock
# whose queue no longer holds the waiter's ticket); that process stops there.
STUCK_S = 6


def make_store(kind: str, url: str, prefix: str) -> LockStore:
    if kind == "atomic":
        return AtomicRedisLockStore(url=url, key_prefix=prefix)
    parts = redis.connection.parse_url(url)
    return RedisLockStore(host="127.0.0.1", port=parts["port"], db=parts["db"], key_prefix=prefix)


def contend(kind: str, url: str, prefix: str, conversation: str, start_at: float) -> dict[str, int]:
    """One process's rounds through the lock; counts what it saw go wrong."""
    store = make_store(kind, url, prefix)
    red = redis.Redis.from_url(url)
    seen = {"entered": 0, "overlaps": 0, "lock_errors": 0, "stuck": 0}

    async def one_round() -> None:
        async with store.lock(conversation, lock_lifetime=LIFETIME_S, wait_time_in_seconds=0.002):
            seen["entered"] += 1
            if red.incr(f"{prefix}:inside") > 1:
                seen["overlaps"] += 1
            value = int(red.get(f"{prefix}:counter") or 0)
            time.sleep(HOLD_S)
            red.set(f"{prefix}:counter", value + 1)
            red.decr(f"{prefix}:inside")

    time.sleep(max(0.0, start_at - time.time()))  # every process starts at once
    for _ in range(ROUNDS):
        try:
            asyncio.run(asyncio.wait_for(one_round(), STUCK_S))
        except LockError:
            # Rasa's server drops the message in this case.
            seen["lock_errors"] += 1
        except asyncio.TimeoutError:
            seen["stuck"] += 1
            break
    return seen


def run_contention(kind: str, url: str) -> dict[str, int]:
    prefix = f"t{uuid.uuid4().hex[:12]}"
    conversation = str(uuid.uuid4())
    start_at = time.time() + 1.5
    context = multiprocessing.get_context("fork")
    with context.Pool(PROCESSES) as pool:
        results = pool.starmap(contend, [(kind, url, prefix, conversation, start_at)] * PROCESSES)
    counter = int(redis.Redis.from_url(url).get(f"{prefix}:counter") or 0)
    total = {name: sum(r[name] for r in results) for name in results[0]}
    total["lost_updates"] = total["entered"] - counter
    return total


def test_the_atomic_store_lets_one_process_in_at_a_time(redis_url):
    total = run_contention("atomic", redis_url)
    print(f"\nAtomicRedisLockStore, {PROCESSES} processes x {ROUNDS} rounds: {total}")
    assert total == {"entered": PROCESSES * ROUNDS, "overlaps": 0, "lock_errors": 0, "stuck": 0,
                     "lost_updates": 0}


def test_rasas_redis_lock_store_lets_two_in(redis_url):
    """The same test on Rasa's store fails: it proves the test above can fail."""
    total = run_contention("stock", redis_url)
    print(f"\nRasa RedisLockStore, {PROCESSES} processes x {ROUNDS} rounds: {total}")
    assert total["overlaps"] + total["lost_updates"] + total["lock_errors"] + total["stuck"] > 0


def test_tickets_are_served_in_order_and_given_back(redis_url):
    store = AtomicRedisLockStore(url=redis_url)
    first, second = store.issue_ticket("c1"), store.issue_ticket("c1")
    assert (first, second) == (0, 1)
    assert [t.number for t in store.get_lock("c1").tickets] == [0, 1]
    assert store.is_someone_waiting("c1")

    order: list[str] = []

    async def scenario() -> None:
        async def late() -> None:
            async with store.lock("c1", wait_time_in_seconds=0.01) as lock:
                order.append(f"late {lock.now_serving}")

        waiting = asyncio.create_task(late())  # takes ticket 2, waits for 0 and 1
        await asyncio.sleep(0.1)
        assert order == []
        store.cleanup("c1", first)
        await asyncio.sleep(0.1)
        assert order == []
        store.cleanup("c1", second)
        await asyncio.wait_for(waiting, 5)

    asyncio.run(scenario())
    assert order == ["late 2"]
    assert store.get_lock("c1") is None and not store.is_someone_waiting("c1")
    # The emptied lock remembers its last number for one lifetime, then Redis drops it.
    assert store.issue_ticket("c1") == 3
    store.cleanup("c1", 3)
    assert 0 < store.red.pttl("lock:c1") <= store.lock_lifetime * 1000


def test_the_lock_keeps_rasas_format(redis_url):
    ours = AtomicRedisLockStore(url=redis_url, key_prefix="fmt")
    ours.issue_ticket("c7")
    ours.issue_ticket("c7", lock_lifetime=5)
    rasas = make_store("stock", redis_url, "fmt")
    lock = rasas.get_lock("c7")
    assert [t.number for t in lock.tickets] == [0, 1]
    assert 0 < lock.tickets[1].expires - time.time() <= 5
    assert lock.now_serving == 0 and lock.is_someone_waiting()


def test_an_expired_ticket_does_not_block_forever(redis_url):
    store = AtomicRedisLockStore(url=redis_url)
    # A process took the lock and died without giving it back.
    store.issue_ticket("c2", lock_lifetime=1)

    async def next_message() -> float:
        began = time.monotonic()
        async with store.lock("c2", lock_lifetime=30, wait_time_in_seconds=0.05):
            return time.monotonic() - began

    waited = asyncio.run(next_message())
    assert 0.5 < waited < 10
    assert store.get_lock("c2") is None


def test_a_ticket_that_expired_while_waiting_is_an_error_not_a_wait(redis_url):
    store = AtomicRedisLockStore(url=redis_url)
    store.issue_ticket("c3", lock_lifetime=30)  # someone holds the lock
    mine = store.issue_ticket("c3", lock_lifetime=0.2)
    time.sleep(0.3)
    with pytest.raises(LockError, match="expired"):
        asyncio.run(store._acquire_lock("c3", mine, 0.01))


def test_rasa_builds_it_from_endpoints_with_the_url_from_the_environment(redis_url, monkeypatch, tmp_path):
    from rasa.core.utils import AvailableEndpoints

    monkeypatch.setenv("RSI_REDIS_URL", redis_url)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "lock_store:\n  type: bot.serving.lock_store.AtomicRedisLockStore\n  key_prefix: rsi\n",
        encoding="utf-8")
    store = LockStore.create(AvailableEndpoints.read_endpoints(str(endpoints)).lock_store)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.url == redis_url
    store.issue_ticket("c4")
    assert redis.Redis.from_url(redis_url).exists("rsi:lock:c4")

    # A url: in endpoints.yml wins over the variable.
    monkeypatch.setenv("RSI_REDIS_URL", "redis://127.0.0.1:1/0")
    overridden = LockStore.create(EndpointConfig(
        url=redis_url, type="bot.serving.lock_store.AtomicRedisLockStore"))
    assert overridden.url == redis_url


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


def test_no_redis_is_a_clear_error_without_the_password(monkeypatch):
    url = f"redis://:s3cr3t-pass@127.0.0.1:{closed_port()}/0"
    began = time.monotonic()
    with pytest.raises(RedisUnavailable) as error:
        AtomicRedisLockStore(url=url)
    assert time.monotonic() - began < 5
    message = str(error.value)
    assert message.startswith("Redis lock store unavailable at redis://:***@127.0.0.1:")
    assert "s3cr3t" not in message

    monkeypatch.delenv("RSI_REDIS_URL", raising=False)
    with pytest.raises(RedisUnavailable, match="set RSI_REDIS_URL"):
        AtomicRedisLockStore()
    with pytest.raises(RedisUnavailable, match="not a Redis URL"):
        AtomicRedisLockStore(url="http://127.0.0.1:1/")


def test_a_redis_that_never_answers_times_out():
    """A server that accepts connections and says nothing (a hung Redis): an error, not a hang."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True).start()
    try:
        began = time.monotonic()
        with pytest.raises(RedisUnavailable, match="Timeout"):
            AtomicRedisLockStore(url=f"redis://127.0.0.1:{silent.getsockname()[1]}/0", socket_timeout=1)
        assert time.monotonic() - began < 10
    finally:
        for connection in accepted:
            connection.close()
        silent.close()


def test_redis_going_away_mid_run_is_a_lock_error(tmp_path):
    """A Redis of its own (port 56380) stopped under a running store: the next message gets a LockError."""
    url = server_url(REDIS_SCRIPT, "Redis on 56380", {"REDIS_PORT": "56380", "RSI_REDIS_DIR": str(tmp_path)})
    store = AtomicRedisLockStore(url=url, socket_timeout=1)
    store.issue_ticket("c5")
    redis.Redis.from_url(url).shutdown(nosave=True)

    async def message() -> None:
        async with store.lock("c6", wait_time_in_seconds=0.01):
            pass

    began = time.monotonic()
    with pytest.raises(LockError, match="Redis lock store unavailable at redis://127.0.0.1:56380/0"):
        asyncio.run(message())
    assert time.monotonic() - began < 10
