"""Certificate requests, their status history and the per-year counters.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the allowed values at the time of this revision: a later
# change of the models must come with its own migration.
DOCUMENT_TYPES = ("declaracao_situacao_contributiva", "declaracao_prestacoes", "certidao_requerimento")
DELIVERY_METHODS = ("email", "post")
CHANNELS = ("web", "rest", "phone", "staff")
STATUSES = ("registered", "in_progress", "issued", "sent", "refused")
REGIONS = ("continente", "acores", "madeira")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "request_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_request_counters"),
    )
    op.create_table(
        "certificate_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_type", sa.String(length=40), nullable=False),
        sa.Column("documents_attached", sa.Integer(), nullable=False),
        sa.Column("requester_name", sa.String(length=200), nullable=False),
        sa.Column("nif", sa.String(length=9), nullable=False),
        sa.Column("niss", sa.String(length=11), nullable=True),
        sa.Column("delivery", sa.String(length=10), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("postal_address", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("electronic", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("expected_issue_date", sa.Date(), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("idempotency_key", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_certificate_requests"),
        sa.UniqueConstraint("number", name="uq_certificate_requests_number"),
        sa.UniqueConstraint("idempotency_key", name="uq_certificate_requests_idempotency_key"),
        sa.UniqueConstraint("year", "order_number", name="uq_certificate_requests_year_order"),
        sa.CheckConstraint(_one_of("document_type", DOCUMENT_TYPES),
                           name="ck_certificate_requests_document_type"),
        sa.CheckConstraint(_one_of("delivery", DELIVERY_METHODS), name="ck_certificate_requests_delivery"),
        sa.CheckConstraint(_one_of("channel", CHANNELS), name="ck_certificate_requests_channel"),
        sa.CheckConstraint(_one_of("status", STATUSES), name="ck_certificate_requests_status"),
        sa.CheckConstraint(_one_of("region", REGIONS), name="ck_certificate_requests_region"),
        sa.CheckConstraint("documents_attached >= 0", name="ck_certificate_requests_documents_attached"),
    )
    op.create_index("ix_certificate_requests_created_at", "certificate_requests", ["created_at"])
    op.create_index("ix_certificate_requests_nif", "certificate_requests", ["nif"])
    op.create_index("ix_certificate_requests_status", "certificate_requests", ["status"])
    op.create_table(
        "request_status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["certificate_requests.id"],
            name="fk_request_status_events_request_id_certificate_requests", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_request_status_events"),
    )
    op.create_index("ix_request_status_events_request_id", "request_status_events", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_request_status_events_request_id", table_name="request_status_events")
    op.drop_table("request_status_events")
    op.drop_index("ix_certificate_requests_status", table_name="certificate_requests")
    op.drop_index("ix_certificate_requests_nif", table_name="certificate_requests")
    op.drop_index("ix_certificate_requests_created_at", table_name="certificate_requests")
    op.drop_table("certificate_requests")
    op.drop_table("request_counters")
