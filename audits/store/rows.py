"""Writes of syncable rows: each stamped with a rev and queued in the outbox, atomically.

Every change to a synced table goes through here, inside the caller's transaction, so a row
and its outbox entry are committed together or not at all. The outbox keeps one entry per
changed row (the latest rev); the sync client removes an entry only if its rev is the one it
pushed. ``base_rev`` is the rev the server last gave this row: kept while the row has
unpushed edits, so two local edits between syncs are one change from the server's view.

New rows of a table with a natural key are named after that key (``ids.natural_id``), so
every device gives the same answer, plan line or campaign membership the same id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from audits.store.db import Store
from audits.store.errors import NotFoundError
from audits.store.ids import natural_id, new_id
from audits.store.migrations import SYNCED_TABLES

QUEUE_SQL = (
    "INSERT INTO outbox (table_name, row_id, rev) VALUES (?, ?, ?)"
    " ON CONFLICT (table_name, row_id) DO UPDATE SET rev = excluded.rev"
)

# The columns each table is UNIQUE on, besides its id: the parts of its rows' natural ids.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "answers": ("audit_id", "question_id"),
    "actions": ("audit_id", "action_key"),
    "campaign_establishments": ("campaign_id", "establishment_id"),
}


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def insert(store: Store, table: str, values: Mapping[str, Any]) -> str:
    """Insert a new row made on this device; return its id (``new_row_id`` unless given)."""
    _check_table(table)
    rev = store.clock.tick()
    row = {
        **values,
        "id": values.get("id") or new_row_id(table, values),
        "org_id": store.org_id,
        "rev": rev,
        "base_rev": None,
        "deleted": 0,
        "updated_by": store.user_id,
    }
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (names from code)
    store.db.execute(sql, list(row.values()))
    store.db.execute(QUEUE_SQL, [table, row["id"], rev])
    return str(row["id"])


def new_row_id(table: str, values: Mapping[str, Any]) -> str:
    """The id of a new row: from its natural key when the table has one, else a UUIDv7."""
    key = NATURAL_KEYS.get(table)
    if key is None:
        return new_id()
    return natural_id(table, *(str(values[column]) for column in key))


def update(
    store: Store, table: str, row_id: str, values: Mapping[str, Any], deleted: bool = False
) -> str:
    """Change a row (or tombstone it); return its new rev."""
    _check_table(table)
    base_rev = _base_rev(store, table, row_id)
    rev = store.clock.tick()
    changes = {
        **values,
        "rev": rev,
        "base_rev": base_rev,
        "deleted": int(deleted),
        "updated_by": store.user_id,
    }
    assignments = ", ".join(f"{column} = ?" for column in changes)
    sql = f"UPDATE {table} SET {assignments} WHERE id = ?"  # noqa: S608 (names from code)
    store.db.execute(sql, [*changes.values(), row_id])
    store.db.execute(QUEUE_SQL, [table, row_id, rev])
    return rev


def _base_rev(store: Store, table: str, row_id: str) -> str | None:
    """The server's rev of the row: its rev if it has no unpushed edit, else unchanged."""
    pending = "EXISTS (SELECT 1 FROM outbox WHERE table_name = ? AND row_id = ?)"
    sql = f"SELECT rev, base_rev, {pending} FROM {table} WHERE id = ?"  # noqa: S608 (code names)
    row = store.db.execute(sql, [table, row_id, row_id]).fetchone()
    if row is None:
        raise NotFoundError(table, row_id)
    rev, base_rev, pending = row
    kept: str | None = base_rev if pending else rev
    return kept


def _check_table(table: str) -> None:
    if table not in SYNCED_TABLES:
        raise ValueError(f"not a synced table: {table}")
