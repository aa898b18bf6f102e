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

import hashlib
import logging
import math
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.calendar import LISBON
from bot.cleaning import (
    clean_email,
    clean_identifier,
    clean_name,
    clean_one_line,
    clean_paragraph,
    clean_postal_address,
)
from bot.closed_sets import DeliveryMethod, DocumentType, Region, RequestStatus
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
    CONSENT_EVIDENCE_LENGTH,
    DELIVERY_METHODS,
    DOCUMENT_TYPES,
    IDEMPOTENCY_KEY_LENGTH,
    REGIONS,
    STATUSES,
    LookupFailureRow,
    RequestCounter,
    RequestRow,
    StatusEventRow,
)

log = logging.getLogger(__name__)


# Dicts keyed by the closed sets (bot.closed_sets): read with the stored strings.
DOCUMENT_LABELS: dict[DocumentType, str] = {
    DocumentType.DECLARACAO_SITUACAO_CONTRIBUTIVA: "Declaração de situação contributiva",
    DocumentType.DECLARACAO_PRESTACOES: "Declaração de prestações",
    DocumentType.CERTIDAO_REQUERIMENTO: "Certidão de requerimento",
}
STATUS_LABELS: dict[RequestStatus, str] = {
    RequestStatus.REGISTERED: "registado",
    RequestStatus.IN_PROGRESS: "em tratamento",
    RequestStatus.ISSUED: "emitido",
    RequestStatus.SENT: "enviado",
    RequestStatus.REFUSED: "recusado",
}
# Allowed status changes; "sent" and "refused" are final.
TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.REGISTERED: frozenset({RequestStatus.IN_PROGRESS, RequestStatus.ISSUED, RequestStatus.REFUSED}),
    RequestStatus.IN_PROGRESS: frozenset({RequestStatus.ISSUED, RequestStatus.REFUSED}),
    RequestStatus.ISSUED: frozenset({RequestStatus.SENT}),
    RequestStatus.SENT: frozenset(),
    RequestStatus.REFUSED: frozenset(),
}

# Retention of stored requests, counted from the request date; staff run
# `python -m bot requests purge` (e.g. daily). Override with RSI_RETENTION_DAYS.
RETENTION_ENV = "RSI_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 365

NUMBER_DIGITS = 6
_NUMBER = re.compile(r"^\s*([0-9]{4})\s*[/\-. ]\s*([0-9]{1,6})\s*$")
# Application limits of the free-text fields (Text columns have none of their own).
DETAILS_MAX_LENGTH = 1000
STATUS_NOTE_MAX_LENGTH = 500
# A request comes with a handful of documents at most; this bounds typos and forged calls.
MAX_DOCUMENTS_ATTACHED = 99

# Status lookups (registration number + NIF) are rate-limited so that the NIF
# cannot be guessed by trying (about 10^8 valid NIFs, but a person's NIF is
# often known roughly or partly). Within LOOKUP_WINDOW:
# - after LOOKUP_MAX_FAILURES_PER_NUMBER failures for one registration number
#   that number is locked, even for the right NIF, until the failures age out
#   of the window (a success does not clear others' failures: an attacker
#   who also knows one right NIF cannot reset the count);
# - after LOOKUP_MAX_FAILURES_PER_REQUESTER failures from one requester
#   (conversation id) that requester is locked, whatever number it tries.
# Five tries let a person correct a typo or two; ten cover a few numbers.
LOOKUP_WINDOW = timedelta(minutes=15)
LOOKUP_MAX_FAILURES_PER_NUMBER = 5
LOOKUP_MAX_FAILURES_PER_REQUESTER = 10
SECONDS_PER_MINUTE = 60
# Digests say what they hash, so the same text never gives the same digest in two roles.
_DIGEST_PREFIX = "assistente-rsi:lookup:"
# PostgreSQL advisory locks take a signed 64-bit key: 15 hex digits always fit.
ADVISORY_KEY_HEX_DIGITS = 15


class LookupStatus(str, Enum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # unknown number or wrong NIF: the same answer
    LOCKED = "locked"  # too many failures; try again after ``retry_after`` minutes


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
    consent_evidence: str | None = None  # how consent was given (words typed or button)
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
            "consent_evidence": self.consent_evidence,
            "history": [
                {"status": h.status, "at": h.at.astimezone(LISBON).isoformat(), "note": h.note}
                for h in self.history
            ],
        }


