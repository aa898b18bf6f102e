"""Certificate requests: register, look up, follow the status, retain and erase.

Every request gets a registration number sequential within its year
("2026/000042", the "número de ordem" of the register of requests), the
date and time, subject, number of documents attached and requester name
(Norma de controlo interno, art. 32-33), what the document must show (for a
certidão, the elements of art. 43 n.º 1) and what is needed to deliver it. The expected issue date is 10 working days after the request,
3 when it is handled electronically (CPA art. 84; seed art. 43), computed by
``bot.calendar.deadline``.

Personal data (name, NIF, NISS, e-mail, address) is never logged: logs name
only registration numbers and statuses.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.errors import InputError
from bot.identifiers import compact, valid_nif, valid_niss
from bot.store.db import engine_from_env, migrate, translate_errors
from bot.store.errors import (
    IdempotencyConflict,
    InvalidTransition,
    RequestNotFound,
    StoreUnavailable,
)
from bot.store.models import (
    CHANNELS,
    DELIVERY_METHODS,
    DOCUMENT_TYPES,
    REGIONS,
    STATUSES,
    RequestCounter,
    RequestRow,
    StatusEventRow,
)

log = logging.getLogger(__name__)

LISBON = ZoneInfo("Europe/Lisbon")

DOCUMENT_LABELS = {
    "declaracao_situacao_contributiva": "Declaração de situação contributiva",
    "declaracao_prestacoes": "Declaração de prestações",
    "certidao_requerimento": "Certidão de requerimento",
}
STATUS_LABELS = {
    "registered": "registado",
    "in_progress": "em tratamento",
    "issued": "emitido",
    "sent": "enviado",
    "refused": "recusado",
}
# Allowed status changes; "sent" and "refused" are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    "registered": frozenset({"in_progress", "issued", "refused"}),
    "in_progress": frozenset({"issued", "refused"}),
    "issued": frozenset({"sent"}),
    "sent": frozenset(),
    "refused": frozenset(),
}

# Retention of stored requests, counted from the request date; staff run
# `python -m bot requests purge` (e.g. daily). Override with RSI_RETENTION_DAYS.
RETENTION_ENV = "RSI_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 365

NUMBER_DIGITS = 6
_NUMBER = re.compile(r"^\s*(\d{4})\s*[/\-. ]\s*(\d{1,6})\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DETAILS_MAX_LENGTH = 1000


@dataclass(frozen=True)
class StatusChange:
    status: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class CertificateRequest:
    """A stored request, detached from the database."""

    number: str
    year: int
    order_number: int
    created_at: datetime  # UTC, timezone-aware
    document_type: str
    documents_attached: int
    requester_name: str
    nif: str
    niss: str | None
    delivery: str
    email: str | None
    postal_address: str | None
    channel: str
    region: str
    electronic: bool
    status: str
    expected_issue_date: date
    consent: bool
    consent_at: datetime | None
    details: str | None = None  # what the document must show, in words
    history: tuple[StatusChange, ...] = field(default_factory=tuple)

    @property
    def created_at_local(self) -> datetime:
        """Date and time of the request in Lisbon, as shown on the receipt."""
        return self.created_at.astimezone(LISBON)

    @property
    def document_label(self) -> str:
        return DOCUMENT_LABELS[self.document_type]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates ISO 8601, times in Lisbon)."""
        return {
            "number": self.number,
            "year": self.year,
            "order_number": self.order_number,
            "created_at": self.created_at_local.isoformat(),
            "document_type": self.document_type,
            "details": self.details,
            "documents_attached": self.documents_attached,
            "requester_name": self.requester_name,
            "nif": self.nif,
            "niss": self.niss,
            "delivery": self.delivery,
            "email": self.email,
            "postal_address": self.postal_address,
            "channel": self.channel,
            "region": self.region,
            "electronic": self.electronic,
            "status": self.status,
            "expected_issue_date": self.expected_issue_date.isoformat(),
            "consent": self.consent,
            "consent_at": self.consent_at.astimezone(LISBON).isoformat() if self.consent_at else None,
            "history": [
                {"status": h.status, "at": h.at.astimezone(LISBON).isoformat(), "note": h.note}
                for h in self.history
            ],
        }


def format_number(year: int, order_number: int) -> str:
    return f"{year}/{order_number:0{NUMBER_DIGITS}d}"


def canonical_number(text: str | None) -> str | None:
    """"2026/42", "2026-000042", "2026 42" -> "2026/000042"; anything else -> ``None``."""
    match = _NUMBER.match(text or "")
    if not match:
        return None
    return format_number(int(match.group(1)), int(match.group(2)))


