"""How a turn's latency grows: with the length of a conversation, and with the stored conversations.

    .venv/bin/python scripts/bench_growth.py            # or: bash scripts/bench.sh --growth
    .venv/bin/python scripts/bench_growth.py --backends sqlite --stored 1000

For each tracker database (SQLite, then PostgreSQL from scripts/postgres.sh,
database ``rsi_bench``) this script starts both servers itself, one Rasa
server at a time, through the functions of scripts/servers.sh (a ``bash``
child sources it, starts the servers, waits for a real reply and stops them
when this script closes its stdin or dies). Each run gets a temporary
``RSI_VAR_DIR`` (secrets, logs, the SQLite files), removed at the end unless
``--keep``; the PostgreSQL ``events`` table is dropped before each run.

What it measures, over REST on loopback, after three unmeasured warm-up
conversations:

1. One long conversation (``--long-turns``, default 210 turns of a cycle of
   ten messages: greeting, FAQ, two forms started and stopped, the
   certificate form started and cancelled), repeated ``--long-conversations``
   times. Latency p50/p95 over windows of 20 turns (two whole cycles, so
   every window has the same mix): turns 1-20, 41-60 and 191-210. All in one
   conversation session (sessions expire after 60 min of silence).
2. Fresh conversations (``--fresh-conversations`` of five turns) with the
   database empty, then holding 1,000 and 100,000 stored conversations. The
   stored ones are written straight into Rasa's ``events`` table with one
   ``INSERT … SELECT`` per level: copies of the rows the empty-database
   phase's real conversations wrote (same columns, types, JSON), each copy
   with its own 36-character sender id and timestamps spread evenly over the
   last two years, older ones first (lower ids), as a database filled day by
   day would be. PostgreSQL is ANALYZEd after each fill, as autovacuum would
   have done over two years.
3. ``python -m bot requests purge-conversations`` (default retention, 365
   days) on the full database, servers stopped: about half the stored
   conversations are older than that.

It prints progress on stderr and, at the end, a table on stdout: setting,
p50, p95, their ratio to the baseline (turns 1-20 for the long conversation,
the empty database for fresh ones), the Rasa server's CPU time per turn (from
/proc: what the turn costs, less sensitive than latency to whatever else the
machine runs) and its ratio, empty replies; then the database sizes, the
purge's duration and the machine's load average. Every turn must get a non-empty reply; empty
replies or HTTP errors are counted, and the exit status is 1 if there were any.

``--py-spy PATH`` (a py-spy binary, e.g. from a throwaway venv) records the
Rasa server during the long conversation, in py-spy's "raw" (collapsed
stacks) format, next to the logs (use with ``--keep``).

Bounded in time: about 12 minutes for both databases on 2 cores (most of it
the 3.6 million rows written for 100,000 conversations).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
RASA_PORT, ACTION_PORT = 5905, 5955
PG_DATABASE = "rsi_bench"

# Ten messages that keep one conversation going; each gets a reply.
CYCLE = [
    "olá", "o que é o rsi?",
    "quanto posso receber?", "parar", "sim",
    "quero pedir uma certidão", "cancelar",
    "que documentos preciso?", "parar", "sim",
]
WINDOW = 20  # turns per measuring window: two whole cycles
WINDOW_STARTS = (1, 41, 191)
WARM_UP = 3  # conversations of one cycle before measuring
FRESH = ["olá", "o que é o rsi?", "quanto posso receber?", "parar", "sim"]
STORED_SPREAD_S = 730 * 86400  # stored conversations span the last two years
SENDER_PREFIX = "arquivo-"  # + 28 digits: as long as a uuid4 sender id
TIMESTAMP_IN_JSON = re.compile(r'"timestamp": [0-9.e+-]+')

# The servers' start and stop, from scripts/servers.sh (see module doc).
SERVERS = r"""
source scripts/env.sh
source scripts/servers.sh
trap stop_servers EXIT
start_servers "$1" "$2" "$3" || exit 1
wait_for_answer "$2" 300 || exit 1
echo "READY $RASA_PID $ACTIONS_PID"
read -r _ || true
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def say(message: str) -> None:
    print(f"» {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Row:
    backend: str
    setting: str
    latencies: list[float]
    empty: int
    cpu: float = 0.0  # CPU seconds of the Rasa server during these turns
    baseline: Row | None = None

    @property
    def p50(self) -> float:
        return percentile(self.latencies, 50)

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 95)

    @property
    def cpu_per_turn(self) -> float:
        return self.cpu / len(self.latencies)


