"""Pull: the caller's organisation's rows after a seq, ascending, tombstones included.

Seqs are assigned under the push lock (``sync.server.db``), so every row with a seq below the
page's ``next`` is already visible: a device that saves ``next`` after applying the page can
never skip a row, however pushes interleave.

The database writes each row as JSON (``json_build_object`` on PostgreSQL, ``json_object`` on
SQLite), its stored ``data`` included as is: a page of 2,000 rows is never parsed into objects
only to be encoded again. Its shape is ``sync.protocol.ChangesPage``, the model the OpenAPI
document and the client use.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text, case, cast, func, literal_column, select
from sqlalchemy.orm import Session

from sync.server.models import SyncRow, User

FIELDS = (
    ("seq", SyncRow.seq),
    ("table", SyncRow.table_name),
    ("id", SyncRow.row_id),
    ("org_id", SyncRow.org_id),
    ("rev", SyncRow.rev),
    ("base_rev", SyncRow.base_rev),
    ("deleted", SyncRow.deleted),
    ("updated_by", SyncRow.updated_by),
    ("data", SyncRow.data),
)
# For clients that know erasures: a client older than ``ServerChange.erased`` refuses the field.
ERASED_FIELD = ("erased", SyncRow.erased)
BOOLEANS = ("deleted", "erased")


def changes_since(
    session: Session, *, user: User, since: int, limit: int, erasures: bool = False
) -> str:
    """One page of the organisation's rows changed after ``since``, in ``seq`` order, as JSON.

    ``erasures``: the client knows ``ServerChange.erased`` and gets it.
    """
    fields = (*FIELDS, ERASED_FIELD) if erasures else FIELDS
    query = (
        select(SyncRow.seq, _row_json(session.get_bind().dialect.name, fields))
        .where(SyncRow.org_id == user.org_id, SyncRow.seq > since)
        # (org_id, seq): the index's own order, so the planner never walks the seq index
        # over other organisations' rows (org_id is fixed: the order is by seq).
        .order_by(SyncRow.org_id, SyncRow.seq)
        .limit(limit + 1)
    )
    rows = session.execute(query).all()
    page = rows[:limit]
    changes = ",".join(row[1] for row in page)
    last = page[-1][0] if page else since
    more = "true" if len(rows) > limit else "false"
    return f'{{"changes":[{changes}],"next":{last},"more":{more}}}'


def _row_json(dialect: str, fields: tuple[tuple[str, Any], ...]) -> Any:
    """One ``ServerChange`` as JSON text, made by the database."""
    if dialect == "postgresql":
        pairs = [part for name, column in fields for part in (_key(name), column)]
        return cast(func.json_build_object(*pairs), Text)
    return func.json_object(*[part for name, column in fields for part in _sqlite(name, column)])


def _sqlite(name: str, column: Any) -> tuple[Any, Any]:
    """SQLite keeps JSON as text and booleans as 0/1: say which values are JSON."""
    if name == "data":
        return _key(name), func.json(column)
    if name in BOOLEANS:
        return _key(name), func.json(case((column, "true"), else_="false"))
    return _key(name), column


def _key(name: str) -> Any:
    return literal_column(f"'{name}'")
