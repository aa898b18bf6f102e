"""The request store against hostile input, on SQLite and PostgreSQL: values are
cleaned at ``create`` whoever calls it, identifiers are found whatever digits
were typed, staff output is inert, and status lookups are rate-limited."""

from __future__ import annotations

import csv
import random
import unicodedata
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from bot.cli import main
from bot.errors import InputError
from bot.store.db import make_engine, migrate
from bot.store.models import LookupFailureRow, RequestCounter, RequestRow, StatusEventRow
from bot.store.requests import (
    LOOKUP_MAX_FAILURES_PER_NUMBER,
    LOOKUP_MAX_FAILURES_PER_REQUESTER,
    LOOKUP_WINDOW,
    LookupStatus,
    RequestRepository,
)

from .test_store import NIF_A, NIF_B, NOON, make_nif, new_request

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
ESC = "\x1b"
CONVERSATION = "conversa-42"
HOSTILE_VALUES = 500
SEED = 20260201
ADDRESS = "Rua das Flores, 12, 2.º esq., 4000-123 Porto"


def invisible(text: str | None) -> bool:
    return any(unicodedata.category(ch) in INVISIBLE_CATEGORIES for ch in text or "")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock(NOON)


@pytest.fixture
def timed_repo(engine, clock) -> RequestRepository:
    return RequestRepository(engine, clock=clock)


# --------------------------------------------------------------------------- digits

def test_nif_typed_in_arabic_indic_digits_is_stored_in_ascii_found_and_erased(repo):
    request = new_request(repo, nif=NIF_A.translate(ARABIC_INDIC), niss="١٢٣٤٥٦٧٨٩١٠")
    assert (request.nif, request.niss) == (NIF_A, "12345678910")
    assert repo.lookup(request.number, NIF_A) == request
    assert repo.lookup(request.number.translate(FULL_WIDTH), NIF_A.translate(FULL_WIDTH)) == request
    assert repo.erase_by_nif(NIF_A) == 1
    assert repo.count() == 0


def test_migration_0003_folds_digits_already_stored(database_url):
    engine = make_engine(database_url)
    try:
        migrate(engine, revision="0002")
        with engine.begin() as connection:
            connection.execute(insert(RequestCounter.__table__).values(year=2026, last_value=1))
            request_id = connection.execute(insert(RequestRow.__table__).values(
                number="2026/000001", year=2026, order_number=1, created_at=NOON, updated_at=NOON,
                document_type="certidao_requerimento", documents_attached=0,
                requester_name="Joaquim Ferreira", nif=NIF_A.translate(ARABIC_INDIC),
                niss="１２３４５６７８９１０", delivery="post", email=None,
                postal_address="Rua Direita 1, 3830-044 Ílhavo", channel="staff", region="continente",
                electronic=False, status="registered", expected_issue_date=NOON.date(), consent=True,
                consent_at=NOON, idempotency_key=None,
            )).inserted_primary_key[0]
            connection.execute(insert(StatusEventRow.__table__).values(
                request_id=request_id, status="registered", at=NOON))
        migrate(engine)
        repo = RequestRepository(engine)
        stored = repo.get("2026/000001")
        assert (stored.nif, stored.niss, stored.consent_evidence) == (NIF_A, "12345678910", None)
        assert repo.erase_by_nif(NIF_A) == 1
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- create

@pytest.mark.parametrize("field, value", [
    ("postal_address", "<script>alert(1)</script> Rua A 1, 1000-001 Lisboa"),
    ("postal_address", "javascript:alert(1) Rua A 1, 1000-001 Lisboa"),
    ("postal_address", "Rua A 1, 1000-001 Lisboa\x00"),
    ("postal_address", "Rua A 1, 1000-001 Lisboa\x1b[2J"),
    ("postal_address", "Rua A 1, 1000-001 \u202eLisboa"),
    ("postal_address", "Rua A 1, 1000-001 Lisboa\n• NIF 123456789"),
    ("postal_address", "Rua A 1, 1000-001 Lisboa " + "x" * 5000),
    ("postal_address", "=HYPERLINK(\"http://x\") Rua A 1, 1000-001 Lisboa"),
    ("requester_name", "Mаria Silva"),  # Cyrillic "а"
    ("requester_name", "Maria\u200bSilva"),
    ("requester_name", "=HYPERLINK(\"http://x\")"),
    ("email", "x" * 5000 + "@example.pt"),
    ("email", "maria@example.pt\nBcc: x@example.pt"),
    ("details", "decisão\x1b[2J"),
    ("consent_evidence", "sim\u202e"),
    ("consent_evidence", "sim " * 100),
])
def test_create_refuses_hostile_values(repo, field, value):
    overrides = {field: value}
    if field == "postal_address":
        overrides.update(delivery="post", email=None)
    with pytest.raises(InputError):
        new_request(repo, **overrides)
    assert repo.count() == 0