def retention_days() -> int:
    """Days a request is kept: ``RSI_RETENTION_DAYS`` or 365."""
    raw = os.environ.get(RETENTION_ENV, "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"{RETENTION_ENV} deve ser um número inteiro de dias (>= 1), não {raw!r}")
    return int(raw)


def _to_domain(row: RequestRow) -> CertificateRequest:
    return CertificateRequest(
        number=row.number,
        year=row.year,
        order_number=row.order_number,
        created_at=row.created_at,
        document_type=row.document_type,
        documents_attached=row.documents_attached,
        requester_name=row.requester_name,
        nif=row.nif,
        niss=row.niss,
        delivery=row.delivery,
        email=row.email,
        postal_address=row.postal_address,
        channel=row.channel,
        region=row.region,
        electronic=row.electronic,
        status=row.status,
        expected_issue_date=row.expected_issue_date,
        consent=row.consent,
        consent_at=row.consent_at,
        details=row.details,
        history=tuple(StatusChange(e.status, e.at, e.note) for e in row.events),
    )


def expected_issue_date(created_local: date, electronic: bool, region: str) -> date:
    """10 working days after the request, 3 when electronic (bot.calendar kinds)."""
    from bot.calendar import deadline

    kind = "certificate_electronic" if electronic else "certificate"
    return deadline(kind, created_local, region).end


class RequestRepository:
    """All reads and writes of certificate requests.

    Every method raises ``StoreUnavailable`` when the database fails and
    ``bot.errors.InputError`` (or a subclass) for bad values.
    """

    def __init__(self, engine: Engine, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self._clock = clock or (lambda: datetime.now(timezone.utc))

    @classmethod
    def from_env(cls, migrate_schema: bool = True) -> RequestRepository:
        """Repository on ``DATABASE_URL`` (or the SQLite default), schema brought up to date."""
        engine = engine_from_env()
        if migrate_schema:
            migrate(engine)
        return cls(engine)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with translate_errors():
            with Session(self.engine, future=True, expire_on_commit=False) as session:
                with session.begin():
                    yield session

    # ------------------------------------------------------------ create

    def create(
        self,
        *,
        requester_name: str,
        nif: str,
        document_type: str,
        delivery: str,
        channel: str,
        consent: bool,
        email: str | None = None,
        postal_address: str | None = None,
        niss: str | None = None,
        documents_attached: int = 0,
        region: str = "continente",
        electronic: bool | None = None,
        idempotency_key: str | None = None,
        now: datetime | None = None,
        details: str | None = None,
    ) -> CertificateRequest:
        """Register a request and return it with its number.

        ``details`` says in words what the document must show (for a certidão,
        the elements of art. 43 n.º 1); blank is stored as ``None``.
        ``electronic`` defaults to "delivered by e-mail". With an
        ``idempotency_key`` already used, the stored request is returned
        unchanged (also when two identical calls race); the same key with
        another NIF is refused.
        """
        nif = compact(nif)
        niss = compact(niss) if niss else None
        name = " ".join((requester_name or "").split())
        if details is not None and not isinstance(details, str):
            raise InputError("os detalhes do pedido têm de ser texto")
        details = (details or "").strip() or None
        self._validate(name, nif, niss, document_type, delivery, channel, email, postal_address,
                       documents_attached, region, consent, idempotency_key)
        if details is not None and len(details) > DETAILS_MAX_LENGTH:
            raise InputError(f"os detalhes do pedido são demasiado longos (máximo {DETAILS_MAX_LENGTH} caracteres)")
        if idempotency_key:
            existing = self._by_key(idempotency_key)
            if existing is not None:
                return self._check_same_requester(existing, nif)

        created = now or self._clock()
        if created.tzinfo is None:
            raise InputError("a data do pedido tem de ter fuso horário")
        electronic = delivery == "email" if electronic is None else electronic
        local_day = created.astimezone(LISBON).date()
        issue_by = expected_issue_date(local_day, electronic, region)
        try:
            with self._session() as session:
                year = created.astimezone(LISBON).year
                order_number = self._next_order_number(session, year)
                row = RequestRow(
                    number=format_number(year, order_number),
                    year=year,
                    order_number=order_number,
                    created_at=created,
                    updated_at=created,
                    document_type=document_type,
                    details=details,
                    documents_attached=documents_attached,
                    requester_name=name,
                    nif=nif,
                    niss=niss,
                    delivery=delivery,
                    email=email.strip() if email else None,
                    postal_address=postal_address.strip() if postal_address else None,
                    channel=channel,
                    region=region,
                    electronic=electronic,
                    status="registered",
                    expected_issue_date=issue_by,
                    consent=True,
                    consent_at=created,
                    idempotency_key=idempotency_key or None,
                )
                row.events.append(StatusEventRow(status="registered", at=created))
                session.add(row)
                session.flush()
                result = _to_domain(row)
        except IntegrityError:
            # A concurrent call with the same idempotency key won the race:
            # our transaction (and its counter increment) was rolled back.
            existing = self._by_key(idempotency_key) if idempotency_key else None
            if existing is None:
                log.debug("request store: unexpected integrity error on create")
                raise StoreUnavailable("base de dados: conflito inesperado ao registar o pedido") from None
            return self._check_same_requester(existing, nif)
        log.info("certificate request %s registered (channel %s)", result.number, channel)
        return result

    @staticmethod
    def _validate(name: str, nif: str, niss: str | None, document_type: str, delivery: str,
                  channel: str, email: str | None, postal_address: str | None,
                  documents_attached: int, region: str, consent: bool,
                  idempotency_key: str | None) -> None:
        if not name:
            raise InputError("falta o nome do requerente")
        if len(name) > 200:
            raise InputError("o nome do requerente é demasiado longo (máximo 200 caracteres)")
        if not valid_nif(nif):
            raise InputError("NIF inválido")
        if niss is not None and not valid_niss(niss):
            raise InputError("NISS inválido")
        if document_type not in DOCUMENT_TYPES:
            raise InputError(f"tipo de documento desconhecido; use um de: {', '.join(DOCUMENT_TYPES)}")
        if delivery not in DELIVERY_METHODS:
            raise InputError("forma de entrega desconhecida; use email ou post")
        if delivery == "email" and not (email and _EMAIL.match(email.strip())):
            raise InputError("para entrega por e-mail é preciso um endereço de e-mail válido")
        if delivery == "post" and not (postal_address and postal_address.strip()):
            raise InputError("para entrega por correio é preciso a morada")
        if channel not in CHANNELS:
            raise InputError(f"canal desconhecido; use um de: {', '.join(CHANNELS)}")
        if region not in REGIONS:
            raise InputError(f"região desconhecida; use um de: {', '.join(REGIONS)}")
        if not isinstance(documents_attached, int) or documents_attached < 0:
            raise InputError("o número de documentos juntos não pode ser negativo")
        if consent is not True:
            raise InputError("sem consentimento para tratar os dados, o pedido não pode ser registado")
        if idempotency_key is not None and len(idempotency_key) > 100:
            raise InputError("chave de idempotência demasiado longa (máximo 100 caracteres)")

    @staticmethod
    def _check_same_requester(existing: CertificateRequest, nif: str) -> CertificateRequest:
        if existing.nif != nif:
            raise IdempotencyConflict("chave de idempotência já usada noutro pedido")
        return existing

    def _by_key(self, key: str) -> CertificateRequest | None:
        with self._session() as session:
            row = session.execute(
                select(RequestRow).where(RequestRow.idempotency_key == key)
            ).scalar_one_or_none()
            return _to_domain(row) if row else None

    @staticmethod
    def _next_order_number(session: Session, year: int) -> int:
        """Take the next number of ``year``, holding the counter row until commit.

        PostgreSQL: one upsert, which locks the row; concurrent writers of
        the same year wait for our commit. SQLite: the transaction began with
        BEGIN IMMEDIATE, so no other writer runs at the same time.
        """
        counters = RequestCounter.__table__
        if session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            statement = (
                pg_insert(counters)
                .values(year=year, last_value=1)
                .on_conflict_do_update(
                    index_elements=[counters.c.year],
                    set_={"last_value": counters.c.last_value + 1},
                )
                .returning(counters.c.last_value)
            )
            return session.execute(statement).scalar_one()
        updated = session.execute(
            update(counters).where(counters.c.year == year).values(last_value=counters.c.last_value + 1)
        )
        if updated.rowcount == 0:
            session.execute(insert(counters).values(year=year, last_value=1))
            return 1
        return session.execute(select(counters.c.last_value).where(counters.c.year == year)).scalar_one()

    # ------------------------------------------------------------ reads

    def lookup(self, number: str, nif: str) -> CertificateRequest | None:
        """The request with this number *and* NIF; ``None`` otherwise.

        A wrong NIF gets the same answer as an unknown number, so the
        number alone reveals nothing about the request.
        """
        canonical = canonical_number(number)
        nif = compact(nif)
        if canonical is None or not nif:
            return None
        with self._session() as session:
            row = session.execute(
                select(RequestRow).where(RequestRow.number == canonical, RequestRow.nif == nif)
            ).scalar_one_or_none()
            return _to_domain(row) if row else None

    def get(self, number: str) -> CertificateRequest:
        """The request with this number (staff use); ``RequestNotFound`` otherwise."""
        canonical = canonical_number(number)
        if canonical is None:
            raise InputError(f"número de pedido inválido: {number!r} (formato AAAA/NNNNNN)")
        with self._session() as session:
            row = session.execute(select(RequestRow).where(RequestRow.number == canonical)).scalar_one_or_none()
            if row is None:
                raise RequestNotFound(f"pedido {canonical} não encontrado")
            return _to_domain(row)

    def list(self, status: str | None = None, year: int | None = None) -> list[CertificateRequest]:
        """Requests in registration order, optionally of one status and/or year."""
        if status is not None and status not in STATUSES:
            raise InputError(f"estado desconhecido: {status!r}; use um de: {', '.join(STATUSES)}")
        query = select(RequestRow).order_by(RequestRow.year, RequestRow.order_number)
        if status is not None:
            query = query.where(RequestRow.status == status)
        if year is not None:
            query = query.where(RequestRow.year == year)
        with self._session() as session:
            return [_to_domain(row) for row in session.execute(query).scalars()]

    def count(self) -> int:
        with self._session() as session:
            return session.execute(select(func.count()).select_from(RequestRow)).scalar_one()

    # ------------------------------------------------------------ changes

    def set_status(self, number: str, status: str, note: str | None = None,
                   now: datetime | None = None) -> CertificateRequest:
        """Move a request to ``status`` if the workflow allows it (see ``TRANSITIONS``)."""
        if status not in STATUSES:
            raise InputError(f"estado desconhecido: {status!r}; use um de: {', '.join(STATUSES)}")
        canonical = canonical_number(number)
        if canonical is None:
            raise InputError(f"número de pedido inválido: {number!r} (formato AAAA/NNNNNN)")
        at = now or self._clock()
        with self._session() as session:
            row = session.execute(
                select(RequestRow).where(RequestRow.number == canonical).with_for_update()
            ).scalar_one_or_none()
            if row is None:
                raise RequestNotFound(f"pedido {canonical} não encontrado")
            if status not in TRANSITIONS[row.status]:
                allowed = ", ".join(sorted(TRANSITIONS[row.status])) or "nenhum (estado final)"
                raise InvalidTransition(
                    f"o pedido {canonical} está '{row.status}' e não pode passar a '{status}' "
                    f"(permitido: {allowed})"
                )
            previous = row.status
            row.status = status
            row.updated_at = at
            row.events.append(StatusEventRow(status=status, at=at, note=(note or "").strip() or None))
            session.flush()
            result = _to_domain(row)
        log.info("certificate request %s: %s -> %s", canonical, previous, status)
        return result

    def purge(self, older_than_days: int | None = None, now: datetime | None = None,
              dry_run: bool = False) -> int:
        """Delete requests (and their history) created more than N days ago.

        N defaults to ``retention_days()``. Returns how many were (or, with
        ``dry_run``, would be) deleted.
        """
        days = retention_days() if older_than_days is None else older_than_days
        if days < 0:
            raise InputError("o número de dias não pode ser negativo")
        cutoff = (now or self._clock()) - timedelta(days=days)
        with self._session() as session:
            ids = list(session.execute(select(RequestRow.id).where(RequestRow.created_at < cutoff)).scalars())
            if ids and not dry_run:
                self._delete(session, ids)
        log.info("request store purge: %d request(s) older than %d days%s", len(ids), days,
                 " (dry run)" if dry_run else "")
        return len(ids)

    def erase_by_nif(self, nif: str) -> int:
        """Delete every request of this NIF (right to erasure). Returns how many."""
        nif = compact(nif)
        if not valid_nif(nif):
            raise InputError("NIF inválido")
        with self._session() as session:
            ids = list(session.execute(select(RequestRow.id).where(RequestRow.nif == nif)).scalars())
            if ids:
                self._delete(session, ids)
        log.info("request store erase: %d request(s) deleted", len(ids))
        return len(ids)

    @staticmethod
    def _delete(session: Session, ids: list[int]) -> None:
        # Events first: do not rely on ON DELETE CASCADE being enforced.
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            session.execute(delete(StatusEventRow).where(StatusEventRow.request_id.in_(chunk)))
            session.execute(delete(RequestRow).where(RequestRow.id.in_(chunk)))
