"""The fast model load (bot.serving.rasa_speedups) predicts exactly what Rasa's load does.

Rasa builds a loaded DIET or response selector by one training step; ours builds it
by a prediction and restores the weights as the layers are created. Every sentence
of the NLU test split must get the same intent ranking and the same FAQ ranking,
to the last digit, from both.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import MODEL, ROOT

pytestmark = pytest.mark.e2e


def test_fast_load_predicts_the_same_numbers_as_rasas_load():
    done = subprocess.run(
        [str(ROOT / ".venv/bin/python"), str(ROOT / "scripts" / "compare_model_load.py"), str(MODEL)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    result = json.loads(lines[-1])
    assert result["sentences"] > 200
    assert result["different"] == 0, result
    assert done.returncode == 0
