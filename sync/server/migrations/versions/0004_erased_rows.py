"""An erasure's tombstone is final: ``sync_rows.erased``.

A change may now say that its tombstone is the erasure of an establishment's personal data
(``Change.erased``). The server keeps that on the row, refuses every later change to it or
under it (``ERASED`` conflicts) and sends it with the tombstone to the other devices. Rows
tombstoned before this revision stay ordinary deletions: nothing said which were erasures.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_rows") as batch:
        batch.add_column(sa.Column("erased", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("sync_rows") as batch:
        batch.drop_column("erased")
