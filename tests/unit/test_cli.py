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


# --- income by kind (bot/rules/parameters/income.yaml) --------------------------------

def _income(data: dict) -> dict[str, dict]:
    return {k["kind"]: k for k in data["income"]["kinds"]}


def test_savings_produce_presumed_capital_income_in_the_json_income_block():
    # Rule as published (Montepio, "Rendimento Social de Inserção: qual o valor mensal?",
    # 2024; Decreto-Lei n.º 70/2010, art. 8.º): 1/12 of the higher of the capital income
    # received and 5 % of the movable assets. 5 % of 20 000 = 1 000 a year, 83,33 a month.
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", "--assets", "20000", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    capital = _income(data)["capital"]
    assert capital["counted"] == "83.33" and capital["excluded"] is False
    assert capital["details"] == {"received_yearly": "0.00", "assets": "20000.00",
                                  "presumed_yearly": "1000.00", "counted_yearly": "1000.00"}
    assert capital["legal_basis"].startswith("Decreto-Lei n.º 70/2010, art. 8.º")
    assert capital["status"] == "unverified"
    assert data["income"]["counted_total"] == data["counted_income"] == "83.33"
    assert data["monthly_amount"] == "164.23"
    assert any("Rendimentos de capitais: o maior entre" in s["text"] for s in data["trace"])


def test_capital_income_received_above_the_presumption_counts_what_was_received():
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", "--assets", "20000",
               "--capital-income", "1500", "--json")
    data = json.loads(proc.stdout)
    assert _income(data)["capital"]["details"]["counted_yearly"] == "1500.00"
    assert data["counted_income"] == "125.00" and data["monthly_amount"] == "122.56"


def test_published_2024_example_with_family_allowance_and_study_grant_unchanged():
    # Published example (Montepio and Santander "Rendimento Social de Inserção", 2024):
    # 2 adults and 1 child, maximum 237,25 + 166,08 + 118,63 = 521,96 €. Abono de
    # família and study grants are not counted (Decreto-Lei n.º 70/2010, arts. 11.º
    # and 3.º; the project's FAQ "o abono conta?"), so the amount stays 521,96 €.
    proc = run("simulate", "--date", "2024-05-01", "--adults", "2", "--minors", "1",
               "--family-allowance", "100", "--study-grant", "50", "--json")
    data = json.loads(proc.stdout)
    assert data["monthly_amount"] == "521.96" and data["counted_income"] == "0.00"
    kinds = _income(data)
    assert kinds["family_allowance"]["excluded"] and kinds["family_allowance"]["declared"] == "100.00"
    assert kinds["study_grant"]["excluded"] and kinds["study_grant"]["counted"] == "0.00"
    texts = " ".join(s["text"] for s in data["trace"]).replace("\xa0", " ")
    assert "Abono de família (100,00 €): não conta como rendimento" in texts


def test_published_2019_example_household_income_subtracted():
    # Published example (online24.pt, "Rendimento Social de Inserção", 2019): applicant,
    # spouse, an elderly dependant and two children: 189,66 + 2 x 132,76 + 2 x 94,83 =
    # 644,84 €; household income 485 € -> 159,84 €.
    proc = run("simulate", "--date", "2019-06-01", "--adults", "3", "--minors", "2",
               "--other-income", "485", "--json")
    data = json.loads(proc.stdout)
    assert data["household_max"] == "644.84" and data["monthly_amount"] == "159.84"


def test_property_and_permanent_home_in_the_human_output():
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", "--property-value", "40000",
               "--property-income", "100", "--permanent-home-value", "200000")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.replace("\xa0", " ")
    assert "Rendimentos prediais: o maior entre as rendas recebidas (1 200,00 € por ano)" in out
    assert "= 2 000,00 € por ano, 166,67 € por mês" in out
    assert "Habitação permanente (200 000,00 €): não conta como rendimento" in out
    assert "80,89 €" in out and "art. 15.º-F" in out


def test_self_employment_and_benefits_by_kind():
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", "--self-employment-income", "100",
               "--pension", "50", "--unemployment-benefit", "20", "--sickness-benefit", "10",
               "--alimony", "5", "--json")
    kinds = _income(json.loads(proc.stdout))
    assert {k: v["counted"] for k, v in kinds.items()} == {
        "self_employment": "80.00", "pension": "50.00", "unemployment_benefit": "20.00",
        "sickness_benefit": "10.00", "alimony": "5.00"}


def test_capital_income_without_a_value_still_asks_for_the_capital_documents():
    proc = run("documents", "--adults", "1", "--capital-income", "--json")
    assert proc.returncode == 0, proc.stderr
    with_flag = {d["code"] for d in json.loads(proc.stdout)["documents"]}
    without = {d["code"] for d in json.loads(run("documents", "--adults", "1", "--json").stdout)["documents"]}
    assert with_flag > without
    by_value = run("documents", "--adults", "1", "--property-value", "50000", "--json")
    assert {d["code"] for d in json.loads(by_value.stdout)["documents"]} == with_flag


@pytest.mark.parametrize("args", [
    ["--pension", "-5"],
    ["--capital-income", "abc"],
    ["--property-value", "nan"],
    ["--family-allowance", "1e20"],
    ["--self-employment-income", "dez"],
])
def test_bad_income_values_one_line_exit_2(args):
    proc = run("simulate", "--date", "2026-03-01", "--adults", "1", *args)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("erro: ") and args[0] in lines[0]


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
    # received on the 3rd working day, Tue 10 Mar; 15 working days -> Tue 31 Mar
    assert data["posted"] == "2026-03-05" and data["start"] == "2026-03-10" and data["end"] == "2026-03-31"
    proc = run("deadline", "--posted", "2026-03-05", "--kind", "complaint")
    assert proc.returncode == 0
    assert "A carta presume-se recebida na terça-feira, 10 de março de 2026" in proc.stdout
    assert "31 de março de 2026 (31/03/2026)" in proc.stdout


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
