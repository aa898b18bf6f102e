"""The certificate-request store on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import string
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select
from stdnum.pt import nif as stdnum_nif

from bot.errors import InputError
from bot.store.db import make_engine, migrate
from bot.store.errors import (
    IdempotencyConflict,
    InvalidTransition,
    RequestNotFound,
    StoreUnavailable,
)
from bot.store.models import Base, StatusEventRow
from bot.store.requests import RequestRepository, canonical_number

UTC = timezone.utc
NOON = datetime(2026, 12, 22, 12, 0, tzinfo=UTC)  # a Tuesday


def make_nif(n: int) -> str:
    base = f"2{n:07d}"
    return base + stdnum_nif.calc_check_digit(base)


NIF_A = make_nif(1)
NIF_B = make_nif(2)


def new_request(repo: RequestRepository, **overrides):
    fields = dict(
        requester_name="Maria Antónia Silva",
        nif=NIF_A,
        document_type="declaracao_situacao_contributiva",
        delivery="email",
        email="maria@example.pt",
        channel="web",
        consent=True,
        documents_attached=1,
        now=NOON,
    )
    fields.update(overrides)
    return repo.create(**fields)


def count_events(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(StatusEventRow.__table__)).scalar_one()


def test_migrations_create_exactly_the_models_schema(engine):
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert {"certificate_requests", "request_status_events", "request_counters", "alembic_version"} <= set(
        inspect(engine).get_table_names()
    )


def test_migrate_twice_is_harmless(engine, repo):
    new_request(repo)
    migrate(engine)
    assert repo.count() == 1


def test_create_records_the_register_fields(repo):
    request = new_request(repo, niss="12345678910", documents_attached=2)
    assert request.number == "2026/000001"
    assert (request.year, request.order_number) == (2026, 1)
    assert request.created_at == NOON
    assert request.created_at_local.utcoffset() == timedelta(0)  # Lisbon is on UTC in December
    assert request.document_type == "declaracao_situacao_contributiva"
    assert request.documents_attached == 2
    assert request.requester_name == "Maria Antónia Silva"
    assert (request.nif, request.niss) == (NIF_A, "12345678910")
    assert request.status == "registered"
    assert [h.status for h in request.history] == ["registered"]
    assert request.consent and request.consent_at == NOON
    # The stored copy reads back the same, with timezone-aware datetimes.
    assert repo.get(request.number) == request


def test_details_are_stored_and_read_back(repo):
    text = "a certidão deve indicar a data de apresentação, o andamento e a decisão"
    with_details = new_request(repo, document_type="certidao_requerimento", details=f"  {text}\n")
    assert with_details.details == text
    assert repo.get(with_details.number).details == text
    assert repo.lookup(with_details.number, NIF_A).to_dict()["details"] == text
    assert new_request(repo).details is None
    assert new_request(repo, details="   ").details is None


def test_details_of_an_idempotent_repeat_are_those_first_recorded(repo):
    first = new_request(repo, details="a certidão deve indicar a decisão", idempotency_key="k")
    again = new_request(repo, details="a certidão deve indicar o andamento", idempotency_key="k")
    assert again.details == first.details == "a certidão deve indicar a decisão"


def test_created_at_is_shown_in_lisbon_time(repo):
    request = new_request(repo, now=datetime(2026, 7, 1, 12, 0, tzinfo=UTC))
    assert request.created_at_local.hour == 13  # summer time, UTC+1
    assert request.to_dict()["created_at"] == "2026-07-01T13:00:00+01:00"


def test_expected_issue_date_3_working_days_electronic_10_by_post(repo):
    electronic = new_request(repo, delivery="email")
    # 23, 24, (25 Christmas, weekend), 28 December
    assert electronic.electronic and electronic.expected_issue_date == date(2026, 12, 28)
    postal = new_request(repo, delivery="post", email=None, postal_address="Rua Direita 1, 3830-044 Ílhavo")
    # 23, 24, 28, 29, 30, 31 December, (1 January holiday, weekend), 4, 5, 6, 7 January
    assert not postal.electronic and postal.expected_issue_date == date(2027, 1, 7)


def test_numbers_are_sequential_within_each_year(repo):
    numbers = [new_request(repo).number for _ in range(3)]
    assert numbers == ["2026/000001", "2026/000002", "2026/000003"]
    next_year = new_request(repo, now=datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
    assert next_year.number == "2027/000001"
    assert new_request(repo).number == "2026/000004"


def test_request_day_follows_lisbon_time_not_utc(repo):
    # 31 May 23:30 UTC is already 1 June in Lisbon (summer time): the deadline
    # counts from the Lisbon day.
    late = new_request(repo, now=datetime(2026, 5, 31, 23, 30, tzinfo=UTC), delivery="email")
    assert late.created_at_local.date() == date(2026, 6, 1)
    # 1 June (Monday) + 3 working days; 4 June 2026 is Corpus Christi -> 5 June.
    assert late.expected_issue_date == date(2026, 6, 5)


def test_concurrent_creation_gives_unique_gapless_numbers(repo):
    threads, per_thread = 8, 10
    barrier = threading.Barrier(threads)

    def worker(i: int) -> list[str]:
        barrier.wait()
        return [new_request(repo, nif=make_nif(100 + i), requester_name=f"Pessoa {string.ascii_uppercase[i]}").number
                for _ in range(per_thread)]

    with ThreadPoolExecutor(threads) as pool:
        numbers = [n for batch in pool.map(worker, range(threads)) for n in batch]
    expected = [f"2026/{k:06d}" for k in range(1, threads * per_thread + 1)]
    assert sorted(numbers) == expected
    assert repo.count() == threads * per_thread
    assert [r.number for r in repo.list()] == expected


def test_same_idempotency_key_returns_the_same_request(repo, engine):
    first = new_request(repo, idempotency_key="conversa-42:pedido-1")
    again = new_request(repo, idempotency_key="conversa-42:pedido-1", now=NOON + timedelta(minutes=5))
    assert again == first
    assert repo.count() == 1
    assert count_events(engine) == 1
    other = new_request(repo, idempotency_key="conversa-42:pedido-2")
    assert other.number == "2026/000002"


def test_idempotency_key_with_another_nif_is_refused(repo):
    new_request(repo, idempotency_key="k")
    with pytest.raises(IdempotencyConflict):
        new_request(repo, idempotency_key="k", nif=NIF_B)


def test_racing_calls_with_one_key_create_one_request(repo):
    threads = 8
    barrier = threading.Barrier(threads)

    def worker(_: int) -> str:
        barrier.wait()
        return new_request(repo, idempotency_key="same-key").number

    with ThreadPoolExecutor(threads) as pool:
        numbers = set(pool.map(worker, range(threads)))
    assert numbers == {"2026/000001"}
    assert repo.count() == 1


def test_lookup_needs_the_matching_nif(repo):
    request = new_request(repo)
    assert repo.lookup(request.number, NIF_A) == request
    assert repo.lookup("2026/1", f"PT {NIF_A[:3]} {NIF_A[3:6]} {NIF_A[6:]}") == request
    assert repo.lookup(request.number, NIF_B) is None  # wrong NIF: same answer as unknown
    assert repo.lookup("2026/000999", NIF_A) is None
    assert repo.lookup("not a number", NIF_A) is None
    assert repo.lookup(request.number, "") is None


def test_canonical_number():
    assert canonical_number("2026/42") == "2026/000042"
    assert canonical_number(" 2026-000042 ") == "2026/000042"
    assert canonical_number("42") is None


def test_status_workflow_with_history(repo):
    request = new_request(repo)
    t1, t2, t3 = (NOON + timedelta(days=d) for d in (1, 2, 3))
    repo.set_status(request.number, "in_progress", now=t1)
    repo.set_status(request.number, "issued", note="emitida pelo serviço", now=t2)
    done = repo.set_status(request.number, "sent", now=t3)
    assert done.status == "sent"
    assert [(h.status, h.at) for h in done.history] == [
        ("registered", NOON), ("in_progress", t1), ("issued", t2), ("sent", t3)
    ]
    assert done.history[2].note == "emitida pelo serviço"
    assert [r.number for r in repo.list(status="sent")] == [request.number]
    assert repo.list(status="registered") == []


@pytest.mark.parametrize("path, bad", [
    ((), "sent"),  # registered -> sent skips issuing
    (("refused",), "in_progress"),  # refused is final
    (("issued", "sent"), "issued"),  # sent is final
    (("in_progress",), "registered"),  # no going back
])
def test_invalid_transitions_are_refused(repo, path, bad):
    request = new_request(repo)
    for status in path:
        repo.set_status(request.number, status)
    with pytest.raises(InvalidTransition) as error:
        repo.set_status(request.number, bad)
    assert "\n" not in str(error.value)
    assert repo.get(request.number).status == (path[-1] if path else "registered")


def test_set_status_errors(repo):
    with pytest.raises(RequestNotFound):
        repo.set_status("2026/000007", "issued")
    with pytest.raises(InputError):
        repo.set_status("2026/000007", "lost")
    with pytest.raises(InputError):
        repo.set_status("sete", "issued")


def test_list_filters(repo):
    new_request(repo)
    second = new_request(repo)
    new_request(repo, now=datetime(2027, 2, 1, 10, 0, tzinfo=UTC))
    repo.set_status(second.number, "refused")
    assert [r.number for r in repo.list(year=2026)] == ["2026/000001", "2026/000002"]
    assert [r.number for r in repo.list(year=2027)] == ["2027/000001"]
    assert [r.number for r in repo.list(status="refused", year=2026)] == ["2026/000002"]
    with pytest.raises(InputError):
        repo.list(status="perdido")


def test_purge_removes_only_old_requests(repo, engine, monkeypatch):
    old = new_request(repo, now=NOON - timedelta(days=400))
    repo.set_status(old.number, "in_progress", now=NOON - timedelta(days=399))
    recent = new_request(repo, now=NOON - timedelta(days=10))
    assert repo.purge(older_than_days=30, now=NOON, dry_run=True) == 1
    assert repo.count() == 2
    assert repo.purge(older_than_days=30, now=NOON) == 1
    assert [r.number for r in repo.list()] == [recent.number]
    assert count_events(engine) == 1  # the old request's history went with it
    # Default retention: RSI_RETENTION_DAYS, else 365 days.
    monkeypatch.setenv("RSI_RETENTION_DAYS", "5")
    assert repo.purge(now=NOON) == 1
    monkeypatch.setenv("RSI_RETENTION_DAYS", "muitos")
    with pytest.raises(InputError):
        repo.purge(now=NOON)


def test_default_retention_is_365_days(repo, monkeypatch):
    monkeypatch.delenv("RSI_RETENTION_DAYS", raising=False)
    new_request(repo, now=NOON - timedelta(days=364))
    new_request(repo, now=NOON - timedelta(days=366))
    assert repo.purge(now=NOON) == 1
    assert repo.count() == 1


def test_erase_by_nif_removes_every_request_of_that_person(repo, engine):
    for _ in range(2):
        new_request(repo, nif=NIF_A)
    kept = new_request(repo, nif=NIF_B, requester_name="Outra Pessoa")
    assert repo.erase_by_nif(f"PT{NIF_A}") == 2
    assert [r.number for r in repo.list()] == [kept.number]
    assert count_events(engine) == 1
    assert repo.erase_by_nif(NIF_A) == 0
    with pytest.raises(InputError):
        repo.erase_by_nif("123")


@pytest.mark.parametrize("overrides, fragment", [
    ({"nif": "123456780"}, "NIF"),
    ({"niss": "12345678911"}, "NISS"),
    ({"requester_name": "   "}, "nome"),
    ({"document_type": "passaporte"}, "tipo de documento"),
    ({"delivery": "pombo"}, "entrega"),
    ({"email": "sem-arroba"}, "e-mail"),
    ({"delivery": "post", "postal_address": None}, "morada"),
    ({"channel": "fax"}, "canal"),
    ({"consent": False}, "consentimento"),
    ({"documents_attached": -1}, "negativo"),
    ({"region": "marte"}, "região"),
    ({"details": "x" * 1001}, "detalhes"),
    ({"details": ["decisao"]}, "detalhes"),
])
def test_create_validates_input(repo, overrides, fragment):
    with pytest.raises(InputError) as error:
        new_request(repo, **overrides)
    assert fragment in str(error.value)
    assert repo.count() == 0


def test_personal_data_never_reaches_the_logs(repo, caplog):
    caplog.set_level(logging.DEBUG)
    request = new_request(repo, niss="12345678910", idempotency_key="k1", details="decisão")
    repo.set_status(request.number, "in_progress", note="ligou a pedir")
    repo.lookup(request.number, NIF_A)
    repo.erase_by_nif(NIF_A)
    text = caplog.text
    assert request.number in text  # the logs do say what happened...
    for secret in (NIF_A, "12345678910", "Maria", "Silva", "maria@example.pt"):
        assert secret not in text  # ...but not to whom


def test_closed_port_raises_store_unavailable():
    engine = make_engine("postgresql://postgres@127.0.0.1:1/rsi_test")
    repo = RequestRepository(engine)
    with pytest.raises(StoreUnavailable) as error:
        repo.list()
    assert "\n" not in str(error.value)
    with pytest.raises(StoreUnavailable):
        new_request(repo)
    with pytest.raises(StoreUnavailable):
        migrate(engine)


def test_missing_schema_raises_store_unavailable(database_url):
    repo = RequestRepository(make_engine(database_url))  # not migrated
    with pytest.raises(StoreUnavailable):
        repo.lookup("2026/000001", NIF_A)


def test_unwritable_sqlite_path_raises_store_unavailable(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")
    with pytest.raises(StoreUnavailable):
        migrate(engine)