def test_create_stores_normalised_values(repo):
    request = new_request(
        repo, requester_name="  Ana   d’Almeida ", email="o'brien@Example.PT", delivery="post",
        postal_address="Rua das Flores, 12, 2.º esq., 4000 - 123 Porto",
        details="a certidão deve indicar\na decisão",
    )
    stored = repo.get(request.number)
    assert stored.requester_name == "Ana d'Almeida"
    assert stored.email == "o'brien@example.pt"
    assert stored.postal_address == ADDRESS
    assert stored.details == "a certidão deve indicar a decisão"


def test_consent_evidence_and_time_are_recorded(repo):
    given_at = NOON - timedelta(minutes=3)
    request = new_request(repo, consent_evidence="  sim, autorizo ", consent_at=given_at)
    stored = repo.get(request.number)
    assert (stored.consent_evidence, stored.consent_at) == ("sim, autorizo", given_at)
    assert stored.to_dict()["consent_evidence"] == "sim, autorizo"
    default = new_request(repo, nif=NIF_B)
    assert (default.consent_evidence, default.consent_at) == (None, NOON)
    with pytest.raises(InputError, match="consentimento"):
        new_request(repo, consent_at=NOON + timedelta(minutes=1))
    with pytest.raises(InputError, match="fuso horário"):
        new_request(repo, consent_at=NOON.replace(tzinfo=None))


# A valid value of each field; fragments are inserted at random places in it.
VALID = {
    "requester_name": "Maria Antónia Silva",
    "nif": NIF_A,
    "niss": "12345678910",
    "email": "maria.silva@example.pt",
    "postal_address": ADDRESS,
    "details": "a certidão deve indicar a decisão",
    "consent_evidence": "sim, autorizo",
}
# Harmless-looking variations a normaliser must handle, and the attacks.
BENIGN = [" ", "  ", "\t", "\u00a0", "á", "º", "'", "’", "-", "–", "ﬁ", "Ａ", "١", "２", ".", "\u0301"]
HOSTILE = [
    "<script>", "javascript:", "\x00", "\x1b[2J", "\u202e", "\u200b", "\ufeff", "\ue000",
    "\n• NIF 123456789", "=HYPERLINK(\"http://x\")", "+", "@", "\r", "а", "\ud800", "\U0010fffd",
    "x" * 300,
]


def _hostile_value(rng: random.Random, field: str) -> str:
    value = VALID[field]
    for _ in range(rng.randint(1, 3)):
        fragment = rng.choice(BENIGN + HOSTILE + [chr(rng.randint(0, 0x2FFFF))])
        if rng.random() < 0.2:  # sometimes at the start, where a formula would begin
            value = fragment + value
        else:
            at = rng.randint(0, len(value))
            value = value[:at] + fragment + value[at:]
    return value


def test_hostile_generated_values_are_stored_clean_or_refused(repo):
    rng = random.Random(SEED)
    fields = tuple(VALID)
    outcomes = {"stored": 0, "refused": 0}
    for index in range(HOSTILE_VALUES):
        field = fields[index % len(fields)]
        overrides = {"nif": make_nif(1000 + index), field: _hostile_value(rng, field)}
        if field == "postal_address":
            overrides.update(delivery="post", email=None)
        try:
            request = new_request(repo, **overrides)
        except InputError:
            outcomes["refused"] += 1
            continue
        outcomes["stored"] += 1
        row = repo.get(request.number)
        for value in (row.requester_name, row.email, row.postal_address, row.details, row.consent_evidence):
            assert not invisible(value) and (value is None or value == value.strip())
        for value in (row.requester_name, row.postal_address):
            assert not set(value or "") & set("<>:;=@\"\\")
        assert row.nif.isascii() and row.nif.isdigit() and len(row.nif) == 9
        assert row.niss is None or (row.niss.isascii() and row.niss.isdigit())
        assert len(row.requester_name) <= 120 and len(row.postal_address or "") <= 200
        assert len(row.details or "") <= 1000 and len(row.consent_evidence or "") <= 200
    assert repo.count() == outcomes["stored"]
    # Both paths are exercised: many variations are harmless, many are attacks.
    assert min(outcomes.values()) > HOSTILE_VALUES // 10, outcomes


# --------------------------------------------------------------------------- staff output

def _insert_dirty_row(engine) -> str:
    """A row as an older version could store it: formulas, escapes, RLO, fake lines.

    (No NUL: PostgreSQL text cannot hold one; the SQLite-only case is in csv_safe's tests.)
    """
    with engine.begin() as connection:
        connection.execute(insert(RequestCounter.__table__).values(year=2026, last_value=1))
        request_id = connection.execute(insert(RequestRow.__table__).values(
            number="2026/000001", year=2026, order_number=1, created_at=NOON, updated_at=NOON,
            document_type="certidao_requerimento", documents_attached=0,
            requester_name="=HYPERLINK(\"http://x\",\"clique\")", nif=NIF_A, niss=None, delivery="post",
            email=None, postal_address="Rua A\x1b[2J\u202e 1\n• NIF 999999990, 1000-001 Lisboa",
            channel="staff", region="continente", electronic=False, status="registered",
            expected_issue_date=NOON.date(), consent=True, consent_at=NOON, idempotency_key=None,
            details="+cmd|' /C calc'!A0\x07",
        )).inserted_primary_key[0]
        connection.execute(insert(StatusEventRow.__table__).values(
            request_id=request_id, status="registered", at=NOON, note="@SUM(1+1)\x1b]0;x\x07"))
    return "2026/000001"


