"""Two Rasa processes behind nginx, as scripts/cluster.sh starts them: a conversation
lives in PostgreSQL and its turns are serialised by the Redis lock store, so it
does not matter which process answers.

The whole profile (PostgreSQL database rsi_cluster, Redis database 1, one action
server, two Rasa processes, nginx) is started once by scripts/cluster.sh on its
own ports and stopped at the end; the restart test starts it a second time. The
tests run in file order: the kill test leaves one process dead, the restart
test after it brings everything back.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from conftest import MODEL, ROOT, Conversation
from sqlalchemy import create_engine, text
from test_socketio import WebChat, aiohttp_ws_timeout_shim, run_chat  # noqa: F401 (autouse fixture)

from bot.format import money
from bot.rules import simulate
from bot.rules.model import Household
from scripts.processes import stop_group

pytestmark = pytest.mark.e2e

NGINX_PORT = int(os.environ.get("E2E_CLUSTER_PORT", "5805"))
RASA_PORTS = (NGINX_PORT + 6, NGINX_PORT + 7)  # 5811, 5812
ACTION_PORT = NGINX_PORT + 50  # 5855
START_TIMEOUT_S = 600
TOKEN = "e2e-cluster-" + uuid.uuid4().hex
NUMBER = re.compile(r"\b(20\d\d/\d{6})\b")
HOUSEHOLD_QUESTION = "vivem na sua casa"
WAGES_QUESTION = "por conta de outrem"
OTHER_INCOME_QUESTION = "outro dinheiro entra em casa"


def _script_url(script: str, env: dict[str, str]) -> str:
    """Run a project script that starts a server and prints its URL (skip or fail as the
    integration tests do when it cannot)."""
    try:
        result = subprocess.run(["bash", str(ROOT / "scripts" / script)], capture_output=True,
                                text=True, timeout=900, check=True, env=env)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        stderr = (getattr(error, "stderr", "") or "").strip().splitlines()
        reason = f"{script} failed: {stderr[-1] if stderr else error}"
        if os.environ.get("CI") or os.environ.get("RSI_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    return result.stdout.strip().splitlines()[-1]


class Cluster:
    """scripts/cluster.sh in its own process group; SIGTERM stops all it started."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.work, self.env = work, env
        self.run_dir = work / "cluster"
        self.proc: subprocess.Popen | None = None
        self.base = f"http://127.0.0.1:{NGINX_PORT}"
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.work / f"cluster-{self.starts}.log", "ab")  # noqa: SIM115 (kept by Popen)
        self.proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "cluster.sh")], cwd=ROOT,
                                     env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"scripts/cluster.sh exited ({self.proc.returncode}); see {log.name}")
            if (self.run_dir / "pids").exists():
                return
            time.sleep(1)
        self.stop()
        pytest.fail(f"the cluster was not ready after {START_TIMEOUT_S} s; see {log.name}")

    def stop(self) -> None:
        stop_group(self.proc, timeout=120)
        self.proc = None

    def pids(self) -> dict[tuple[str, int], int]:
        lines = (self.run_dir / "pids").read_text(encoding="utf-8").split("\n")
        return {(role, int(port)): int(pid) for role, port, pid in
                (line.split() for line in lines if line.strip())}

    def direct(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    def served_by(self, since: int) -> list[str]:
        """The Rasa process (host:port) of each webhook turn nginx logged after byte `since`."""
        with open(self.run_dir / "nginx" / "logs" / "access.log", encoding="utf-8") as log:
            log.seek(since)
            lines = log.read().splitlines()
        return [m.group(1) for line in lines if "/webhooks/rest/webhook" in line
                for m in [re.search(r"upstream=(\S+)", line)] if m]

    def log_size(self) -> int:
        return (self.run_dir / "nginx" / "logs" / "access.log").stat().st_size

    def balance(self, mode: str) -> None:
        """Rewrite nginx's configuration with another REST balance and reload it (SIGHUP)."""
        ports = " ".join(str(p) for p in RASA_PORTS)
        subprocess.run(
            ["bash", "-c", f"source scripts/servers.sh && nginx_conf {self.run_dir / 'nginx'} "
                           f"127.0.0.1:{NGINX_PORT} {mode} {ports}"],
            cwd=ROOT, check=True)
        os.kill(self.pids()[("nginx", NGINX_PORT)], signal.SIGHUP)
        time.sleep(2)  # new workers take over; the old ones finish their requests


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Cluster:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run scripts/train.sh first")
    work = tmp_path_factory.mktemp("cluster")
    env = dict(os.environ)
    database_url = _script_url("postgres.sh", env | {"PGDATABASE_TEST": "rsi_cluster"})
    redis_url = _script_url("redis.sh", env)
    env.update(
        DATABASE_URL=database_url,
        RSI_REDIS_URL=redis_url.rsplit("/", 1)[0] + "/1",  # database 1: redis.sh's tests flush 0
        RSI_MODEL=str(MODEL),
        RSI_PORT=str(NGINX_PORT),
        RSI_RASA_PROCESSES=str(len(RASA_PORTS)),
        RSI_RASA_PORTS=" ".join(str(p) for p in RASA_PORTS),
        ACTION_PORT=str(ACTION_PORT),
        RSI_CLUSTER_DIR=str(work / "cluster"),
        RSI_VAR_DIR=str(work / "var"),
        RSI_KEEP_DATA_SERVERS="1",  # shared with the other tests of `make test`
        RASA_AUTH_TOKEN=TOKEN,
        ACTION_SERVER_SECRET=uuid.uuid4().hex,
        RSI_SESSION_KEY=uuid.uuid4().hex,
        RSI_RATE_PER_IP="0",  # every test speaks from 127.0.0.1
    )
    env.pop("RSI_REST_BALANCE", None)
    server = Cluster(work, env)
    server.start()
    yield server
    server.stop()


def _expected_amount(adults: int, minors: int, wages: str) -> str:
    today = datetime.now(ZoneInfo("Europe/Lisbon")).date()
    result = simulate(Household(adults=adults, minors=minors, employment_income=Decimal(wages)), today)
    assert result.eligible
    return money(result.monthly_amount).replace("\xa0", " ")


# The eligibility form of tests/e2e/test_journeys.py, with what each turn must show.
ELIGIBILITY = [
    ("quero saber se tenho direito ao rsi", HOUSEHOLD_QUESTION),
    ("somos quatro, eu, o meu marido e dois miúdos", WAGES_QUESTION),
    ("seiscentos euros", OTHER_INCOME_QUESTION),
    ("nenhum", "31 de dezembro"),
    ("nada", ""),
    ("portuguesa", ""),
    ("sim", ""),
]


def _tracker(base: str, sender: str) -> dict:
    response = requests.get(f"{base}/conversations/{sender}/tracker", timeout=30,
                            headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    return response.json()


def test_turns_alternating_between_processes_keep_the_state(cluster: Cluster) -> None:
    # Round robin through nginx: every turn goes to the other process.
    cluster.balance("round-robin")
    try:
        since = cluster.log_size()
        chat = Conversation(cluster.base)
        for said, shown in ELIGIBILITY:
            assert shown in chat.say(said), said
        result = chat.say("sim")
        served = cluster.served_by(since)
    finally:
        cluster.balance("conversation")
    assert _expected_amount(2, 2, "600") in result
    assert len(served) == len(ELIGIBILITY) + 1
    assert all(a != b for a, b in zip(served, served[1:], strict=False)), served

    # The same conversation addressed to each process's own port in turn.
    chat = Conversation(cluster.direct(RASA_PORTS[0]))
    for n, (said, shown) in enumerate(ELIGIBILITY):
        chat.url = f"{cluster.direct(RASA_PORTS[n % 2])}/webhooks/rest/webhook"
        assert shown in chat.say(said), said
    chat.url = f"{cluster.direct(RASA_PORTS[1])}/webhooks/rest/webhook"
    assert _expected_amount(2, 2, "600") in chat.say("sim")


def test_simultaneous_messages_to_both_processes_lose_nothing(cluster: Cluster) -> None:
    sender = str(uuid.uuid4())
    questions = ["como é pago o rsi?", "o que é o rendimento social de inserção?",
                 "como renovo o rsi?", "posso trabalhar e receber o rsi?",
                 "o abono conta para o rsi?", "tenho carro, posso ter rsi?"]
    replies: dict[str, list] = {}
    errors: list[str] = []

    def send(port: int, message: str) -> None:
        try:
            response = requests.post(f"{cluster.direct(port)}/webhooks/rest/webhook", timeout=120,
                                     json={"sender": sender, "message": message})
            if response.status_code != 200:
                errors.append(f"{message}: HTTP {response.status_code}")
            replies[message] = response.json() if response.status_code == 200 else []
        except requests.RequestException as error:
            errors.append(f"{message}: {type(error).__name__}")

    # Pairs sent at the same instant, one to each process.
    for first, second in zip(questions[::2], questions[1::2], strict=True):
        threads = [threading.Thread(target=send, args=(RASA_PORTS[0], first)),
                   threading.Thread(target=send, args=(RASA_PORTS[1], second))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors, errors
    assert all(replies[q] for q in questions), {q: replies.get(q) for q in questions}

    events = _tracker(cluster.base, sender)["events"]
    said = [e.get("text") for e in events if e.get("event") == "user"]
    assert sorted(said) == sorted(questions), said
    # Every message is followed by the assistant's answer before the next message.
    kinds = [e["event"] for e in events if e.get("event") in ("user", "bot")]
    for n, kind in enumerate(kinds):
        if kind == "user":
            assert n + 1 < len(kinds) and kinds[n + 1] == "bot", kinds


CERTIFICATE = [
    "quero pedir uma declaração de situação contributiva",
    "sim",  # consent
    "Maria João Silva",
    "o meu nif é 123456789",
    "12345678902",
    "por email",
    "maria.silva@example.pt",
]


def test_a_certificate_request_through_nginx_is_stored_once(cluster: Cluster) -> None:
    chat = Conversation(cluster.base)
    for said in CERTIFICATE:
        chat.say(said)
    receipt = chat.say("sim, confirmo")
    match = NUMBER.search(receipt)
    assert match, receipt
    assert chat.say("sim, confirmo")  # a second confirmation records nothing more
    engine = create_engine(cluster.env["DATABASE_URL"], future=True)
    try:
        with engine.connect() as db:
            rows = db.execute(text("SELECT COUNT(*) FROM certificate_requests WHERE number = :n"),
                              {"n": match.group(1)}).scalar_one()
    finally:
        engine.dispose()
    assert rows == 1


@pytest.mark.parametrize("transports", [["polling"], None], ids=["polling", "polling-then-websocket"])
def test_the_web_chat_through_nginx(cluster: Cluster, transports: list[str] | None) -> None:
    # Long-polling is several HTTP requests per session and the upgrade one more:
    # each must reach the process holding the engine.io session (sticky), and
    # the upgrade needs nginx's WebSocket headers.
    async def body(chat: WebChat) -> None:
        await chat.open()
        for said, shown in ELIGIBILITY[:3]:
            await chat.send(said)
            await chat.reply_containing(shown)
        assert not chat.disconnected

    run_chat(cluster.base, transports, body)


APOLOGY_WITHIN_S = 2.0


def _timed_reply(chat: Conversation, said: str) -> tuple[str, float]:
    started = time.monotonic()
    reply = chat.say(said)
    return reply, time.monotonic() - started


def _redis_port(cluster: Cluster) -> int:
    return int(cluster.env["RSI_REDIS_URL"].rsplit(":", 1)[1].split("/")[0])


def _stop_postgres(url: str) -> None:
    port = url.rsplit(":", 1)[1].split("/")[0]
    bin_dir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    command = [str(bin_dir / "pg_ctl"), "-D", f"/tmp/rsi-pg-{port}", "stop", "-m", "fast", "-w"]
    if os.geteuid() == 0:
        command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def test_redis_down_is_told_at_once_and_the_form_goes_on_when_it_is_back(cluster: Cluster) -> None:
    chat = Conversation(cluster.base)
    assert HOUSEHOLD_QUESTION in chat.say(ELIGIBILITY[0][0])
    subprocess.run(["redis-cli", "-p", str(_redis_port(cluster)), "shutdown", "nosave"],
                   capture_output=True, timeout=30)
    try:
        reply, seconds = _timed_reply(chat, ELIGIBILITY[1][0])
        assert "Peço desculpa" in reply and "300 502 502" in reply
        assert seconds < APOLOGY_WITHIN_S, seconds
    finally:
        _script_url("redis.sh", cluster.env)
    # Back without restarting anything: the question still open is answered.
    assert WAGES_QUESTION in chat.say(ELIGIBILITY[1][0])


def test_postgres_down_is_told_at_once_and_the_form_goes_on_when_it_is_back(cluster: Cluster) -> None:
    chat = Conversation(cluster.base)
    assert HOUSEHOLD_QUESTION in chat.say(ELIGIBILITY[0][0])
    _stop_postgres(cluster.env["DATABASE_URL"])
    try:
        reply, seconds = _timed_reply(chat, ELIGIBILITY[1][0])
        assert "Peço desculpa" in reply and "300 502 502" in reply
        assert seconds < APOLOGY_WITHIN_S, seconds
    finally:
        _script_url("postgres.sh", cluster.env | {"PGDATABASE_TEST": "rsi_cluster"})
    assert WAGES_QUESTION in chat.say(ELIGIBILITY[1][0])


# Conversations the kill test leaves half-way, for the restart test to resume.
HALF_WAY: list[Conversation] = []


def test_a_killed_process_is_skipped_and_the_form_goes_on(cluster: Cluster) -> None:
    chat = Conversation(cluster.base)
    since = cluster.log_size()
    assert HOUSEHOLD_QUESTION in chat.say(ELIGIBILITY[0][0])
    serving = cluster.served_by(since)[-1]
    victim = int(serving.rsplit(":", 1)[1])
    os.killpg(cluster.pids()[("rasa", victim)], signal.SIGKILL)
    # Killed between two turns: a turn caught inside the dying process gets an
    # error from nginx, which never resends a turn a process may have run.
    deadline = time.monotonic() + 30
    while _listening(victim) and time.monotonic() < deadline:
        time.sleep(0.1)

    since = cluster.log_size()
    for said, shown in ELIGIBILITY[1:]:
        assert shown in chat.say(said), said  # Conversation.say fails on any HTTP error
    assert _expected_amount(2, 2, "600") in chat.say("sim")
    assert all(not s.endswith(f":{victim}") for s in cluster.served_by(since)[1:])

    # One more half-way through, on the survivor, for the restart test.
    later = Conversation(cluster.base)
    assert HOUSEHOLD_QUESTION in later.say(ELIGIBILITY[0][0])
    assert WAGES_QUESTION in later.say(ELIGIBILITY[1][0])
    HALF_WAY.append(later)


def test_a_restart_of_everything_keeps_every_conversation(cluster: Cluster) -> None:
    chats = list(HALF_WAY)
    for port in RASA_PORTS:  # one conversation left half-way on each process
        chat = Conversation(cluster.base)
        chat.url = f"{cluster.direct(port)}/webhooks/rest/webhook"
        if _listening(port):
            assert HOUSEHOLD_QUESTION in chat.say(ELIGIBILITY[0][0])
            assert WAGES_QUESTION in chat.say(ELIGIBILITY[1][0])
            chat.url = f"{cluster.base}/webhooks/rest/webhook"
            chats.append(chat)
    assert chats

    cluster.stop()
    cluster.start()

    for chat in chats:
        reply = chat.say(ELIGIBILITY[2][0])
        assert OTHER_INCOME_QUESTION in reply and "Olá" not in reply
        for said, shown in ELIGIBILITY[3:]:
            assert shown in chat.say(said), said
        assert _expected_amount(2, 2, "600") in chat.say("sim")


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0
