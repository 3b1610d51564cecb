"""Conflicts of erased rows keep no data: ``sync_conflicts.lost_data`` nullable, ``erased_at``.

A tombstone now takes the row's data out of its conflict records and out of the stored
answers of the batches that reported them (``sync.server.erasure``). This revision makes room
for that and does it for the rows already tombstoned, so erasures made before it leave no
copy either. The rewrite of stored answers is written out here, not imported: a migration
must keep doing what it did when the code it would import changes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
ERASED = sa.text(
    "UPDATE sync_conflicts SET lost_data = NULL, erased_at = :at WHERE lost_data IS NOT NULL"
    " AND EXISTS (SELECT 1 FROM sync_rows s WHERE s.table_name = sync_conflicts.table_name"
    " AND s.row_id = sync_conflicts.row_id AND s.deleted)"
).bindparams(sa.bindparam("at", type_=WHEN))
TOMBSTONES = sa.text(
    "SELECT c.batch_id, s.table_name, s.row_id, s.rev, s.data"
    " FROM sync_conflicts c JOIN sync_rows s"
    " ON s.table_name = c.table_name AND s.row_id = c.row_id WHERE s.deleted"
)
BATCHES = sa.table("sync_batches", sa.column("batch_id"), sa.column("response", sa.JSON))


def upgrade() -> None:
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.alter_column("lost_data", existing_type=sa.JSON, nullable=True)
        batch.add_column(sa.Column("erased_at", WHEN, nullable=True))
    op.create_index("sync_conflicts_row", "sync_conflicts", ["table_name", "row_id"])
    _forget_erased(op.get_bind())


def downgrade() -> None:
    op.drop_index("sync_conflicts_row", "sync_conflicts")
    op.execute("UPDATE sync_conflicts SET lost_data = '{}' WHERE lost_data IS NULL")
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.drop_column("erased_at")
        batch.alter_column("lost_data", existing_type=sa.JSON, nullable=False)


def _forget_erased(connection: sa.Connection) -> None:
    """Stored answers first (they are found through the conflicts), then the conflicts."""
    tombstones: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for batch_id, table, row_id, rev, data in connection.execute(TOMBSTONES):
        data = json.loads(data) if isinstance(data, str) else data
        tombstones.setdefault(batch_id, {})[(table, row_id)] = {"rev": rev, "data": data}
    for batch_id, rows in tombstones.items():
        query = sa.select(BATCHES.c.response).where(BATCHES.c.batch_id == batch_id)
        response = connection.execute(query).scalar_one_or_none()
        if response is not None:
            for conflict in response.get("conflicts", []):
                tombstone = rows.get((conflict["table"], conflict["id"]))
                if tombstone is not None:
                    conflict.update(
                        kept_rev=tombstone["rev"],
                        kept_deleted=True,
                        kept_data=tombstone["data"],
                        lost_data={},
                    )
            update = BATCHES.update().where(BATCHES.c.batch_id == batch_id)
            connection.execute(update.values(response=response))
    connection.execute(ERASED, {"at": datetime.now(UTC)})
