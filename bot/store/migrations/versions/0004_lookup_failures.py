"""Failed status lookups, for the lockout (``lookup_failures``).

A status lookup needs the registration number and the NIF; without a limit,
one could try NIFs until one matches. Each failure is recorded with SHA-256
digests of the number and of the requester (conversation id), never in
clear, and with no NIF. See ``RequestRepository.guarded_lookup``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SHA256_HEX_LENGTH = 64


def upgrade() -> None:
    op.create_table(
        "lookup_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("number_hash", sa.String(length=SHA256_HEX_LENGTH), nullable=True),
        sa.Column("requester_hash", sa.String(length=SHA256_HEX_LENGTH), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_lookup_failures"),
    )
    op.create_index("ix_lookup_failures_at", "lookup_failures", ["at"])
    op.create_index("ix_lookup_failures_number_hash", "lookup_failures", ["number_hash"])
    op.create_index("ix_lookup_failures_requester_hash", "lookup_failures", ["requester_hash"])


def downgrade() -> None:
    op.drop_index("ix_lookup_failures_requester_hash", table_name="lookup_failures")
    op.drop_index("ix_lookup_failures_number_hash", table_name="lookup_failures")
    op.drop_index("ix_lookup_failures_at", table_name="lookup_failures")
    op.drop_table("lookup_failures")
