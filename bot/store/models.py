"""Tables of the request store (SQLAlchemy declarative mapping, 1.4 and 2.0 compatible).

The Alembic migrations in ``bot/store/migrations`` create exactly this schema;
a test compares the two.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.types import TypeDecorator

from bot.closed_sets import Channel, DeliveryMethod, DocumentType, Region, RequestStatus

# Named constraints, so that migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))

# The values the CHECK constraints allow (bot.closed_sets). Adding one needs a
# migration: the migrations keep their own frozen copies.
DOCUMENT_TYPES = DocumentType.values()
DELIVERY_METHODS = DeliveryMethod.values()
CHANNELS = Channel.values()
STATUSES = RequestStatus.values()
REGIONS = Region.values()

# Column lengths the application checks before writing (bot.store.requests).
REQUESTER_NAME_LENGTH = 200
NIF_LENGTH = 9
NISS_LENGTH = 11
EMAIL_LENGTH = 254
IDEMPOTENCY_KEY_LENGTH = 100
CONSENT_EVIDENCE_LENGTH = 200
SHA256_HEX_LENGTH = 64


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes, stored in UTC on every backend.

    SQLite keeps no offset, so values are written as naive UTC and read back
    with ``timezone.utc`` attached. Naive input is refused: it is a bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class RequestCounter(Base):
    """Last registration number used in each year; the row is locked while a number is taken."""

    __tablename__ = "request_counters"

    year = Column(Integer, primary_key=True, autoincrement=False)
    last_value = Column(Integer, nullable=False)


class RequestRow(Base):
    """One certificate request (register of art. 33: order number, date, subject,
    documents attached, requester name) plus what is needed to deliver it."""

    __tablename__ = "certificate_requests"
    __table_args__ = (
        UniqueConstraint("year", "order_number", name="uq_certificate_requests_year_order"),
        CheckConstraint(_one_of("document_type", DOCUMENT_TYPES), name="document_type"),
        CheckConstraint(_one_of("delivery", DELIVERY_METHODS), name="delivery"),
        CheckConstraint(_one_of("channel", CHANNELS), name="channel"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        CheckConstraint(_one_of("region", REGIONS), name="region"),
        CheckConstraint("documents_attached >= 0", name="documents_attached"),
    )

    id = Column(Integer, primary_key=True)
    number = Column(String(16), nullable=False, unique=True)
    year = Column(Integer, nullable=False)
    order_number = Column(Integer, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, index=True)
    updated_at = Column(UTCDateTime, nullable=False)
    document_type = Column(String(40), nullable=False)
    # What the document must show, in words (e.g. the elements of art. 43 n.º 1
    # a certidão must certify); added by migration 0002, empty on older rows.
    details = Column(Text, nullable=True)
    documents_attached = Column(Integer, nullable=False)
    requester_name = Column(String(REQUESTER_NAME_LENGTH), nullable=False)
    nif = Column(String(NIF_LENGTH), nullable=False, index=True)
    niss = Column(String(NISS_LENGTH), nullable=True)
    delivery = Column(String(10), nullable=False)
    email = Column(String(EMAIL_LENGTH), nullable=True)
    postal_address = Column(Text, nullable=True)
    channel = Column(String(10), nullable=False)
    region = Column(String(12), nullable=False)
    electronic = Column(Boolean, nullable=False)
    status = Column(String(16), nullable=False, index=True)
    expected_issue_date = Column(Date, nullable=False)
    consent = Column(Boolean, nullable=False)
    consent_at = Column(UTCDateTime, nullable=True)
    # How consent was given (the words typed or the button chosen), cleaned;
    # added by migration 0003, empty on older rows.
    consent_evidence = Column(String(CONSENT_EVIDENCE_LENGTH), nullable=True)
    idempotency_key = Column(String(IDEMPOTENCY_KEY_LENGTH), nullable=True, unique=True)

    events = relationship(
        "StatusEventRow",
        order_by="(StatusEventRow.at, StatusEventRow.id)",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class StatusEventRow(Base):
    """Each status a request went through, with its date (and an optional staff note)."""

    __tablename__ = "request_status_events"

    id = Column(Integer, primary_key=True)
    request_id = Column(
        Integer, ForeignKey("certificate_requests.id", ondelete="CASCADE"), nullable=False, index=True
    )
    status = Column(String(16), nullable=False)
    at = Column(UTCDateTime, nullable=False)
    note = Column(Text, nullable=True)


class LookupFailureRow(Base):
    """One failed status lookup (wrong NIF, unknown number, or refused while locked).

    Only SHA-256 digests are kept, never the registration number or the
    conversation id in clear; no NIF at all. ``number_hash`` is empty for an
    attempt refused because the number was locked (it counts only against
    the requester). Rows older than the lockout window are useless and are
    removed by ``RequestRepository.purge``. Added by migration 0004.
    """

    __tablename__ = "lookup_failures"

    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, index=True)
    number_hash = Column(String(SHA256_HEX_LENGTH), nullable=True, index=True)
    requester_hash = Column(String(SHA256_HEX_LENGTH), nullable=True, index=True)
