"""What an advisor looks up: establishments by name, commune or SIRET, audits by status,
the day's visits. Full-text search uses the FTS5 index kept by triggers (migration 2).

The index follows ``establishments`` by rowid: never ``VACUUM`` the database without
calling ``rebuild_search_index`` afterwards, as VACUUM may renumber those rowids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from audits.store.audit_rows import AuditStatus
from audits.store.db import Store
from audits.store.establishments import COLUMNS, Establishment, from_row

WORD_RE = re.compile(r"\w+")
SHORT_WORD = 3
PREFIXED_COLUMNS = ", ".join(f"e.{column.strip()}" for column in COLUMNS.split(","))


def fts_query(text: str) -> str | None:
    """Every word as a prefix (``boul`` finds « Boulangerie »); a spaced SIRET as one word."""
    words = WORD_RE.findall(text)
    if words and all(word.isdigit() for word in words):
        words = ["".join(words)]
    return " ".join(f'"{word}"*' for word in words) or None


def search_establishments(store: Store, text: str, limit: int = 50) -> list[Establishment]:
    """Best matches first; while only a letter or two are typed, alphabetical (ranking the
    thousands of matches of « b » costs more than the advisor gains from it)."""
    query = fts_query(text)
    if query is None:
        return list_establishments(store, limit=limit)
    short = all(len(word) < SHORT_WORD for word in WORD_RE.findall(text))
    cursor = store.db.execute(
        f"SELECT {PREFIXED_COLUMNS} FROM establishments_fts f"  # noqa: S608 (fixed names)
        " JOIN establishments e ON e.rowid = f.rowid WHERE establishments_fts MATCH ?"
        f" AND e.deleted = 0 ORDER BY {'e.name' if short else 'f.rank'} LIMIT ?",
        [query, limit],
    )
    return [from_row(row) for row in cursor]


def list_establishments(
    store: Store, commune: str | None = None, limit: int = 100, offset: int = 0
) -> list[Establishment]:
    """Alphabetical, optionally within one commune."""
    where = "deleted = 0" + (" AND commune = ?" if commune else "")
    params: list[object] = [commune] if commune else []
    cursor = store.db.execute(
        f"SELECT {COLUMNS} FROM establishments WHERE {where}"  # noqa: S608 (fixed names)
        " ORDER BY commune, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [from_row(row) for row in cursor]


@dataclass(frozen=True)
class AuditLine:
    """An audit as a list shows it: with the establishment it is about."""

    id: str
    status: AuditStatus
    planned_on: str | None
    questionnaire_ref: str
    establishment_id: str
    establishment_name: str
    commune: str | None


AUDIT_LINE_SQL = """
SELECT a.id, a.status, a.planned_on, a.questionnaire_id || '@' || a.questionnaire_version,
       e.id, e.name, e.commune
FROM audits a JOIN establishments e ON e.id = a.establishment_id
WHERE a.deleted = 0 AND {where}
ORDER BY a.planned_on DESC, a.rev DESC LIMIT ?
"""


def list_audits(
    store: Store, status: AuditStatus | None = None, limit: int = 100
) -> list[AuditLine]:
    """Audits, most recently planned first, optionally of one status."""
    where, params = ("a.status = ?", [status]) if status else ("1 = 1", [])
    return _audit_lines(store, where, [*params, limit])


def visits_on(store: Store, day: date, limit: int = 100) -> list[AuditLine]:
    """The visits planned on a day (the caller says which day is today)."""
    return _audit_lines(store, "a.planned_on = ?", [day.isoformat(), limit])


def audits_of_establishment(store: Store, establishment_id: str) -> list[AuditLine]:
    return _audit_lines(store, "a.establishment_id = ?", [establishment_id, 1000])


def _audit_lines(store: Store, where: str, params: list[object]) -> list[AuditLine]:
    sql = AUDIT_LINE_SQL.format(where=where)
    return [AuditLine(*row) for row in store.db.execute(sql, params)]


def rebuild_search_index(store: Store) -> None:
    with store.db.atomic():
        store.db.execute("INSERT INTO establishments_fts (establishments_fts) VALUES ('rebuild')")
