"""How consent was given (``certificate_requests.consent_evidence``), and
stored NIF/NISS digits folded to ASCII.

The register kept only that consent was given and when; the words typed or
the button chosen are the evidence (GDPR art. 7 n.º 1: the controller must be
able to demonstrate consent). Nullable: older requests have none.

Before this revision a NIF typed with other digits ("١٢٣٤٥٦٧٨٩", full-width
"１２３…") was stored as typed, so lookups and erasure by the ASCII NIF missed
it; the upgrade rewrites those values in ASCII digits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-02-01
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen copy of the column length at the time of this revision.
CONSENT_EVIDENCE_LENGTH = 200


def _ascii_digits(value: str | None) -> str | None:
    # Frozen copy of bot.cleaning.fold_digits after NFKC: a migration must not
    # change meaning when the application code changes later.
    if value is None:
        return None
    value = unicodedata.normalize("NFKC", value)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
                   for ch in value)


def upgrade() -> None:
    op.add_column(
        "certificate_requests",
        sa.Column("consent_evidence", sa.String(length=CONSENT_EVIDENCE_LENGTH), nullable=True),
    )
    requests = sa.table("certificate_requests", sa.column("id", sa.Integer),
                        sa.column("nif", sa.String), sa.column("niss", sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(requests.c.id, requests.c.nif, requests.c.niss)).fetchall()
    for row_id, nif, niss in rows:
        if (_ascii_digits(nif), _ascii_digits(niss)) != (nif, niss):
            connection.execute(
                sa.update(requests).where(requests.c.id == row_id)
                .values(nif=_ascii_digits(nif), niss=_ascii_digits(niss))
            )


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN, as in 0002 (no batch mode: on SQLite it
    # would copy and drop the table, cascading to the status history). The
    # folded digits stay ASCII: they are the same numbers.
    op.drop_column("certificate_requests", "consent_evidence")
