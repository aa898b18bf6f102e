"""Load test of the multi-process profile (loopback only, bounded in count and time).

100 simultaneous REST conversations of 20 turns each, mixing the eligibility
form, frequent questions and certificate requests, first against one Rasa
process (its own port), then against nginx in front of two. For each it prints
turns per second and turn latency p50/p95, and checks: no HTTP error, no empty
reply, as many certificate rows stored as receipts given, no number twice.
Then the ratio of the two rates.

    .venv/bin/python scripts/load.py --start            # starts scripts/cluster.sh, stops it after
    .venv/bin/python scripts/load.py --processes 2      # against a running cluster (var/cluster)

The cluster must run with RSI_RATE_PER_IP=0 (every conversation here comes
from 127.0.0.1); --start does that. Exit status: 0 when every check passed,
1 when one failed, 2 on bad usage or when the time limit was reached.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.bench import percentile  # noqa: E402
from scripts.processes import stop_group  # noqa: E402

NUMBER = re.compile(r"\b(20\d\d/\d{6})\b")
TURNS_PER_CONVERSATION = 20
START_TIMEOUT_S = 600  # two Rasa processes loading their model on a small machine
# Blocks of turns, as people say them (scripts/bench.py, tests/e2e/test_zy_certificates.py).
ELIGIBILITY = ["tenho direito ao rsi?", "vivo sozinho", "não tenho filhos", "ganho 300 euros",
               "não tenho", "não tenho", "portuguesa", "sim", "sim"]
FAMILY = ["quero saber se tenho direito ao rsi", "somos quatro, eu, o meu marido e dois miúdos",
          "seiscentos euros", "nenhum", "nada", "portuguesa", "sim", "sim"]
CERTIFICATE = ["quero pedir uma declaração de situação contributiva", "sim", "Maria João Silva",
               "o meu nif é 123456789", "12345678902", "por email", "maria.silva@example.pt",
               "sim, confirmo"]
FAQ = ["o que é o rsi?", "como é pago o rsi?", "como renovo o rsi?", "o abono conta para o rsi?",
       "tenho carro, posso ter rsi?", "posso trabalhar e receber o rsi?",
       "recebi uma carta a 22 de dezembro a pedir documentos, até quando tenho?", "continente",
       "que documentos preciso?", "quero falar com uma pessoa", "obrigado", "olá"]
CONFIRM = CERTIFICATE[-1]


def conversation(index: int) -> list[str]:
    """20 turns: one journey (certificate, eligibility or a family's estimate) and questions."""
    journey = (CERTIFICATE, ELIGIBILITY, FAMILY)[index % 3]
    questions = [FAQ[(index + n) % len(FAQ)] for n in range(TURNS_PER_CONVERSATION)]
    if index % 2:  # half start with questions, half with the journey
        turns = questions[: TURNS_PER_CONVERSATION - len(journey)] + journey
    else:
        turns = journey + questions
    return turns[:TURNS_PER_CONVERSATION]


def fail(message: str) -> NoReturn:
    """One line on stderr and exit status 2 (bad usage, no cluster, time limit)."""
    print(f"erro: {message}", file=sys.stderr)
    raise SystemExit(2)


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    empty: int = 0
    receipts: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def talk(url: str, turns: list[str], run: Run, deadline: float) -> None:
    sender = str(uuid.uuid4())
    session = requests.Session()
    for text in turns:
        if time.monotonic() > deadline:
            return
        start = time.perf_counter()
        try:
            response = session.post(url, json={"sender": sender, "message": text}, timeout=120)
            status = response.status_code
            replies = response.json() if status == 200 else None
        except (requests.RequestException, ValueError) as error:
            status, replies = type(error).__name__, None
        elapsed = time.perf_counter() - start
        with run.lock:
            run.latencies.append(elapsed)
            if status != 200:
                run.errors.append(str(status))
            elif not replies:
                run.empty += 1
            elif text == CONFIRM:
                said = " ".join(r.get("text", "") for r in replies)
                numbers = NUMBER.findall(said)
                run.receipts += numbers
                if not numbers:  # the load's own made-up data: safe to show
                    run.unconfirmed.append(said[:160])


def load(base: str, conversations: int, deadline: float) -> tuple[Run, float]:
    url = f"{base}/webhooks/rest/webhook"
    run = Run()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=conversations) as pool:
        for future in [pool.submit(talk, url, conversation(i), run, deadline)
                       for i in range(conversations)]:
            future.result()
    return run, time.perf_counter() - started


def stored_numbers(database_url: str, since: float) -> list[str]:
    from sqlalchemy import create_engine, text
    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as db:
            rows = db.execute(text("SELECT number, created_at FROM certificate_requests")).all()
    finally:
        engine.dispose()
    return [number for number, created in rows if created.timestamp() >= since]


