"""`python -m bot requests ...` on both backends (in-process through bot.cli.main,
plus real subprocesses for the exit codes)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.cli import main
from bot.identifiers import mask_nif
from bot.store.cli import EXIT_STORE_UNAVAILABLE
from bot.store.db import make_engine
from bot.store.requests import RequestRepository

from .test_store import NIF_A, NIF_B, new_request

ROOT = Path(__file__).resolve().parents[2]
CERTIDAO_DETAILS = "a certidão deve indicar o andamento e a decisão"


@pytest.fixture
def cli_repo(database_url, monkeypatch):
    """The database behind DATABASE_URL, with three requests; the CLI migrates it itself."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("RSI_RETENTION_DAYS", raising=False)
    repo = RequestRepository.from_env()
    now = datetime.now(timezone.utc)
    new_request(repo, now=now - timedelta(days=500))
    new_request(repo, now=now - timedelta(days=2), nif=NIF_B, requester_name="Rui Costa",
                delivery="post", email=None, postal_address="Rua Nova 2, 1100-001 Lisboa",
                document_type="certidao_requerimento", details=CERTIDAO_DETAILS)
    new_request(repo, now=now - timedelta(days=1))
    return repo


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["requests", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_list_table_masks_the_nif(cli_repo, capsys):
    status, out, err = run(capsys, "list")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[0] == "número"
    assert len(lines) == 4
    assert NIF_A not in out and mask_nif(NIF_A) in out


def test_list_json_and_filters(cli_repo, capsys):
    first = cli_repo.list()[0]
    cli_repo.set_status(first.number, "refused")
    status, out, _ = run(capsys, "list", "--json", "--status", "refused")
    assert status == 0
    data = json.loads(out)
    assert [item["number"] for item in data] == [first.number]
    assert data[0]["nif"] == NIF_A
    status, out, _ = run(capsys, "list", "--format", "json", "--year", "1999")
    assert status == 0 and json.loads(out) == []


def test_list_csv_to_file_and_stdout(cli_repo, capsys, tmp_path):
    target = tmp_path / "pedidos.csv"
    status, out, _ = run(capsys, "list", "--csv", str(target))
    assert status == 0 and "3 pedido(s)" in out
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [row["nif"] for row in rows] == [NIF_A, NIF_B, NIF_A]
    assert rows[1]["postal_address"] == "Rua Nova 2, 1100-001 Lisboa"
    assert [row["details"] for row in rows] == ["", CERTIDAO_DETAILS, ""]
    status, out, _ = run(capsys, "list", "--format", "csv")
    assert status == 0 and out.splitlines()[0].startswith("number,created_at,document_type,details,")
    assert CERTIDAO_DETAILS in out


def test_show(cli_repo, capsys):
    number = cli_repo.list()[1].number
    status, out, _ = run(capsys, "show", number)
    assert status == 0
    assert f"Pedido {number} (registado)" in out and "Rui Costa" in out and "por correio" in out
    assert f"  detalhes: {CERTIDAO_DETAILS}\n" in out
    status, out, _ = run(capsys, "show", number.replace("/00000", "/"), "--json")
    data = json.loads(out)
    assert status == 0 and data["requester_name"] == "Rui Costa"
    assert data["details"] == CERTIDAO_DETAILS
    status, out, _ = run(capsys, "show", cli_repo.list()[0].number)
    assert status == 0 and "  detalhes: —\n" in out


def test_set_status_and_refused_transition(cli_repo, capsys):
    number = cli_repo.list()[0].number
    status, out, _ = run(capsys, "set-status", number, "in_progress", "--note", "em análise")
    assert status == 0 and out.strip() == f"pedido {number}: registado -> em tratamento"
    assert cli_repo.get(number).history[-1].note == "em análise"
    status, out, err = run(capsys, "set-status", number, "sent")
    assert status == 2 and out == ""
    assert err.startswith("erro: ") and err.count("\n") == 1


@pytest.mark.parametrize("args", [
    ("show", "2026/999999"),
    ("show", "abc"),
    ("set-status", "2026/000001", "perdido"),
    ("list", "--status", "perdido"),
    ("list", "--year", "dois mil"),
    ("purge", "--older-than-days", "-3"),
    ("erase", "--nif", "123"),
    ("erase",),
    (),
])
def test_bad_input_is_one_line_and_exit_2(cli_repo, capsys, args):
    status, out, err = run(capsys, *args)
    assert status == 2
    assert err.startswith("erro: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_purge_dry_run_then_for_real(cli_repo, capsys):
    status, out, _ = run(capsys, "purge", "--dry-run")
    assert status == 0 and out.strip() == "1 pedido(s) com mais de 365 dias seriam apagados"
    assert cli_repo.count() == 3
    status, out, _ = run(capsys, "purge", "--older-than-days", "0")
    assert status == 0 and out.startswith("3 pedido(s)")
    assert cli_repo.count() == 0


def test_erase(cli_repo, capsys):
    status, out, _ = run(capsys, "erase", "--nif", NIF_A)
    assert status == 0 and out.startswith("2 pedido(s) apagado(s)")
    assert NIF_A not in out
    assert [r.nif for r in cli_repo.list()] == [NIF_B]


def _python_m_bot(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot", "requests", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_subprocess_round_trip(database_url):
    repo = RequestRepository(make_engine(database_url))
    result = _python_m_bot("list", "--json", database_url=database_url)  # migrates an empty database
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    number = new_request(repo).number
    result = _python_m_bot("show", number, "--json", database_url=database_url)
    assert result.returncode == 0 and json.loads(result.stdout)["number"] == number


def test_subprocess_database_down_is_one_line_exit_3():
    result = _python_m_bot("list", database_url="postgresql://postgres@127.0.0.1:1/rsi_test")
    assert result.returncode == EXIT_STORE_UNAVAILABLE
    assert result.stdout == ""
    assert result.stderr.startswith("erro: base de dados indisponível") and result.stderr.count("\n") == 1
