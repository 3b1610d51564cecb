"""Migration 5: which rows an erasure of personal data (GDPR) tombstoned.

A tombstone alone does not say whether the row was deleted (one more version, that a later
edit may overwrite) or erased (final: no later version may bring the data back). The sync
needs to know: the erasing device sends its tombstones as erasures (``Change.erased``), and
a device refuses to let a pulled version revive a row erased here or elsewhere. The fact
outlives the outbox entry, so it has its own table rather than a column of the outbox, and
the entity tables, their readers and their pulled columns stay as they are. Registered by
importing this module from ``migrations.py``.
"""

from __future__ import annotations

from sqlite_utils import Database

from audits.store.migrations import MIGRATIONS


@MIGRATIONS()
def m005_erased_rows(db: Database) -> None:
    """The rows tombstoned by an erasure, on this device or pulled as such."""
    db.execute(
        "CREATE TABLE erased_rows (table_name TEXT NOT NULL, row_id TEXT NOT NULL,"
        " PRIMARY KEY (table_name, row_id)) WITHOUT ROWID"
    )
