"""Benchmark of the running servers over REST (loopback only, bounded in count and time).

Prints turn latency p50/p95/p99 with 1 and with N concurrent conversations,
messages per second, the floor given by a bare /model/parse call, and the
resident memory of the server processes. Given --launched-at, it first waits
for the first real answer and reports the start-up time; given --json, it also
writes the figures there, for scripts/bench_compare.py to set beside another
commit's (scripts/bench.sh runs the same code against both).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bot.serving.settings import secret  # noqa: E402

# Realistic conversations, including a full form; each turn must get a reply.
CONVERSATIONS: list[list[str]] = [
    ["olá", "o que é o rsi?", "obrigado", "adeus"],
    ["tenho direito ao rsi?", "vivo sozinho", "não tenho filhos", "ganho 300 euros",
     "não tenho", "não tenho", "portuguesa", "sim", "sim", "sim"],
    ["recebi uma carta a 22 de dezembro a pedir documentos, até quando tenho?", "continente"],
    ["que documentos preciso?", "quero falar com uma pessoa", "obrigada"],
]
MAX_SECONDS = 120.0
# Start-up: how often and how long to ask for the first answer.
READY_STEP = 0.2
READY_TIMEOUT = 300.0


class NotReady(Exception):
    """The server died or gave no real answer in time (the message says which)."""


def wait_ready(base: str, rasa_pid: int | None, launched_at: float,
               timeout: float = READY_TIMEOUT) -> float:
    """Seconds from ``launched_at`` (epoch) to the first real reply to «olá».

    A real reply carries a text: an empty list comes back while the model
    loads or when the action server is down, so an open port is not enough.
    """
    url = f"{base}/webhooks/rest/webhook"
    while time.time() - launched_at < timeout:
        if rasa_pid and not _alive(rasa_pid):
            raise NotReady("o servidor Rasa terminou")
        try:
            response = requests.post(url, json={"sender": str(uuid.uuid4()), "message": "olá"},
                                     timeout=10)
            reply = response.json() if response.status_code == 200 else []
            if isinstance(reply, list) and any(isinstance(m, dict) and m.get("text") for m in reply):
                return time.time() - launched_at
        except (requests.RequestException, ValueError):
            pass
        time.sleep(READY_STEP)
    raise NotReady(f"o assistente não respondeu em {timeout:.0f} s")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie has exited: its parent (scripts/bench.sh) has not reaped it yet.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] != "Z"
    except OSError:
        return False


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def run_conversation(url: str, turns: list[str], latencies: list[float], errors: list[str],
                     lock: threading.Lock) -> None:
    sender = str(uuid.uuid4())
    session = requests.Session()
    for text in turns:
        start = time.perf_counter()
        try:
            response = session.post(url, json={"sender": sender, "message": text}, timeout=60)
            ok = response.status_code == 200 and response.json() != []
        except requests.RequestException as exc:
            ok, response = False, exc
        elapsed = time.perf_counter() - start
        with lock:
            latencies.append(elapsed)
            if not ok:
                errors.append(text)


def load(base: str, concurrency: int, rounds: int) -> dict[str, float]:
    url = f"{base}/webhooks/rest/webhook"
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    jobs = [CONVERSATIONS[i % len(CONVERSATIONS)] for i in range(concurrency * rounds)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = []
        for turns in jobs:
            if time.perf_counter() - started > MAX_SECONDS:
                break
            futures.append(pool.submit(run_conversation, url, turns, latencies, errors, lock))
        for f in futures:
            f.result()
    wall = time.perf_counter() - started
    return {
        "turns": len(latencies), "errors": len(errors), "wall": wall,
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99), "rate": len(latencies) / wall,
    }


def parse_floor(base: str, token: str, count: int) -> dict[str, float]:
    latencies = []
    session = requests.Session()
    for i in range(count):
        start = time.perf_counter()
        response = session.post(f"{base}/model/parse", headers={"Authorization": f"Bearer {token}"},
                                json={"text": f"quanto posso receber de rsi {i}"}, timeout=30)
        response.raise_for_status()
        latencies.append(time.perf_counter() - start)
    return {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "mean": statistics.fmean(latencies)}


def memory_mb(process_group: int) -> float:
    """Resident memory of a whole process group (a server and its children)."""
    out = subprocess.run(["ps", "-o", "rss=", "-g", str(process_group)],
                         capture_output=True, text=True).stdout
    return sum(int(v) for v in out.split()) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rasa-pgid", type=int)
    parser.add_argument("--actions-pgid", type=int)
    parser.add_argument("--launched-at", type=float,
                        help="when the servers were launched (epoch seconds): wait and time the start-up")
    parser.add_argument("--log", default="o registo do servidor",
                        help="the Rasa server's log, named when it fails to start")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not args.url.startswith(("http://127.", "http://localhost")):
        print("erro: o benchmark só corre contra servidores em loopback", file=sys.stderr)
        return 2
    figures: dict[str, object] = {}
    if args.launched_at is not None:
        try:
            figures["startup"] = wait_ready(args.url, args.rasa_pgid, args.launched_at)
        except NotReady as exc:
            print(f"erro: {exc}; veja {args.log}", file=sys.stderr)
            return 1
        print(f"arranque (até à primeira resposta): {figures['startup']:.1f} s")
    floor = parse_floor(args.url, secret("RASA_AUTH_TOKEN"), 100)
    figures["parse"] = floor
    print(f"/model/parse (chão): p50 {floor['p50']*1000:.0f} ms, p95 {floor['p95']*1000:.0f} ms")
    for key, concurrency, rounds in (("single", 1, args.rounds * 2),
                                     ("multi", args.concurrency, args.rounds)):
        r = load(args.url, concurrency, rounds)
        figures[key] = {**r, "concurrency": concurrency}
        print(f"{concurrency:>2} conversa(s) em simultâneo: {r['turns']} turnos em {r['wall']:.1f} s, "
              f"{r['rate']:.1f} mensagens/s, p50 {r['p50']*1000:.0f} ms, p95 {r['p95']*1000:.0f} ms, "
              f"p99 {r['p99']*1000:.0f} ms, respostas vazias/erros: {r['errors']}")
    if args.rasa_pgid and args.actions_pgid:
        figures["rss_rasa"] = memory_mb(args.rasa_pgid)
        figures["rss_actions"] = memory_mb(args.actions_pgid)
        print(f"memória: servidor Rasa {figures['rss_rasa']:.0f} MB, "
              f"servidor de ações {figures['rss_actions']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C: bench.sh stops the servers; no traceback
        print("benchmark interrompido.", file=sys.stderr)
        sys.exit(130)
