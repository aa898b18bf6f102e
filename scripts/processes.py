"""Stopping a server started in its own process group (``start_new_session=True``)."""

from __future__ import annotations

import os
import signal
import subprocess


def stop_group(proc: subprocess.Popen | None, timeout: float = 30) -> None:
    """SIGTERM to the whole group, SIGKILL if it has not ended after ``timeout`` seconds.

    The group, not the process: a launcher script's children (servers, nginx)
    stop with it.
    """
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
