"""Bulk reads and writes of ``sync_rows`` for a push: one statement per table, not per row.

A batch of 500 changes written row by row spends most of its time in the driver (a statement,
a JSON encoding and a round trip each). Here, on PostgreSQL, a batch's rows travel as one JSON
array (encoded by pydantic-core) and are written by one ``INSERT … SELECT FROM
json_to_recordset(…)`` (new rows) and one ``UPDATE … FROM json_to_recordset(…)`` (existing
rows); keys are looked up the same way, for every table at once. Each statement's text does
not depend on the batch size, so psycopg prepares it once. SQLite, a file on one machine, gets
the plain ``executemany`` of an upsert.

``load(..., lock=True)`` takes the rows' locks (``SELECT … FOR UPDATE``, in key order so two
pushes never wait on each other in a cycle): the decisions made on those rows stay true until
commit, without holding the sequence lock meanwhile (``sync.server.replication``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pydantic_core
from sqlalchemy import select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from sync.server.models import SyncRow

Key = tuple[str, str]
Row = dict[str, Any]

ROW_COLUMNS = (
    SyncRow.table_name,
    SyncRow.row_id,
    SyncRow.org_id,
    SyncRow.rev,
    SyncRow.base_rev,
    SyncRow.deleted,
    SyncRow.erased,
    SyncRow.data,
    SyncRow.updated_by,
    SyncRow.device_id,
    SyncRow.seq,
)
NAMES = tuple(column.key for column in ROW_COLUMNS)
# ``data`` travels as a JSON *string* holding the row's JSON, cast back to json by the database:
# as an object, PostgreSQL would decode its strings and refuse a NUL character (``\u0000``).
PG_TYPES = {"deleted": "boolean", "erased": "boolean", "seq": "bigint"}
PG_RECORDS = (
    "json_to_recordset(CAST(:rows AS json)) AS r ("
    + ", ".join(f"{name} {PG_TYPES.get(name, 'text')}" for name in NAMES)
    + ")"
)
PG_VALUES = {name: f"r.{name}" for name in NAMES} | {"data": "CAST(r.data AS json)"}
PG_INSERT = text(
    f"INSERT INTO sync_rows ({', '.join(NAMES)})"  # noqa: S608 (fixed column names)
    f" SELECT {', '.join(PG_VALUES.values())} FROM {PG_RECORDS}"
)
PG_UPDATE = text(
    "UPDATE sync_rows AS s SET "  # noqa: S608 (fixed column names)
    + ", ".join(f"{name} = {PG_VALUES[name]}" for name in NAMES[2:])
    + f" FROM {PG_RECORDS} WHERE s.table_name = r.table_name AND s.row_id = r.row_id"
)


# One statement for the keys of every table, whatever their number (prepared once).
PG_LOAD = text(
    f"SELECT {', '.join(NAMES)} FROM sync_rows"  # noqa: S608 (fixed column names)
    " WHERE (table_name, row_id) IN"
    " (SELECT k.t, k.i FROM json_to_recordset(CAST(:keys AS json)) AS k (t text, i text))"
    " ORDER BY table_name, row_id"
)
PG_LOAD_LOCKED = text(f"{PG_LOAD.text} FOR UPDATE")


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def load(session: Session, keys: Iterable[Key], *, lock: bool = False) -> dict[Key, Row]:
    """Current rows for ``keys``, locked if asked (in key order), by key."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows: Iterable[Any]
    if is_postgresql(session):
        statement = PG_LOAD_LOCKED if lock else PG_LOAD
        keys_json = pydantic_core.to_json([{"t": t, "i": i} for t, i in wanted]).decode()
        rows = session.connection().execute(statement, {"keys": keys_json}).mappings()
    else:  # SQLite: one writer at a time already, nothing to lock
        rows = _sqlite_rows(session, wanted)
    return {(row["table_name"], row["row_id"]): {**row, "stored": True} for row in rows}


def _sqlite_rows(session: Session, wanted: list[Key]) -> list[Any]:
    by_table: dict[str, list[str]] = {}
    for table, row_id in wanted:
        by_table.setdefault(table, []).append(row_id)
    found: list[Any] = []
    for table, ids in by_table.items():
        query = select(*ROW_COLUMNS).where(SyncRow.table_name == table, SyncRow.row_id.in_(ids))
        found += session.connection().execute(query).mappings().all()
    return found


def write(session: Session, rows: list[Row]) -> None:
    """Store decided rows: ``stored`` ones are updated, the others inserted."""
    if not rows:
        return
    if not is_postgresql(session):
        _upsert_many(session, rows)
        return
    for stored, statement in ((False, PG_INSERT), (True, PG_UPDATE)):
        chosen = [row for row in rows if row["stored"] is stored]
        if chosen:
            session.connection().execute(statement, _records(chosen))


def _records(rows: list[Row]) -> dict[str, str]:
    """The rows as one JSON array, encoded by pydantic-core: one parameter, not 5,000."""
    records = [{name: row[name] for name in NAMES} for row in rows]
    for record in records:
        record["data"] = pydantic_core.to_json(record["data"]).decode()
    return {"rows": pydantic_core.to_json(records).decode()}


def _upsert_many(session: Session, rows: list[Row]) -> None:
    statement = sqlite.insert(SyncRow)
    statement = statement.on_conflict_do_update(
        index_elements=["table_name", "row_id"],
        set_={name: statement.excluded[name] for name in NAMES[2:]},
    )
    session.connection().execute(statement, [{name: row[name] for name in NAMES} for row in rows])
