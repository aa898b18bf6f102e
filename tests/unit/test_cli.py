"""The command line, run as a real subprocess: exit codes, one-line errors, JSON shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


def test_simulate_json_shape_and_values():
    proc = run("simulate", "--date", "2024-05-01", "--adults", "2", "--minors", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["eligible"] is True
    assert data["household_max"] == "521.96" and data["monthly_amount"] == "521.96"
    assert data["reference_value"] == "237.25" and data["counted_income"] == "0.00"
    assert data["failed_conditions"] == []
    assert all(set(step) == {"text", "legal_basis"} for step in data["trace"])
    assert any("estimativa" in n for n in data["notices"])


def test_simulate_json_reports_failed_condition():
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", "--assets", "32227.81", "--json")
    data = json.loads(proc.stdout)
    assert data["eligible"] is False and data["failed_conditions"] == ["assets_within_limit"]
    assert data["monthly_amount"] == "0.00"


def test_simulate_accepts_decimal_comma():
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", "--other-income", "200,00", "--json")
    assert json.loads(proc.stdout)["monthly_amount"] == "47.56"


def test_simulate_human_output_is_pt_pt():
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", "--employment-income", "200")
    assert proc.returncode == 0
    out = proc.stdout.replace("\xa0", " ")
    assert "1 de março de 2026" in out and "87,56 €" in out and "Lei n.º 13/2003" in out


def test_deadline_kind_json():
    proc = run("deadline", "--from", "2026-12-22", "--kind", "missing_documents", "--json")
    data = json.loads(proc.stdout)
    assert data["end"] == "2027-01-07" and data["amount"] == 10 and data["unit"] == "working_days"
    assert data["legal_basis"] and data["trace"]


def test_deadline_working_days_and_region():
    proc = run("deadline", "--from", "2026-05-22", "--working-days", "1", "--region", "acores", "--json")
    assert json.loads(proc.stdout)["end"] == "2026-05-26"
    proc = run("deadline", "--from", "2026-03-06", "--days", "2")
    assert proc.returncode == 0 and "9 de março de 2026" in proc.stdout


def test_documents_json():
    proc = run("documents", "--adults", "1", "--nationality", "eu", "--json")
    data = json.loads(proc.stdout)
    codes = [d["code"] for d in data["documents"]]
    assert "residence_registration_certificate" in codes
    assert all(d["legal_basis"] and d["who"] and d["text"] for d in data["documents"])


@pytest.mark.parametrize("args", [
    ["simulate", "--date", "2026-03-01", "--adults", "0"],
    ["simulate", "--date", "2026-03-01", "--adults", "dois"],
    ["simulate", "--date", "2026-03-01", "--adults", "1", "--employment-income", "-5"],
    ["simulate", "--date", "2026-03-01", "--adults", "1", "--other-income", "abc"],
    ["simulate", "--date", "2026-03-01", "--adults", "1", "--assets", "nan"],
    ["simulate", "--date", "2026-02-30", "--adults", "1"],
    ["simulate", "--date", "01/03/2026", "--adults", "1"],
    ["simulate", "--date", "2016-12-31", "--adults", "1"],
    ["simulate", "--adults", "1"],
    ["simulate", "--date", "2026-03-01"],
    ["simulate", "--date", "2026-03-01", "--adults", "1", "--nationality", "mars"],
    ["simulate", "--date", "2026-03-01", "--adults", "1", "--unknown-flag"],
    ["deadline", "--from", "2026-03-01", "--kind", "nope"],
    ["deadline", "--from", "2026-03-01"],
    ["deadline", "--from", "2026-13-01", "--days", "3"],
    ["deadline", "--from", "2026-03-01", "--days", "3", "--working-days", "2"],
    ["deadline", "--from", "2026-03-01", "--days", "-3"],
    ["deadline", "--from", "2026-03-01", "--days", "3", "--region", "lua"],
    ["documents", "--adults", "-1"],
    ["bogus"],
    [],
])
def test_bad_input_one_line_on_stderr_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("erro: ")
    assert "Traceback" not in proc.stderr


# --- deadlines citizens meet (issue 9) ------------------------------------------

@pytest.mark.parametrize("kind, end", [
    ("prior_hearing", "2027-01-07"),
    ("complaint", "2027-01-14"),
    ("hierarchical_appeal", "2027-02-04"),
    ("report_changes", "2027-01-07"),
    ("insertion_contract", "2027-02-05"),
    ("registered_letter", "2026-12-28"),
])
def test_deadline_new_kinds_json(kind, end):
    # From 22 December 2026: 25 Dec, 1 Jan and the weekends are skipped (hand-counted in
    # tests/cases/deadlines_cpa.yaml for the same rules).
    proc = run("deadline", "--from", "2026-12-22", "--kind", kind, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["end"] == end and data["kind"] == kind
    assert data["status"] == "unverified" and data["legal_basis"]
    assert any(n.startswith("Feriados municipais") for n in data["notices"])


def test_deadline_posted_letter_shifts_the_start():
    proc = run("deadline", "--posted", "2026-03-05", "--kind", "complaint", "--json")
    data = json.loads(proc.stdout)
    assert data["posted"] == "2026-03-05" and data["start"] == "2026-03-09" and data["end"] == "2026-03-30"
    proc = run("deadline", "--posted", "2026-03-05", "--kind", "complaint")
    assert proc.returncode == 0
    assert "A carta presume-se recebida na segunda-feira, 9 de março de 2026" in proc.stdout
    assert "30 de março de 2026 (30/03/2026)" in proc.stdout


def test_deadline_posted_with_custom_working_days():
    proc = run("deadline", "--posted", "2026-12-22", "--working-days", "5", "--json")
    assert json.loads(proc.stdout)["end"] == "2027-01-05"


def test_deadline_human_output_has_the_local_days_notice():
    proc = run("deadline", "--from", "2026-12-22", "--kind", "prior_hearing")
    assert "Avisos:" in proc.stdout and "tolerâncias de ponto" in proc.stdout
    assert "Véspera de Natal" in proc.stdout


@pytest.mark.parametrize("args", [
    ["deadline", "--posted", "2026-03-05", "--from", "2026-03-05", "--kind", "complaint"],
    ["deadline", "--posted", "05/03/2026", "--kind", "complaint"],
    ["deadline", "--posted", "2026-02-30", "--kind", "complaint"],
    ["deadline", "--kind", "complaint"],
    ["deadline", "--from", "2015-01-05", "--kind", "complaint"],
    ["deadline", "--from", "2017-07-31", "--kind", "insertion_contract"],
    ["deadline", "--from", "2026-03-05", "--kind", "reclamacao"],
])
def test_deadline_bad_input_one_line_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("erro: ")
