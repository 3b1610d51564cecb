"""An erasure reaches every row under what it erases, not only the rows its device held.

A device erasing an establishment's personal data (GDPR) tombstones the rows it holds: the
establishment, its audits and campaign memberships, their answers and plan lines. Another
device may have made and synced a row the erasing device never pulled (a second audit, with
its answers): without this module that row would stay live on the server and on the devices
holding it. So, when a push writes the erasure tombstone of an establishment or of an audit,
the same transaction tombstones, as erased, every row of the organisation naming it that is
not erased yet -- audits and memberships by their ``establishment_id``, then answers and
plan lines by their ``audit_id`` (of the erased audits and of the audits just reached) --
with the personal columns blanked as the device's erasure blanks them.

Ordinary tombstones are reached too: a deleted plan line may still hold its text, and an
erased row's last word must be an erasure. The rows are found by one locking statement per
level (``data->>`` on PostgreSQL, ``json_extract`` on SQLite), so that a concurrent push
adding a row under one of them waits for this one and then sees its parent erased; they get
their seqs with the batch's rows, under the sequence lock (``replication._commit_rows``), so
pulls see them in commit order. Only batches carrying an erasure tombstone pay for this.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pydantic_core
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import TextualSelect

from sync.protocol import AUDIT_CHILD_TABLES, AUDITS_TABLE, ESTABLISHMENTS_TABLE
from sync.server.rowstore import NAMES, ROW_COLUMNS, Key, Row, is_postgresql

MEMBERSHIPS_TABLE = "campaign_establishments"
# What an erasure leaves of each row: its personal columns, blanked. The device's erasure
# blanks the same (``audits.store.personal_data.BLANKS``, which the server does not import:
# it would bring the device store along; a test keeps the two equal).
CONTACT = ("naf", "activity", "address", "postcode", "commune", "surface_m2", "staff",
           "contact_name", "contact_phone", "contact_email")  # fmt: skip
BLANKS: dict[str, dict[str, Any]] = {
    ESTABLISHMENTS_TABLE: {"siret": "", "name": "", **dict.fromkeys(CONTACT)},
    AUDITS_TABLE: {"signed_by": None, "signatures": None},
    "answers": {"value": None, "note": None, "photos": "[]"},
    "actions": {"title": "", "note": None, "owner": None, "details": "{}"},
    MEMBERSHIPS_TABLE: {},
}


@dataclass(frozen=True)
class Level:
    """Rows of ``tables`` naming an erased row of ``parent`` in their ``field``."""

    parent: str
    field: str
    tables: tuple[str, ...]


LEVELS = (
    Level(ESTABLISHMENTS_TABLE, "establishment_id", (AUDITS_TABLE, MEMBERSHIPS_TABLE)),
    Level(AUDITS_TABLE, "audit_id", AUDIT_CHILD_TABLES),
)


def _under_sql(level: Level, postgresql: bool) -> TextualSelect:
    """The organisation's rows of the level not erased yet whose parent is one of ``:ids``
    (a JSON array), locked in key order on PostgreSQL. Fixed text: prepared once."""
    tables = ", ".join(f"'{table}'" for table in level.tables)
    if postgresql:
        parent = f"data->>'{level.field}'"
        ids = "SELECT json_array_elements_text(CAST(:ids AS json))"
        lock = " ORDER BY table_name, row_id FOR UPDATE"
    else:
        parent = f"json_extract(data, '$.{level.field}')"
        ids = "SELECT value FROM json_each(:ids)"
        lock = ""
    return text(
        f"SELECT {', '.join(NAMES)} FROM sync_rows"  # noqa: S608 (fixed names)
        f" WHERE org_id = :org_id AND table_name IN ({tables}) AND NOT erased"
        f" AND {parent} IN ({ids}){lock}"
    ).columns(*ROW_COLUMNS)


UNDER = {(level, pg): _under_sql(level, pg) for level in LEVELS for pg in (False, True)}


def under_erasures(session: Session, written: Mapping[Key, Row], org_id: str) -> dict[Key, Row]:
    """The rows a batch's erasure tombstones reach, at their current version (the batch's
    own when it wrote one), by key: nothing unless the batch wrote an erasure."""
    reached: dict[Key, Row] = {}
    erased = {key for key, row in written.items() if row["erased"]}
    for level in LEVELS:
        parents = {i for t, i in erased if t == level.parent}
        parents |= {i for t, i in reached if t == level.parent}
        if parents:
            reached |= _level(session, level, parents, written, org_id)
    return reached


def _level(
    session: Session, level: Level, parents: set[str], written: Mapping[Key, Row], org_id: str
) -> dict[Key, Row]:
    """One level's rows: stored ones (locked), and those the batch writes live under them."""
    statement = UNDER[(level, is_postgresql(session))]
    ids = pydantic_core.to_json(sorted(parents)).decode()
    found = session.connection().execute(statement, {"org_id": org_id, "ids": ids}).mappings()
    rows = {(r["table_name"], r["row_id"]): {**r, "stored": True} for r in found}
    rows |= {
        key: row
        for key, row in written.items()
        if key[0] in level.tables and row["data"].get(level.field) in parents
    }
    rows = {key: written.get(key, row) for key, row in rows.items()}
    return {key: row for key, row in rows.items() if not row["erased"]}


def erasure_rev(written: Mapping[Key, Row]) -> str:
    """The batch's latest erasure rev: the one the rows it reaches take (or just after)."""
    return max(str(row["rev"]) for row in written.values() if row["erased"])


def tombstone(row: Row, rev: str, *, user_id: str, device_id: str) -> Row:
    """The erased version of a reached row: blanked, deleted, erased, building on its rev.

    Its rev is the erasure's, or just after the row's own when that is later (a row made
    after the erasure on a device whose clock runs ahead): revs of a row only grow.
    """
    table = row["table_name"]
    return {
        **row,
        "rev": max(rev, _after(str(row["rev"]), rev)),
        "base_rev": row["rev"],
        "deleted": True,
        "erased": True,
        "data": {**row["data"], **BLANKS.get(table, {})},
        "updated_by": user_id,
        "device_id": device_id,
        "seq": None,  # stamped under the sequence lock
    }


def _after(rev: str, node_of: str) -> str:
    """The rev right after ``rev`` (``wall-counter-node``), with ``node_of``'s node."""
    wall, counter, _ = rev.split("-", 2)
    node = node_of.split("-", 2)[2]
    if int(counter) < 9999:
        return f"{int(wall):013d}-{int(counter) + 1:04d}-{node}"
    return f"{int(wall) + 1:013d}-0000-{node}"