@dataclass(frozen=True)
class LookupOutcome:
    """What ``RequestRepository.guarded_lookup`` answers."""

    status: LookupStatus
    request: CertificateRequest | None = None  # only when FOUND
    retry_after: int | None = None  # whole minutes, only when LOCKED

    @property
    def found(self) -> bool:
        return self.status is LookupStatus.FOUND

    @property
    def locked(self) -> bool:
        return self.status is LookupStatus.LOCKED


def _digest(role: str, value: str) -> str:
    """SHA-256 of ``value`` in its role: what the lockout stores instead of the value."""
    return hashlib.sha256(f"{_DIGEST_PREFIX}{role}:{value}".encode("utf-8", "surrogatepass")).hexdigest()


def _lookup_nif(nif: object) -> str | None:
    """The NIF as stored (ASCII digits, no separators); ``None`` when it cannot be one."""
    if not isinstance(nif, str):
        return None
    try:
        value = compact(clean_identifier(nif, field="o NIF"))
    except InputError:
        return None
    return value or None


def format_number(year: int, order_number: int) -> str:
    return f"{year}/{order_number:0{NUMBER_DIGITS}d}"


def canonical_number(text: str | None) -> str | None:
    """"2026/42", "2026-000042", "2026 42" -> "2026/000042"; anything else -> ``None``.

    Digits of any script count ("٢٠٢٦/٤٢" is "2026/000042"); invisible
    characters do not.
    """
    if not isinstance(text, str):
        return None
    try:
        text = clean_identifier(text, field="o número do pedido")
    except InputError:
        return None
    match = _NUMBER.match(text)
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
        consent_evidence=row.consent_evidence,
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
    def from_env(cls, migrate_schema: bool = True, wait_s: float | None = None) -> RequestRepository:
        """Repository on ``DATABASE_URL`` (or the SQLite default), schema brought up to date.

        ``wait_s``: how long a statement may wait or run (``bot.store.db.make_engine``).
        """
        engine = engine_from_env(wait_s)
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
        region: str = Region.CONTINENTE.value,
        electronic: bool | None = None,
        idempotency_key: str | None = None,
        now: datetime | None = None,
        details: str | None = None,
        consent_evidence: str | None = None,
        consent_at: datetime | None = None,
    ) -> CertificateRequest:
        """Register a request and return it with its number.

        Every text is cleaned here, whoever calls (``bot.cleaning``): the name,
        the e-mail and the postal address are checked and normalised, NIF and
        NISS digits of any script become ASCII, and anything with control or
        invisible characters, markup or excess length raises ``InputError``.

        ``details`` says in words what the document must show (for a certidão,
        the elements of art. 43 n.º 1); blank is stored as ``None``; line
        breaks become spaces (one paragraph). ``consent_evidence`` is how
        consent was given (the words typed or the button payload, at most 200
        characters) and ``consent_at`` when (default: the creation time).
        ``electronic`` defaults to "delivered by e-mail". With an
        ``idempotency_key`` already used, the stored request is returned
        unchanged (also when two identical calls race); the same key with
        another NIF is refused.
        """
        name = clean_name(requester_name, field="o nome do requerente")
        nif = compact(clean_identifier(nif, field="o NIF"))
        niss = compact(clean_identifier(niss, field="o NISS")) if niss else None
        email = clean_email(email) if email else None
        postal_address = clean_postal_address(postal_address) if postal_address else None
        details = self._optional_paragraph(details, "o texto dos detalhes do pedido", DETAILS_MAX_LENGTH)
        consent_evidence = self._optional_paragraph(
            consent_evidence, "a prova do consentimento", CONSENT_EVIDENCE_LENGTH)
        if idempotency_key is not None:
            # Same cleaning on every call, so a repeated call still finds its request.
            idempotency_key = clean_one_line(idempotency_key, field="a chave de idempotência",
                                             max_length=IDEMPOTENCY_KEY_LENGTH) or None
        self._validate(nif, niss, document_type, delivery, channel, email, postal_address,
                       documents_attached, region, consent)
        # Plain strings in the row, also when a caller passed closed-set members.
        document_type, delivery, channel, region = (str(v) for v in (document_type, delivery, channel, region))
        if idempotency_key:
            existing = self._by_key(idempotency_key)
            if existing is not None:
                return self._check_same_requester(existing, nif)

        created = now or self._clock()
        if not isinstance(created, datetime) or created.tzinfo is None:
            raise InputError("a data do pedido tem de ter fuso horário")
        consent_at = self._consent_time(consent_at, created)
        electronic = delivery == DeliveryMethod.EMAIL if electronic is None else electronic
        if not isinstance(electronic, bool):
            raise InputError("a indicação de via eletrónica tem de ser sim ou não")
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
                    email=email,
                    postal_address=postal_address,
                    channel=channel,
                    region=region,
                    electronic=electronic,
                    status=RequestStatus.REGISTERED.value,
                    expected_issue_date=issue_by,
                    consent=True,
                    consent_at=consent_at,
                    consent_evidence=consent_evidence,
                    idempotency_key=idempotency_key or None,
                )
                row.events.append(StatusEventRow(status=RequestStatus.REGISTERED.value, at=created))
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
    def _optional_paragraph(value: object, field: str, max_length: int) -> str | None:
        if value is None:
            return None
        return clean_paragraph(value, field=field, max_length=max_length) or None

    @staticmethod
    def _consent_time(consent_at: object, created: datetime) -> datetime:
        if consent_at is None:
            return created
        if not isinstance(consent_at, datetime) or consent_at.tzinfo is None:
            raise InputError("a data do consentimento tem de ter fuso horário")
        if consent_at > created:
            raise InputError("o consentimento não pode ser posterior ao registo do pedido")
        return consent_at

    @staticmethod
    def _validate(nif: str, niss: str | None, document_type: object, delivery: object,
                  channel: object, email: str | None, postal_address: str | None,
                  documents_attached: object, region: object, consent: object) -> None:
        """Checks of the values ``bot.cleaning`` does not cover (choices, numbers, keys)."""
        if not valid_nif(nif):
            raise InputError("NIF inválido")
        if niss is not None and not valid_niss(niss):
            raise InputError("NISS inválido")
        if document_type not in DOCUMENT_TYPES:
            raise InputError(f"tipo de documento desconhecido; use um de: {', '.join(DOCUMENT_TYPES)}")
        if delivery not in DELIVERY_METHODS:
            raise InputError(f"forma de entrega desconhecida; use {DeliveryMethod.listed()}")
        if delivery == DeliveryMethod.EMAIL and not email:
            raise InputError("para entrega por e-mail é preciso um endereço de e-mail válido")
        if delivery == DeliveryMethod.POST and not postal_address:
            raise InputError("para entrega por correio é preciso a morada")
        if channel not in CHANNELS:
            raise InputError(f"canal desconhecido; use um de: {', '.join(CHANNELS)}")
        if region not in REGIONS:
            raise InputError(f"região desconhecida; use um de: {', '.join(REGIONS)}")
        if not isinstance(documents_attached, int) or isinstance(documents_attached, bool):
            raise InputError("o número de documentos juntos tem de ser um número inteiro")
        if documents_attached < 0:
            raise InputError("o número de documentos juntos não pode ser negativo")
        if documents_attached > MAX_DOCUMENTS_ATTACHED:
            raise InputError(f"o número de documentos juntos não pode passar de {MAX_DOCUMENTS_ATTACHED}")
        if consent is not True:
            raise InputError("sem consentimento para tratar os dados, o pedido não pode ser registado")

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
        nif = _lookup_nif(nif)
        if canonical is None or nif is None:
            return None
        with self._session() as session:
            return self._find(session, canonical, nif)

    @staticmethod
    def _find(session: Session, canonical: str, nif: str) -> CertificateRequest | None:
        row = session.execute(
            select(RequestRow).where(RequestRow.number == canonical, RequestRow.nif == nif)
        ).scalar_one_or_none()
        return _to_domain(row) if row else None

    def guarded_lookup(self, number: str, nif: str, requester_key: str | None) -> LookupOutcome:
        """``lookup`` with the lockout of repeated failures (see ``LOOKUP_WINDOW``).

        ``requester_key`` identifies who asks (the conversation id); only its
        SHA-256 digest is stored. While the number or the requester is locked
        the answer is ``LOCKED`` with ``retry_after`` minutes, even for the
        right NIF. A wrong NIF and an unknown number both give ``NOT_FOUND``.
        The count lives in the database, so every process shares it.
        """
        now = self._clock()
        canonical = canonical_number(number)
        number_hash = _digest("number", canonical) if canonical else None
        requester_hash = _digest("requester", requester_key) if requester_key else None
        with self._session() as session:
            self._serialise(session, number_hash, requester_hash)
            requester_wait = self._locked_for(session, LookupFailureRow.requester_hash, requester_hash,
                                              LOOKUP_MAX_FAILURES_PER_REQUESTER, now)
            if requester_wait:
                # Not recorded: the requester's lock must end when its failures age out.
                return LookupOutcome(LookupStatus.LOCKED, retry_after=requester_wait)
            number_wait = self._locked_for(session, LookupFailureRow.number_hash, number_hash,
                                           LOOKUP_MAX_FAILURES_PER_NUMBER, now)
            if number_wait:
                # Counts against the requester only, so hammering a locked number
                # does not keep it locked for its owner.
                self._record_failure(session, now, None, requester_hash)
                log.info("status lookup refused: registration number locked")
                return LookupOutcome(LookupStatus.LOCKED, retry_after=number_wait)
            nif = _lookup_nif(nif)
            found = self._find(session, canonical, nif) if canonical and nif else None
            if found is None:
                self._record_failure(session, now, number_hash, requester_hash)
                return LookupOutcome(LookupStatus.NOT_FOUND)
        return LookupOutcome(LookupStatus.FOUND, request=found)

    @staticmethod
    def _serialise(session: Session, *digests: str | None) -> None:
        """Make concurrent lookups of one number or requester wait for each other.

        SQLite: every transaction is BEGIN IMMEDIATE already (one writer at a
        time). PostgreSQL: a transaction-scoped advisory lock per digest,
        always number before requester, so two lookups cannot deadlock.
        """
        if session.get_bind().dialect.name != "postgresql":
            return
        for digest in digests:
            if digest:
                session.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"),
                                {"key": int(digest[:ADVISORY_KEY_HEX_DIGITS], 16)})

    @staticmethod
    def _locked_for(session: Session, column: Any, digest: str | None, limit: int,
                    now: datetime) -> int:
        """Whole minutes until ``digest`` has fewer than ``limit`` failures in the window; 0 if it has."""
        if digest is None:
            return 0
        recent = list(session.execute(
            select(LookupFailureRow.at)
            .where(column == digest, LookupFailureRow.at > now - LOOKUP_WINDOW)
            .order_by(LookupFailureRow.at.desc())
            .limit(limit)
        ).scalars())
        if len(recent) < limit:
            return 0
        # Unlocked when the limit-th most recent failure leaves the window.
        unlock_at = recent[limit - 1] + LOOKUP_WINDOW
        return max(1, math.ceil((unlock_at - now).total_seconds() / SECONDS_PER_MINUTE))

    @staticmethod
    def _record_failure(session: Session, now: datetime, number_hash: str | None,
                        requester_hash: str | None) -> None:
        if number_hash or requester_hash:
            session.add(LookupFailureRow(at=now, number_hash=number_hash, requester_hash=requester_hash))

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
            query = query.where(RequestRow.status == str(status))
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
        status = str(status)  # a plain string in the row, also for a RequestStatus member
        canonical = canonical_number(number)
        if canonical is None:
            raise InputError(f"número de pedido inválido: {number!r} (formato AAAA/NNNNNN)")
        at = now or self._clock()
        clean_note = self._optional_paragraph(note, "a nota", STATUS_NOTE_MAX_LENGTH)
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
            row.events.append(StatusEventRow(status=status, at=at, note=clean_note))
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
        at = now or self._clock()
        cutoff = at - timedelta(days=days)
        with self._session() as session:
            ids = list(session.execute(select(RequestRow.id).where(RequestRow.created_at < cutoff)).scalars())
            if not dry_run:
                if ids:
                    self._delete(session, ids)
                # Failed lookups older than the lockout window no longer count.
                session.execute(delete(LookupFailureRow).where(LookupFailureRow.at <= at - LOOKUP_WINDOW))
        log.info("request store purge: %d request(s) older than %d days%s", len(ids), days,
                 " (dry run)" if dry_run else "")
        return len(ids)

    def erase_by_nif(self, nif: str) -> int:
        """Delete every request of this NIF (right to erasure). Returns how many.

        The NIF may be typed with digits of any script, like at creation.
        """
        nif = _lookup_nif(nif)
        if nif is None or not valid_nif(nif):
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
