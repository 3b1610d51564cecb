"""A tombstone takes its row's data out of the conflict records: nothing outlives an erasure.

A conflict keeps the version that lost a concurrent edit, so that nobody's work is dropped
unseen. Once the row is a tombstone there is nothing left to review, and a copy of its
content would outlive the erasure of an establishment's personal data (GDPR): the contact's
name would stay in ``sync_conflicts.lost_data``, and in the stored answer of the push that
reported the conflict (``sync_batches.response``, kept to answer a resent batch alike).

So, in the transaction that writes tombstones, the conflict records of those rows lose
``lost_data`` (NULL) and get ``erased_at``: table, id, revs, reason and dates stay, a trail
without personal data. In the stored answers that named them, and in the answer of the push
itself, such a conflict now keeps the tombstone (rev, ``kept_deleted``, its blanked data) and
loses nothing worth keeping (``lost_data`` empty): a device resending an old batch adopts the
tombstone, as its next pull would make it do anyway.

One statement for every row of a batch (keys as one JSON parameter, as in ``rowstore``);
stored answers are rewritten only for the few batches whose conflicts named those rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pydantic_core
from sqlalchemy import JSON, DateTime, bindparam, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from sync.protocol import Conflict
from sync.server.crud import now
from sync.server.models import Batch
from sync.server.rowstore import Key, Row, is_postgresql

PG_KEYS = "SELECT k.t, k.i FROM json_to_recordset(CAST(:keys AS json)) AS k (t text, i text)"
SQLITE_KEYS = "SELECT json_extract(value, '$.t'), json_extract(value, '$.i') FROM json_each(:keys)"


def _forget_sql(keys: str) -> TextClause:
    return text(
        "UPDATE sync_conflicts SET lost_data = NULL, erased_at = :at"  # noqa: S608 (fixed text)
        f" WHERE (table_name, row_id) IN ({keys}) AND lost_data IS NOT NULL RETURNING batch_id"
    ).bindparams(bindparam("at", type_=DateTime(timezone=True)))


PG_FORGET = _forget_sql(PG_KEYS)
SQLITE_FORGET = _forget_sql(SQLITE_KEYS)
REWRITE = (
    update(Batch)
    .where(Batch.batch_id == bindparam("stored_id"))
    .values(response=bindparam("new_response", type_=JSON))
)


def tombstoned(
    written: Mapping[Key, Row], current: Mapping[Key, Row], conflicts: list[Conflict]
) -> dict[Key, Row]:
    """The tombstones a push leaves: rows it deleted, and deleted rows its changes met."""
    keys = set(written) | {(c.table, c.id) for c in conflicts}
    return {key: current[key] for key in keys if key in current and current[key]["deleted"]}


def without_data(conflict: Conflict, tombstones: Mapping[Key, Row]) -> Conflict:
    """The conflict as a push answers it: on a tombstoned row, the tombstone and no copy."""
    tombstone = tombstones.get((conflict.table, conflict.id))
    if tombstone is None:
        return conflict
    return conflict.model_copy(
        update={
            "kept_rev": tombstone["rev"],
            "kept_deleted": True,
            "kept_data": tombstone["data"],
            "lost_data": {},
        }
    )


def forget(session: Session, tombstones: Mapping[Key, Row]) -> None:
    """Take the tombstoned rows' data out of their conflicts and of the stored answers."""
    if not tombstones:
        return
    keys = pydantic_core.to_json([{"t": t, "i": i} for t, i in sorted(tombstones)]).decode()
    statement = PG_FORGET if is_postgresql(session) else SQLITE_FORGET
    found = session.connection().execute(statement, {"keys": keys, "at": now()})
    _rewrite_answers(session, set(found.scalars()), tombstones)


def _rewrite_answers(session: Session, batch_ids: set[str], tombstones: Mapping[Key, Row]) -> None:
    if not batch_ids:
        return
    query = select(Batch.batch_id, Batch.response).where(Batch.batch_id.in_(sorted(batch_ids)))
    rewritten = [
        {"stored_id": batch_id, "new_response": _rewritten(response, tombstones)}
        for batch_id, response in session.connection().execute(query)
    ]
    if rewritten:
        session.connection().execute(REWRITE, rewritten)


def _rewritten(response: dict[str, Any], tombstones: Mapping[Key, Row]) -> dict[str, Any]:
    conflicts = [
        without_data(Conflict.model_validate(c), tombstones).model_dump(mode="json")
        for c in response.get("conflicts", [])
    ]
    return {**response, "conflicts": conflicts}