@dataclass
class Backend:
    name: str
    url: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Servers:
    """Both servers, started by scripts/servers.sh in a bash child that stops them on EOF."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.process = subprocess.Popen(
            ["bash", "-c", SERVERS, "bench_growth", str(ACTION_PORT), str(RASA_PORT), str(logs)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split() if self.process.stdout else []
        if not line or line[0] != "READY":
            self.stop()
            raise RuntimeError(f"os servidores não arrancaram; veja {logs}/rasa.log")
        self.rasa_pid = int(line[1])

    def stop(self) -> None:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait(timeout=30)


class Client:
    """REST turns against the Rasa server; counts empty replies and errors."""

    def __init__(self) -> None:
        self.url = f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook"
        self.session = requests.Session()

    def turn(self, sender: str, message: str) -> tuple[float, bool]:
        start = time.perf_counter()
        try:
            response = self.session.post(self.url, json={"sender": sender, "message": message}, timeout=60)
            ok = response.status_code == 200 and any(r.get("text") for r in response.json())
        except (requests.RequestException, ValueError):
            ok = False
        return time.perf_counter() - start, ok

    def conversation(self, messages: list[str], sender: str | None = None) -> tuple[list[float], int]:
        sender = sender or str(uuid.uuid4())
        latencies, empty = [], 0
        for message in messages:
            elapsed, ok = self.turn(sender, message)
            latencies.append(elapsed)
            empty += not ok
        return latencies, empty


# ------------------------------------------------------------------ the database

def sql_engine(url: str) -> Engine:
    return create_engine(url, future=True)


def templates(engine: Engine, senders: list[str]) -> list[list[dict]]:
    """The rows the given real conversations wrote, in order, timestamps relative to their first."""
    result = []
    with engine.connect() as connection:
        for sender in senders:
            rows = connection.execute(text(
                "SELECT type_name, timestamp, intent_name, action_name, data FROM events "
                "WHERE sender_id = :s ORDER BY id"), {"s": sender}).mappings().all()
            if not rows:
                continue
            first = rows[0]["timestamp"]
            result.append([{**row, "offset": row["timestamp"] - first,
                            "data": TIMESTAMP_IN_JSON.sub('"timestamp": __TS__', row["data"], count=1)}
                           for row in rows])
    if not result:
        raise RuntimeError("nenhuma conversa real na base de dados para servir de modelo")
    return result


def fill(engine: Engine, tpl: list[list[dict]], start: int, stop: int, total: int) -> None:
    """Stored conversations number start..stop-1 of total, copies of ``tpl`` (see module doc)."""
    postgres = engine.dialect.name == "postgresql"
    oldest = time.time() - STORED_SPREAD_S
    step = STORED_SPREAD_S / total
    numbers = ("generate_series(:start, :stop - 1) AS n(g)" if postgres else
               "(WITH RECURSIVE s(g) AS (SELECT :start UNION ALL SELECT g + 1 FROM s WHERE g + 1 < :stop) "
               "SELECT g FROM s) AS n")
    sender = ("'" + SENDER_PREFIX + "' || lpad(n.g::text, 28, '0')" if postgres else
              "'" + SENDER_PREFIX + "' || printf('%028d', n.g)")
    with engine.begin() as connection:
        connection.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS bench_template (conv INTEGER, ord INTEGER, "
                                "type_name VARCHAR(255), ts_offset FLOAT, intent_name VARCHAR(255), "
                                "action_name VARCHAR(255), data TEXT)"))
        connection.execute(text("DELETE FROM bench_template"))
        connection.execute(text("INSERT INTO bench_template VALUES (:conv, :ord, :type_name, :offset, "
                                ":intent_name, :action_name, :data)"),
                           [{**row, "conv": c, "ord": o} for c, rows in enumerate(tpl) for o, row in enumerate(rows)])
        connection.execute(text(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
            f"SELECT {sender}, t.type_name, :oldest + n.g * :step + t.ts_offset, t.intent_name, t.action_name, "
            "replace(t.data, '__TS__', CAST(:oldest + n.g * :step + t.ts_offset AS TEXT)) "
            f"FROM {numbers} JOIN bench_template t ON t.conv = n.g % :count ORDER BY n.g, t.ord"),
            {"start": start, "stop": stop, "oldest": oldest, "step": step, "count": len(tpl)})
    if postgres:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE events"))


def counts(engine: Engine) -> tuple[int, int]:
    """(conversations, events) in the table."""
    with engine.connect() as connection:
        return tuple(connection.execute(text(
            "SELECT COUNT(DISTINCT sender_id), COUNT(*) FROM events")).one())


def size_bytes(engine: Engine, sqlite_file: Path | None) -> int:
    if sqlite_file:
        return sum(p.stat().st_size for p in sqlite_file.parent.glob(sqlite_file.name + "*"))
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_total_relation_size('events')")).scalar_one())


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def human(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


# ------------------------------------------------------------------ one database

def fresh(client: Client, pid: int, backend: str, setting: str, senders: list[str]) -> Row:
    """Fresh conversations of FRESH's turns, one after the other."""
    row = Row(backend, setting, [], 0)
    cpu = cpu_seconds(pid)
    for sender in senders:
        latencies, empty = client.conversation(FRESH, sender)
        row.latencies += latencies
        row.empty += empty
    row.cpu = cpu_seconds(pid) - cpu
    return row