class Cluster:
    """scripts/cluster.sh started by this script (--start), stopped at exit."""

    def __init__(self, run_dir: Path, env: dict[str, str]) -> None:
        self.run_dir, self.env = run_dir, env
        self.proc: subprocess.Popen | None = None

    def start(self, deadline: float) -> None:
        """Start scripts/cluster.sh and wait until it has written its pids file."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        (self.run_dir / "pids").unlink(missing_ok=True)  # left by a cluster that was killed
        log = open(self.run_dir / "load-cluster.log", "ab")  # noqa: SIM115 (kept by Popen)
        self.proc = subprocess.Popen(["bash", str(ROOT / "scripts/cluster.sh")], cwd=ROOT,
                                     env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        while not (self.run_dir / "pids").exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                fail(f"o cluster não arrancou; veja {log.name}")
            time.sleep(1)

    def stop(self) -> None:
        stop_group(self.proc, timeout=120)


def read_cluster(run_dir: Path) -> tuple[dict[str, list[int]], str]:
    """Ports by role and the DATABASE_URL of a running cluster (files written by cluster.sh)."""
    try:
        lines = (run_dir / "pids").read_text(encoding="utf-8").splitlines()
        ready = (run_dir / "ready").read_text(encoding="utf-8").strip()
    except OSError:
        fail(f"não há um cluster a correr em {run_dir} (make run-cluster, ou --start)")
    ports: dict[str, list[int]] = {}
    for line in lines:
        role, port, _pid = line.split()
        ports.setdefault(role, []).append(int(port))
    return ports, ready.partition("=")[2]


def report(name: str, run: Run, wall: float, stored: list[str]) -> tuple[float, bool]:
    rate = len(run.latencies) / wall if wall else 0.0
    duplicates = len(stored) - len(set(stored))
    ok = (not run.errors and not run.empty and sorted(run.receipts) == sorted(stored)
          and not duplicates and len(set(run.receipts)) == len(run.receipts))
    p50 = percentile(run.latencies, 50) * 1000 if run.latencies else 0
    p95 = percentile(run.latencies, 95) * 1000 if run.latencies else 0
    print(f"{name}: {len(run.latencies)} turnos em {wall:.1f} s = {rate:.1f} turnos/s, "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"   erros HTTP {len(run.errors)}, respostas vazias {run.empty}, recibos {len(run.receipts)}, "
          f"linhas gravadas {len(stored)}, números repetidos {duplicates} -> {'OK' if ok else 'FALHOU'}")
    if run.errors:
        print(f"   erros: {dict(Counter(run.errors))}")
    for said in run.unconfirmed[:3]:
        print(f"   confirmação sem recibo: {said!r}")
    return rate, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", choices=["1", "2", "both"], default="both")
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--max-minutes", type=float, default=15.0)
    parser.add_argument("--cluster-dir", default=str(ROOT / "var" / "cluster"))
    parser.add_argument("--start", action="store_true",
                        help="start scripts/cluster.sh (2 processes, RSI_RATE_PER_IP=0) and stop it after")
    args = parser.parse_args()
    if not 1 <= args.conversations <= 200 or not 0 < args.max_minutes <= 30:
        print("erro: --conversations entre 1 e 200, --max-minutes entre 0 e 30", file=sys.stderr)
        return 2
    run_dir = Path(args.cluster_dir).resolve()
    cluster = None
    if args.start:
        env = dict(os.environ, RSI_RATE_PER_IP="0", RSI_RASA_PROCESSES="2",
                   RSI_CLUSTER_DIR=str(run_dir))
        cluster = Cluster(run_dir, env)

    def give_up(_signum: int, _frame: object) -> None:
        # Turns still waiting for an answer cannot be interrupted one by one.
        print(f"erro: limite de {args.max_minutes:g} min atingido; ensaio interrompido", file=sys.stderr)
        if cluster:
            cluster.stop()
        os._exit(2)

    signal.signal(signal.SIGALRM, give_up)
    try:
        if cluster:
            print("» a arrancar o cluster (2 processos Rasa)…", flush=True)
            cluster.start(time.monotonic() + START_TIMEOUT_S)
        # The time limit counts from here: the load itself, not the model loading.
        deadline = time.monotonic() + args.max_minutes * 60
        signal.alarm(int(args.max_minutes * 60) + 30)  # the deadline plus a grace to finish
        ports, database_url = read_cluster(run_dir)
        targets = []
        if args.processes in ("1", "both"):
            targets.append(("1 processo (porta própria)", ports["rasa"][0]))
        if args.processes in ("2", "both"):
            if len(ports["rasa"]) < 2:
                print("erro: o cluster tem um só processo Rasa", file=sys.stderr)
                return 2
            targets.append((f"nginx com {len(ports['rasa'])} processos", ports["nginx"][0]))
        print(f"{args.conversations} conversas em simultâneo × {TURNS_PER_CONVERSATION} turnos "
              f"(estimativas, perguntas frequentes, pedidos de certidão)", flush=True)
        rates, all_ok = [], True
        for name, port in targets:
            since = time.time() - 1
            run, wall = load(f"http://127.0.0.1:{port}", args.conversations, deadline)
            if time.monotonic() > deadline:
                print(f"erro: limite de {args.max_minutes:g} min atingido; ensaio interrompido",
                      file=sys.stderr)
                return 2
            time.sleep(1)  # the last rows are committed before the answers leave
            rate, ok = report(name, run, wall, stored_numbers(database_url, since))
            rates.append(rate)
            all_ok = all_ok and ok
        if len(rates) == 2 and rates[0]:
            print(f"razão (nginx com 2 / 1 processo): {rates[1] / rates[0]:.2f}× (objetivo ≥ 1,6×)")
        return 0 if all_ok else 1
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
