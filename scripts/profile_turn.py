"""Where a turn's time goes: the Rasa agent in this process, the action server in another.

`make profile` (or `python scripts/profile_turn.py`). The agent is loaded as the
Rasa server loads it (same endpoints, tracker store, action-server secret and
outage guard) and plays the benchmark's conversations one turn at a time, without
HTTP. Every graph node (each NLU component, each policy), every call to the
action server, every tracker-store read and write is timed; the action server runs
under cProfile, so its share is split into our code (bot/, actions/) and the SDK.

Prints a table in milliseconds per user turn; the README quotes it.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import os
import pstats
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import CONVERSATIONS  # noqa: E402

TIMES: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
ACTION_BYTES: list[int] = []


def timed(key_of, fn, is_async: bool):
    """`fn` wrapped so that its wall time is added under key_of(args)."""
    if is_async:
        async def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                key = key_of(args)
                TIMES[key] += time.perf_counter() - start
                CALLS[key] += 1
    else:
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                key = key_of(args)
                TIMES[key] += time.perf_counter() - start
                CALLS[key] += 1
    return wrapper


def instrument(tracker_store_cls) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.engine.graph import GraphNode
    from rasa.utils.endpoints import EndpointConfig

    GraphNode.__call__ = timed(lambda a: f"graph: {a[0]._node_name}", GraphNode.__call__, False)
    RemoteAction.run = timed(lambda a: "action server: round trip", RemoteAction.run, True)
    tracker_store_cls.retrieve = timed(lambda a: "tracker store: retrieve",
                                       tracker_store_cls.retrieve, True)
    tracker_store_cls.save = timed(lambda a: "tracker store: save", tracker_store_cls.save, True)
    original_request = EndpointConfig.request

    async def request(self, *args, **kwargs):
        if "json" in kwargs:
            ACTION_BYTES.append(len(json.dumps(kwargs["json"])))
        return await original_request(self, *args, **kwargs)

    EndpointConfig.request = request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit("erro: o servidor de ações não arrancou")


async def play(agent, rounds: int) -> tuple[list[float], int]:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    latencies: list[float] = []
    empty = 0
    for _ in range(rounds):
        for turns in CONVERSATIONS:
            sender = str(uuid.uuid4())
            for text in turns:
                out = CollectingOutputChannel()
                start = time.perf_counter()
                await agent.handle_message(UserMessage(text, out, sender))
                latencies.append(time.perf_counter() - start)
                empty += not out.messages
    return latencies, empty


def action_server_split(profile: Path, turns: int) -> list[tuple[str, float]]:
    """The action server's main-thread time per turn: the handler, our code, the rest."""
    stats = pstats.Stats(str(profile))
    handler = own = 0.0
    for (filename, _line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():
        if name == "webhook" and "rasa_sdk" in filename:
            handler = max(handler, ct)
        if f"{ROOT}/bot/" in filename or f"{ROOT}/actions/" in filename:
            own += tt
    return [("action server: handler (whole)", handler / turns * 1000),
            ("action server: our code (bot/, actions/), self time", own / turns * 1000)]


async def main_async(args) -> int:
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from bot.serving import action_outage, rasa_speedups
    from bot.serving.action_server import SECRET_HEADER
    from bot.serving.action_server import SECRET_NAME as ACTION_SECRET
    from bot.serving.settings import secret
    from bot.serving.tracker_store import RedactingSQLTrackerStore

    configure_logging_and_warnings(logging.INFO)  # as the server: no debug output
    configure_structlog(logging.INFO)
    work = Path(tempfile.mkdtemp(prefix="rsi-profile-"))
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{work}/profile.db")
    os.environ.update(DATABASE_URL=env["DATABASE_URL"])
    actions_prof = work / "actions.prof"
    server = subprocess.Popen(
        [sys.executable, "-m", "cProfile", "-o", str(actions_prof), "-m",
         "bot.serving.action_server", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        endpoints_file = work / "endpoints.yml"
        endpoints_file.write_text((ROOT / "endpoints.yml").read_text().replace(
            "127.0.0.1:5055", f"127.0.0.1:{port}"))
        endpoints = AvailableEndpoints.read_endpoints(str(endpoints_file))
        endpoints.action.headers[SECRET_HEADER] = secret(ACTION_SECRET)
        action_outage.install()
        if not args.rasa_as_is:
            rasa_speedups.install()
        started = time.perf_counter()
        agent = await load_agent(model_path=args.model, endpoints=endpoints)
        load_s = time.perf_counter() - started
        instrument(RedactingSQLTrackerStore)
        await play(agent, 1)  # warm-up: first-call costs are start-up, not a turn's
        TIMES.clear()
        CALLS.clear()
        ACTION_BYTES.clear()
        latencies, empty = await play(agent, args.rounds)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    turns = len(latencies)
    total = sum(latencies)
    print(f"modelo carregado em {load_s:.1f} s; {turns} turnos, {empty} sem resposta; "
          f"média {total / turns * 1000:.1f} ms por turno (sem HTTP)\n")
    print(f"{'parte':58} {'ms/turno':>9} {'chamadas/turno':>15} {'% do turno':>11}")
    rows = sorted(TIMES.items(), key=lambda kv: -kv[1])
    for key, seconds in rows:
        print(f"{key:58} {seconds / turns * 1000:9.2f} {CALLS[key] / turns:15.2f} "
              f"{seconds / total * 100:10.1f}%")
    accounted = sum(v for k, v in TIMES.items() if not k.startswith("action server"))
    accounted += TIMES.get("action server: round trip", 0.0)
    print(f"{'resto (processador, eventos, canal)':58} {(total - accounted) / turns * 1000:9.2f}"
          f" {'':15} {(total - accounted) / total * 100:10.1f}%")
    if actions_prof.exists():
        for key, ms in action_server_split(actions_prof, turns):
            print(f"{key:58} {ms:9.2f}")
    if ACTION_BYTES:
        print(f"\npedidos ao servidor de ações: {len(ACTION_BYTES) / turns:.2f} por turno, "
              f"{sum(ACTION_BYTES) / len(ACTION_BYTES) / 1024:.1f} KiB em média "
              f"(máximo {max(ACTION_BYTES) / 1024:.1f} KiB)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "rsi.tar.gz"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cprofile", help="also write the agent's cProfile to this file")
    parser.add_argument("--rasa-as-is", action="store_true",
                        help="without bot.serving.rasa_speedups (to see what it saves)")
    args = parser.parse_args()
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            return asyncio.run(main_async(args))
        finally:
            profiler.disable()
            profiler.dump_stats(args.cprofile)
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