def long_conversation(client: Client, pid: int, turns: int, windows: list[Row], number: int) -> None:
    """One conversation of ``turns`` turns; the turns inside each window go to its row."""
    sender = str(uuid.uuid4())
    starts = [int(row.setting.rsplit(" ", 1)[1].split("–")[0]) for row in windows]
    cpu_at_start = 0.0
    for turn in range(1, turns + 1):
        if turn in starts:
            cpu_at_start = cpu_seconds(pid)
        elapsed, ok = client.turn(sender, CYCLE[(turn - 1) % len(CYCLE)])
        for start, row in zip(starts, windows, strict=True):
            if start <= turn < start + WINDOW:
                row.latencies.append(elapsed)
                row.empty += not ok
                if turn == start + WINDOW - 1:
                    row.cpu += cpu_seconds(pid) - cpu_at_start
        if turn % 50 == 0:
            say(f"  conversa {number}, turno {turn}: {elapsed * 1000:.0f} ms")


def measure(backend: Backend, args: argparse.Namespace, work: Path) -> None:
    env = {**os.environ, "RSI_VAR_DIR": str(work), "RSI_RATE_PER_IP": "0", "RSI_RATE_PER_SENDER": "0",
           "DATABASE_URL": f"sqlite:///{work}/requests.db", "RSI_TRACKER_DB_URL": backend.url}
    env.pop("RSI_RETENTION_DAYS", None)
    sqlite_file = Path(backend.url[len("sqlite:///"):]) if backend.url.startswith("sqlite") else None
    engine = sql_engine(backend.url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS events"))
    say(f"{backend.name}: a arrancar os servidores (Rasa {RASA_PORT}, ações {ACTION_PORT})…")
    servers = Servers(env, work / "logs")
    client = Client()
    try:
        # Warm-up, not measured: the first turns after a start are slower (lazy loading).
        for _ in range(WARM_UP):
            client.conversation(CYCLE)
        # Fresh conversations on the (nearly) empty database; their rows become the templates.
        senders = [str(uuid.uuid4()) for _ in range(args.fresh_conversations)]
        empty_db = fresh(client, servers.rasa_pid, backend.name, "conversa nova, BD vazia", senders)
        empty_db.baseline = empty_db
        tpl = templates(engine, senders)

        say(f"{backend.name}: {args.long_conversations} conversa(s) de {args.long_turns} turnos…")
        spy = None
        if args.py_spy:
            spy = subprocess.Popen([args.py_spy, "record", "--pid", str(servers.rasa_pid), "--format", "raw",
                                    "--rate", "50", "-o", str(work / f"py-spy-{backend.name}.txt")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        windows = [Row(backend.name, f"conversa longa, turnos {start}–{start + WINDOW - 1}", [], 0)
                   for start in WINDOW_STARTS if start + WINDOW - 1 <= args.long_turns]
        for row in windows:
            row.baseline = windows[0]
        for number in range(args.long_conversations):
            long_conversation(client, servers.rasa_pid, args.long_turns, windows, number + 1)
        if spy:
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=60)
        backend.rows += [*windows, empty_db]

        done = 0
        for level in args.stored:
            say(f"{backend.name}: a guardar {thousands(level)} conversas na BD…")
            started = time.perf_counter()
            fill(engine, tpl, done, level, max(args.stored))
            done = level
            conversations, events = counts(engine)
            say(f"  {time.perf_counter() - started:.0f} s; {conversations} conversas, {events} eventos, "
                f"{human(size_bytes(engine, sqlite_file))}")
            senders = [str(uuid.uuid4()) for _ in range(args.fresh_conversations)]
            row = fresh(client, servers.rasa_pid, backend.name, f"conversa nova, {thousands(level)} guardadas",
                        senders)
            row.baseline = empty_db
            backend.rows.append(row)
            backend.notes.append(f"{backend.name}: {conversations} conversas, {events} eventos: "
                                 f"{human(size_bytes(engine, sqlite_file))}")
    finally:
        servers.stop()

    if args.stored:
        say(f"{backend.name}: purge-conversations…")
        started = time.perf_counter()
        purge = subprocess.run([sys.executable, "-m", "bot", "requests", "purge-conversations"],
                               cwd=ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        outcome = (purge.stdout.strip() or purge.stderr.strip() or "?").splitlines()[-1]
        conversations, events = counts(engine)
        backend.notes.append(f"{backend.name}: purge-conversations em {elapsed:.1f} s (estado {purge.returncode}: "
                             f"{outcome}); ficam {conversations} conversas, {events} eventos, "
                             f"{human(size_bytes(engine, sqlite_file))}")
    engine.dispose()


# ------------------------------------------------------------------ main

def table(backends: list[Backend]) -> str:
    lines = [f"{'BD':<9}{'cenário':<36}{'p50':>8}{'p95':>8}{'×p50':>7}{'×p95':>7}{'CPU/turno':>11}{'×CPU':>7}"
             f"{'n':>5}{'vazias':>8}"]
    for backend in backends:
        for row in backend.rows:
            base = row.baseline or row
            lines.append(f"{row.backend:<9}{row.setting:<36}{row.p50 * 1000:>6.0f}ms{row.p95 * 1000:>6.0f}ms"
                         f"{row.p50 / base.p50:>7.2f}{row.p95 / base.p95:>7.2f}{row.cpu_per_turn * 1000:>9.0f}ms"
                         f"{row.cpu_per_turn / max(base.cpu_per_turn, 1e-9):>7.2f}{len(row.latencies):>5}{row.empty:>8}")
    lines.append("(× = razão para a linha de base: turnos 1–20 da conversa longa; conversa nova com a BD vazia."
                 " CPU/turno: tempo de CPU do servidor Rasa por turno, menos sensível a outras cargas da máquina)")
    for backend in backends:
        lines += backend.notes
    return "\n".join(lines)


def stored_levels(raw: str) -> list[int]:
    try:
        levels = sorted({int(v) for v in raw.replace("_", "").replace(" ", "").split(",") if v})
    except ValueError:
        levels = [-1]
    if any(level < 1 for level in levels):
        raise argparse.ArgumentTypeError(f"lista de números inteiros positivos, não {raw!r}")
    return levels


def postgres_url() -> str:
    done = subprocess.run(["bash", "scripts/postgres.sh"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PGDATABASE_TEST": PG_DATABASE})
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError("scripts/postgres.sh falhou: " + (done.stderr.strip().splitlines() or ["?"])[-1])
    return done.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--stored", type=stored_levels, default=[1000, 100_000],
                        help="níveis de conversas guardadas, separados por vírgulas")
    parser.add_argument("--long-turns", type=int, default=210)
    parser.add_argument("--long-conversations", type=int, default=2)
    parser.add_argument("--fresh-conversations", type=int, default=10)
    parser.add_argument("--py-spy", metavar="BIN", help="grava o perfil do servidor Rasa na conversa longa")
    parser.add_argument("--keep", action="store_true", help="não apaga a pasta temporária (registos, BD)")
    args = parser.parse_args()
    names = [n.strip() for n in args.backends.split(",") if n.strip()]
    if not names or set(names) - {"sqlite", "postgres"}:
        print(f"erro: --backends aceita sqlite e/ou postgres, não {args.backends!r}", file=sys.stderr)
        return 2
    if args.long_turns < WINDOW or args.long_conversations < 1 or args.fresh_conversations < 1:
        print(f"erro: --long-turns >= {WINDOW}, --long-conversations e --fresh-conversations >= 1",
              file=sys.stderr)
        return 2

    work_root = Path(tempfile.mkdtemp(prefix="rsi-bench-growth-"))
    say(f"pasta temporária: {work_root}")
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    backends = []
    try:
        for name in names:
            work = work_root / name
            work.mkdir()
            url = f"sqlite:///{work}/conversations.db" if name == "sqlite" else postgres_url()
            backend = Backend(name, url)
            backends.append(backend)
            measure(backend, args, work)
    except RuntimeError as error:
        print(f"erro: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)
    print(table(backends))
    load_after = os.getloadavg()[0]
    print(f"carga média da máquina (1 min) no início e no fim: {load_before:.1f} e {load_after:.1f} "
          f"({os.cpu_count()} núcleos)")
    print(f"(duração total {time.perf_counter() - started:.0f} s)")
    return 1 if any(row.empty for b in backends for row in b.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
