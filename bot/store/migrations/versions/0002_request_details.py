"""What the requested document must show: ``certificate_requests.details``.

A certidão certifies some or all of the elements of art. 43 n.º 1 (date of
submission, content, progress, decision); the register kept only the
document type. Nullable: requests recorded before this revision have none.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("certificate_requests", sa.Column("details", sa.Text(), nullable=True))


def downgrade() -> None:
    # A plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35). Not batch mode: on
    # SQLite it copies and drops the table, and with foreign keys on, dropping
    # it would cascade to the status history.
    op.drop_column("certificate_requests", "details")
