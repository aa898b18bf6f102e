"""Secrets and origins the servers read from the environment or from files.

Secrets never travel on a command line (they would show in `ps`) nor in URLs
the project builds. Each one comes from the variable NAME, else from the file
named by NAME_FILE, else from a file under var/ made on first use, readable by
its owner only.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR_DIR_ENV = "RSI_VAR_DIR"
CORS_ENV = "RSI_CORS_ORIGINS"
SECRET_BYTES = 32
# Secret name -> file under var/ when neither the variable nor NAME_FILE is set.
DEFAULT_FILES = {
    "RASA_AUTH_TOKEN": "auth_token",
    "ACTION_SERVER_SECRET": "action_secret",
    "RSI_SESSION_KEY": "session_key",
}


def var_dir() -> Path:
    return Path(os.environ.get(VAR_DIR_ENV) or ROOT / "var")


def secret(name: str) -> str:
    """The value of secret ``name``; made and kept in a 0600 file if there is none."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    path = Path(os.environ.get(f"{name}_FILE") or var_dir() / DEFAULT_FILES[name])
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        path.parent.mkdir(parents=True, exist_ok=True)
        old_mask = os.umask(0o077)
        try:
            path.write_text(secrets.token_hex(SECRET_BYTES), encoding="utf-8")
        finally:
            os.umask(old_mask)
    return path.read_text(encoding="utf-8").strip()


def cors_origins() -> list[str]:
    """Origins allowed to call the servers from a browser (space or comma separated).

    Empty by default: the web chat is served from the same origin, and a page
    elsewhere must be named here to embed it. "*" is refused on purpose.
    """
    raw = os.environ.get(CORS_ENV, "")
    origins = [o.strip().rstrip("/") for o in raw.replace(",", " ").split()]
    return [o for o in origins if o and o != "*" and o.startswith(("http://", "https://"))]
