"""Starts the real action server and Rasa server on loopback for end-to-end tests.

The trained model must exist (`scripts/train.sh`, run by `make test`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

# The real browser (Debian's Chromium) for the web chat and front-desk page tests.
from browser_helpers import browser  # noqa: F401

from scripts.processes import stop_group

ROOT = Path(__file__).resolve().parents[2]
# E2E_MODEL lets the e2e tests run with a model trained elsewhere (e.g. by a parallel job).
MODEL = Path(os.environ.get("E2E_MODEL") or ROOT / "models" / "rsi.tar.gz")
RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "5105"))
ACTION_PORT = int(os.environ.get("E2E_ACTION_PORT", "5155"))
TOKEN = "e2e-" + uuid.uuid4().hex
ACTION_SECRET = uuid.uuid4().hex
# A page allowed to embed the chat (CORS); any other origin must be refused.
ALLOWED_ORIGIN = "https://chat.example.pt"
# The browser tests (test_web_chat.py): a local site on another origin that embeds
# the widget, and a spare Rasa server they stop and restart.
EMBED_PORT = int(os.environ.get("E2E_EMBED_PORT", str(ACTION_PORT + 100)))
EMBED_ORIGIN = f"http://127.0.0.1:{EMBED_PORT}"
SPARE_RASA_PORT = int(os.environ.get("E2E_SPARE_RASA_PORT", str(RASA_PORT + 100)))
START_TIMEOUT_S = 300


ACTION_SERVER_ARGS = [str(ROOT / ".venv/bin/python"), "-m", "bot.serving.action_server",
                      "--port", str(ACTION_PORT)]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        MPLCONFIGDIR=str(work / "mpl"),
        HOME=str(work),  # Rasa and Keras write config files under $HOME
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite:///{work / 'e2e.db'}",
        TWILIO_AUTH_TOKEN="e2e-twilio-token",
        STAFF_TOKEN="e2e-staff-token",
        # Secrets through the environment, as in production: never on a command line.
        RASA_AUTH_TOKEN=TOKEN,
        ACTION_SERVER_SECRET=ACTION_SECRET,
        RSI_SESSION_KEY=uuid.uuid4().hex,
        RSI_VAR_DIR=str(work / "var"),
        RSI_CORS_ORIGINS=f"{ALLOWED_ORIGIN} {EMBED_ORIGIN}",
        # Every test speaks from 127.0.0.1: the per-address limit would count the
        # whole suite as one citizen. The per-conversation limit stays on.
        RSI_RATE_PER_IP="0",
    )
    return env


class Server:
    """One server process in its own process group, so stopping it stops its children."""

    def __init__(self, args: list[str], port: int, log: Path, env: dict[str, str]) -> None:
        self.args, self.port, self.log, self.env = args, port, log, env
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        if _port_open(self.port):
            raise RuntimeError(f"port {self.port} is already in use")
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                self.args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_port(self, timeout: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"server exited early; see {self.log}")
            if _port_open(self.port):
                return
            time.sleep(0.5)
        raise TimeoutError(f"port {self.port} not open after {timeout} s; see {self.log}")

    def stop(self) -> None:
        stop_group(self.proc, timeout=30)
        self.proc = None


class Conversation:
    """A REST conversation; an empty reply is a failure (action server down)."""

    def __init__(self, base_url: str) -> None:
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = str(uuid.uuid4())

    def raw(self, text: str) -> list[dict]:
        return self.raw_with(text)

    def raw_with(self, text: str, **extra: str) -> list[dict]:
        body = {"sender": self.sender, "message": text, **extra}
        response = requests.post(self.url, json=body, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    def say(self, text: str) -> str:
        replies = self.raw(text)
        assert replies, f"empty reply to {text!r}: is the action server down?"
        texts = [r["text"] for r in replies if r.get("text")]
        assert texts, f"no text in reply to {text!r}: {replies}"
        return "\n".join(texts).replace("\xa0", " ")


@pytest.fixture(scope="session")
def work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def action_server(work_dir: Path):
    server = Server(
        ACTION_SERVER_ARGS,
        ACTION_PORT, work_dir / "actions.log", _env(work_dir),
    )
    server.start()
    server.wait_port(120)
    yield server
    server.stop()


def rasa_server(work_dir: Path, port: int, log_name: str) -> Server:
    """A Rasa server (not started) on `port`, using the action server on ACTION_PORT."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run scripts/train.sh first")
    endpoints = work_dir / "endpoints.yml"
    # The project's endpoints.yml with the test's action port.
    project = (ROOT / "endpoints.yml").read_text(encoding="utf-8")
    endpoints.write_text(project.replace("127.0.0.1:5055", f"127.0.0.1:{ACTION_PORT}"),
                         encoding="utf-8")
    return Server(
        [str(ROOT / ".venv/bin/python"), "-m", "bot.serving.rasa_server", "--model", str(MODEL),
         "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml"),
         "--interface", "127.0.0.1", "--port", str(port)],
        port, work_dir / log_name, _env(work_dir),
    )


def wait_for_answer(server: Server, base: str) -> None:
    """The port opens before the model is loaded: wait for a real answer."""
    server.wait_port()
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if Conversation(base).raw("olá"):
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    server.stop()
    pytest.fail("Rasa server never answered 'olá'")


@pytest.fixture(scope="session")
def rasa_url(work_dir: Path, action_server: Server) -> str:
    server = rasa_server(work_dir, RASA_PORT, "rasa.log")
    server.start()
    base = f"http://127.0.0.1:{RASA_PORT}"
    wait_for_answer(server, base)
    yield base
    server.stop()


@pytest.fixture
def chat(rasa_url: str) -> Conversation:
    return Conversation(rasa_url)


@pytest.fixture
def api_token() -> str:
    return TOKEN
