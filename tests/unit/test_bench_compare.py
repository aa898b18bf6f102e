"""`make bench`'s comparison: the table, its ratios and targets, and the command line's errors.

No figure is timed here: the table is built from fixed numbers, and the command
line is only given options it must refuse before it starts anything.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_compare", ROOT / "scripts" / "bench_compare.py")
bench_compare = importlib.util.module_from_spec(_spec)
sys.modules["bench_compare"] = bench_compare  # dataclasses look the module up by name
_spec.loader.exec_module(bench_compare)


def figures(turn_p50: float, rate: float, rss: float, errors: int = 0) -> dict:
    return {
        "startup": 42.0,
        "parse": {"p50": 0.012, "p95": 0.020, "mean": 0.013},
        "single": {"p50": turn_p50, "p95": 2 * turn_p50, "p99": 3 * turn_p50, "rate": 1 / turn_p50,
                   "errors": errors, "turns": 28, "wall": 4.0},
        "multi": {"p50": 0.5, "p95": 0.9, "p99": 1.2, "rate": rate, "errors": 0, "turns": 285,
                  "wall": 20.0},
        "rss_rasa": rss, "rss_actions": 64.0,
    }


def row(text: str, label: str) -> list[str]:
    line = next(ln for ln in text.splitlines() if ln.startswith(label))
    return [cell.strip() for cell in line.split("|")]


def test_latency_ratio_is_now_over_base_and_lower_is_better():
    text = bench_compare.table(figures(0.030, 30.0, 800), "abc1234", figures(0.120, 10.0, 1000), "736f520")
    assert row(text, "1 conversa: turno p50") == [
        "1 conversa: turno p50", "120 ms", "30 ms", "×0,25 (melhor; menor é melhor)", "≤ 40 ms: cumprido"]
    assert row(text, "1 conversa: turno p95")[-1] == "≤ 80 ms: cumprido"
    assert row(text, "memória do servidor Rasa")[3] == "×0,80 (melhor; menor é melhor)"


def test_throughput_is_a_speed_up_and_the_3x_target_is_against_the_base():
    met = bench_compare.table(figures(0.03, 30.0, 800), "now", figures(0.03, 10.0, 800), "base")
    assert row(met, "20 conversas: turnos/s")[1:] == [
        "10,0 /s", "30,0 /s", "3,00× mais depressa (melhor; maior é melhor)", "≥ 3× a base: cumprido"]
    missed = bench_compare.table(figures(0.03, 29.0, 800), "now", figures(0.03, 10.0, 800), "base")
    assert row(missed, "20 conversas: turnos/s")[-1] == "≥ 3× a base: NÃO cumprido"


def test_worse_figures_and_missed_targets_are_said():
    text = bench_compare.table(figures(0.100, 10.0, 950), "now", figures(0.050, 10.0, 900), "base")
    assert row(text, "1 conversa: turno p50")[3:] == ["×2,00 (pior; menor é melhor)", "≤ 40 ms: NÃO cumprido"]
    assert row(text, "memória do servidor Rasa")[-1] == "≤ 900 MB: NÃO cumprido"
    assert row(text, "arranque até à 1.ª resposta")[1:3] == ["42,0 s", "42,0 s"]


def test_a_ratio_shown_as_one_is_called_equal():
    text = bench_compare.table(figures(0.03, 10.0, 1442), "now", figures(0.03, 10.0, 1445), "base")
    assert row(text, "memória do servidor Rasa")[3] == "×1,00 (igual; menor é melhor)"


def test_without_a_base_only_this_commit_and_the_targets():
    text = bench_compare.table(figures(0.030, 30.0, 800), "now")
    header = [c.strip() for c in text.splitlines()[0].split("|")]
    assert header == ["métrica", "agora now", "meta (issue 12)"]
    # The 3× target needs the base's figure: unknown, not met nor missed.
    assert row(text, "20 conversas: turnos/s") == ["20 conversas: turnos/s", "30,0 /s", "≥ 3× a base: ?"]


def test_training_row_only_when_measured(tmp_path):
    now, base = tmp_path / "now.json", tmp_path / "base.json"
    now.write_text(json.dumps(figures(0.03, 30.0, 800)))
    base.write_text(json.dumps(figures(0.05, 10.0, 800)))
    cmd = [sys.executable, str(ROOT / "scripts" / "bench_compare.py"), "--now", str(now), "--now-rev", "n",
           "--base", str(base), "--base-rev", "b"]
    plain = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert plain.returncode == 0, plain.stderr
    assert "treino" not in plain.stdout
    trained = subprocess.run(cmd + ["--train-now", "100", "--train-base", "300"],
                             capture_output=True, text=True, timeout=60)
    assert row(trained.stdout, "treino (sem cache)")[1:] == [
        "300 s", "100 s", "×0,33 (melhor; menor é melhor)", "≤ 120 s: cumprido"]


def test_unreadable_figures_are_one_line_and_status_2(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_compare.py"),
                           "--now", str(tmp_path / "missing.json"), "--now-rev", "n"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and proc.stderr.startswith("erro:")


def bench_sh(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Every case here is refused before bench.sh trains or starts anything.
    return subprocess.run(["bash", str(ROOT / "scripts" / "bench.sh"), *args], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, env={**os.environ, **env})


def test_bench_sh_refuses_a_bad_option_in_one_line():
    for args in (["--fast"], ["--base"], ["--rounds", "zero"], ["--concurrency"]):
        proc = bench_sh(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("erro:"), proc.stderr
        assert proc.stdout == ""


def test_bench_sh_refuses_an_unknown_revision():
    for proc in (bench_sh("--base", "no-such-revision-xyz"), bench_sh(BENCH_BASE="no-such-revision-xyz")):
        assert proc.returncode == 2
        assert proc.stderr.strip() == "erro: revisão desconhecida «no-such-revision-xyz» (BENCH_BASE ou --base)."