@pytest.fixture
def dirty_store(engine, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return _insert_dirty_row(engine)


def test_csv_export_neutralises_formulas_and_control_characters(dirty_store, capsys, tmp_path):
    target = tmp_path / "pedidos.csv"
    assert main(["requests", "list", "--csv", str(target)]) == 0
    content = target.read_text(encoding="utf-8")
    assert ESC not in content and "\x00" not in content and "\u202e" not in content
    row = next(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert row["requester_name"].startswith("'=HYPERLINK")
    assert row["details"].startswith("'+cmd")
    assert "\n" not in row["postal_address"]
    assert main(["requests", "list", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert ESC not in out and "\n=HYPERLINK" not in out and ",=HYPERLINK" not in out


def test_show_list_and_json_output_contain_no_raw_escape(dirty_store, capsys):
    for args in (["show", dirty_store], ["show", dirty_store, "--json"], ["list"], ["list", "--json"]):
        assert main(["requests", *args]) == 0
        out = capsys.readouterr().out
        assert ESC not in out and "\x07" not in out and "\u202e" not in out, args
        assert "\n• NIF" not in out
    assert main(["requests", "show", dirty_store]) == 0
    assert "\\x1b[2J" in capsys.readouterr().out


# --------------------------------------------------------------------------- lockout

def _wrong_nifs(count: int) -> list[str]:
    return [make_nif(500 + i) for i in range(count)]


def test_wrong_nifs_lock_the_number_even_for_the_right_nif(timed_repo, clock):
    number = new_request(timed_repo).number
    for k, nif in enumerate(_wrong_nifs(LOOKUP_MAX_FAILURES_PER_NUMBER)):
        outcome = timed_repo.guarded_lookup(number, nif, f"atacante-{k}")
        assert outcome.status is LookupStatus.NOT_FOUND and outcome.request is None
    locked = timed_repo.guarded_lookup(number, NIF_A, "dono")
    assert locked.locked and locked.request is None
    assert locked.retry_after == LOOKUP_WINDOW.total_seconds() // 60
    clock.now += LOOKUP_WINDOW - timedelta(minutes=1)
    assert timed_repo.guarded_lookup(number, NIF_A, "dono").retry_after == 1
    clock.now += timedelta(minutes=1)
    found = timed_repo.guarded_lookup(number, NIF_A, "dono")
    assert found.found and found.request.number == number


def test_a_success_does_not_reset_the_count_of_others_failures(timed_repo):
    number = new_request(timed_repo).number
    wrong = _wrong_nifs(LOOKUP_MAX_FAILURES_PER_NUMBER)
    for nif in wrong[:-1]:
        timed_repo.guarded_lookup(number, nif, "atacante")
    assert timed_repo.guarded_lookup(number, NIF_A, "atacante").found
    assert not timed_repo.guarded_lookup(number, wrong[-1], "atacante").found
    assert timed_repo.guarded_lookup(number, NIF_A, "atacante").locked


def test_a_requester_with_too_many_failures_is_locked_for_every_number(timed_repo, clock):
    mine = new_request(timed_repo).number
    for k in range(LOOKUP_MAX_FAILURES_PER_REQUESTER):
        outcome = timed_repo.guarded_lookup(f"2026/{900 + k}", NIF_A, CONVERSATION)
        assert outcome.status is LookupStatus.NOT_FOUND
    assert timed_repo.guarded_lookup(mine, NIF_A, CONVERSATION).locked
    assert timed_repo.guarded_lookup(mine, NIF_A, "outra-conversa").found
    clock.now += LOOKUP_WINDOW
    assert timed_repo.guarded_lookup(mine, NIF_A, CONVERSATION).found


def test_lockout_keeps_only_digests_and_purge_removes_old_attempts(timed_repo, engine, clock):
    number = new_request(timed_repo).number
    timed_repo.guarded_lookup(number, NIF_B, CONVERSATION)
    with engine.connect() as connection:
        rows = connection.execute(select(LookupFailureRow.__table__)).mappings().all()
    assert len(rows) == 1
    stored = " ".join(str(value) for value in rows[0].values())
    for secret in (number, NIF_A, NIF_B, CONVERSATION):
        assert secret not in stored
    assert len(rows[0]["number_hash"]) == len(rows[0]["requester_hash"]) == 64
    clock.now += LOOKUP_WINDOW
    timed_repo.purge(older_than_days=365)
    with engine.connect() as connection:
        assert connection.execute(select(LookupFailureRow.id)).all() == []


def test_lookup_of_digits_in_any_script_is_guarded_the_same(timed_repo):
    number = new_request(timed_repo).number
    for nif in _wrong_nifs(LOOKUP_MAX_FAILURES_PER_NUMBER):
        timed_repo.guarded_lookup(number.translate(ARABIC_INDIC), nif, None)
    assert timed_repo.guarded_lookup(number, NIF_A, None).locked
