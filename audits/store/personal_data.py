"""Personal data of one establishment: export it all as JSON, or erase it on request (GDPR).

Erasure tombstones every row about the establishment with its content blanked (so the
erasure syncs to the server like any change) and records them as erased (``erased_rows``:
the sync pushes them as final, and no later version may revive them), deletes the conflict
records of those rows (the versions that lost a concurrent edit: copies of the erased
data), deletes the photos and signature pictures no other audit uses (queued for deletion in
the erasure's transaction, deleted after its commit or at the next open), and zeroes the
freed pages and the search index so the text does not linger in the file.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from audits.store import rows
from audits.store.actions import actions_of
from audits.store.answers import answer_details
from audits.store.audit_rows import get_audit
from audits.store.db import Store
from audits.store.errors import StoreError
from audits.store.establishments import get_establishment
from audits.store.photos import (
    delete_unused_photos,
    hashes_in,
    photos_named_by,
    queue_photo_deletions,
    read_photo,
    stored_among,
)
from audits.store.search import audits_of_establishment

OPTIMIZE_SEARCH_INDEX = "INSERT INTO establishments_fts (establishments_fts) VALUES ('optimize')"
BLANK_ESTABLISHMENT = {
    "siret": "",
    "name": "",
    **dict.fromkeys(
        ("naf", "activity", "address", "postcode", "commune", "surface_m2", "staff",
         "contact_name", "contact_phone", "contact_email")
    ),
}  # fmt: skip
# What an erasure leaves of each row: the columns holding personal data, blanked.
BLANKS: dict[str, dict[str, Any]] = {
    "establishments": BLANK_ESTABLISHMENT,
    "audits": {"signed_by": None, "signatures": None},
    "answers": {"value": None, "note": None, "photos": "[]"},
    "actions": {"title": "", "note": None, "owner": None, "details": "{}"},
    "campaign_establishments": {},
}


@dataclass(frozen=True)
class Erasure:
    rows: int
    photos: int


def export_establishment(store: Store, establishment_id: str) -> dict[str, Any]:
    """Everything held about an establishment: record, audits, answers, plans, photos."""
    establishment = get_establishment(store, establishment_id)
    audits = []
    for line in audits_of_establishment(store, establishment_id):
        audit = get_audit(store, line.id).model_dump()
        audit["answers"] = answer_details(store, line.id)
        audit["actions"] = actions_of(store, line.id)
        audits.append(audit)
    return {
        "establishment": establishment.model_dump(),
        "campaigns": _campaign_names(store, establishment_id),
        "audits": audits,
        "photos": [_photo_entry(store, sha256) for sha256 in _photos_of(store, establishment_id)],
    }


def export_json(store: Store, establishment_id: str) -> str:
    return json.dumps(export_establishment(store, establishment_id), ensure_ascii=False, indent=2)


def erase_establishment(store: Store, establishment_id: str) -> Erasure:
    """Blank and tombstone every row about the establishment, then drop its unused photos.

    Their hashes are queued with the tombstones: a crash before the files go only delays
    their deletion to the next open.
    """
    get_establishment(store, establishment_id)
    hashes = _photos_of(store, establishment_id)
    with leaving_no_trace(store):
        with store.db.atomic():
            count = _erase_rows(store, establishment_id)
            queue_photo_deletions(store, hashes)
        deleted = delete_unused_photos(store, hashes)  # after the commit (see its docstring)
    return Erasure(rows=count, photos=deleted)


@contextmanager
def leaving_no_trace(store: Store) -> Iterator[None]:
    """Zero the pages freed while erased content is overwritten, then empty the WAL into the
    file: without it, the erased text would linger in free pages and old WAL frames."""
    store.db.execute("PRAGMA secure_delete = ON")
    try:
        yield
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.db.execute("PRAGMA secure_delete = OFF")


def _erase_rows(store: Store, establishment_id: str) -> int:
    audit_ids = _ids(store, "SELECT id FROM audits WHERE establishment_id = ?", establishment_id)
    # Audits first: the server accepts the tombstone of a signed audit (an erasure), and its
    # answers and actions only once it is no longer signed, so they must be pushed after it.
    erased = _tombstone(store, "audits", audit_ids)
    for audit_id in audit_ids:
        for table, ids in _audit_children(store, audit_id):
            erased += _tombstone(store, table, ids)
    memberships = _ids(
        store, "SELECT id FROM campaign_establishments WHERE establishment_id = ?", establishment_id
    )
    erased += _tombstone(store, "campaign_establishments", memberships)
    erased += _tombstone(store, "establishments", [establishment_id])
    forget_tombstoned(store, erased)
    mark_erased(store, erased)
    return len(erased)


def erase_refused(store: Store, table: str, row_id: str) -> None:
    """Erase here a row the server refused because what it belongs to was erased elsewhere
    (an answer added offline to an erased audit): blanked, tombstoned as erased, its outbox
    entry dropped (it would be refused again), and so are an audit's answers and actions.

    Not queued for the server: it holds no version of these rows to replace, and must not
    get one. The pictures they name are queued for deletion (read before the blanks land);
    the caller deletes them once its transaction commits. Runs in the caller's transaction.
    """
    keys = refused_rows(store, table, row_id)
    queue_photo_deletions(store, photos_named_by(store, keys))
    for key_table, key_id in keys:
        blank = {**BLANKS.get(key_table, {}), "deleted": 1}
        assignments = ", ".join(f"{column} = ?" for column in blank)
        sql = f"UPDATE {key_table} SET {assignments} WHERE id = ?"  # noqa: S608 (fixed names)
        store.db.execute(sql, [*blank.values(), key_id])
    store.db.conn.executemany("DELETE FROM outbox WHERE table_name = ? AND row_id = ?", keys)
    forget_tombstoned(store, keys)
    mark_erased(store, keys)


def refused_rows(store: Store, table: str, row_id: str) -> list[tuple[str, str]]:
    """The rows ``erase_refused`` erases for a refused row: itself, and an audit's answers
    and plan lines."""
    keys = [(table, row_id)]
    if table == "audits":
        keys += [(t, i) for t, ids in _audit_children(store, row_id) for i in ids]
    return keys


def _audit_children(store: Store, audit_id: str) -> list[tuple[str, list[str]]]:
    """The ids of an audit's answers and plan lines, by table."""
    return [
        (table, _ids(store, f"SELECT id FROM {table} WHERE audit_id = ?", audit_id))  # noqa: S608
        for table in ("answers", "actions")
    ]


def mark_erased(store: Store, keys: Iterable[tuple[str, str]]) -> None:
    """Remember that these tombstones, ``(table, id)`` pairs, are an erasure's: final.

    The sync pushes them as erasures (the server then refuses any later version) and never
    lets a pulled version bring the row back. Runs in the caller's transaction.
    """
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO erased_rows (table_name, row_id) VALUES (?, ?)", list(keys)
    )


def erased_ids(store: Store, table: str, row_ids: list[str]) -> set[str]:
    """Which of these rows of ``table`` an erasure tombstoned."""
    if not row_ids:
        return set()
    marks = ", ".join("?" for _ in row_ids)
    sql = f"SELECT row_id FROM erased_rows WHERE table_name = ? AND row_id IN ({marks})"  # noqa: S608
    return {str(row[0]) for row in store.db.execute(sql, [table, *row_ids])}


def forget_tombstoned(store: Store, keys: Iterable[tuple[str, str]]) -> None:
    """What tombstoned rows, ``(table, id)`` pairs, leave elsewhere: their conflict records,
    and an establishment's words in the search index. Runs in the caller's transaction.

    A conflict keeps the version that lost, for the advisor to review; once the row is a
    tombstone there is nothing left to review, and the copy would outlive an erasure (the
    owner's contact in ``lost_data``). Called by the erasure, and by the sync when it
    applies or adopts a tombstone (``sync.device``).
    """
    pairs = list(keys)
    store.db.conn.executemany("DELETE FROM conflicts WHERE table_name = ? AND row_id = ?", pairs)
    if any(table == "establishments" for table, _ in pairs):
        store.db.execute(OPTIMIZE_SEARCH_INDEX)  # merges away the segments holding the name


def _tombstone(store: Store, table: str, row_ids: list[str]) -> list[tuple[str, str]]:
    for row_id in row_ids:
        rows.update(store, table, row_id, BLANKS[table], deleted=True)
    return [(table, row_id) for row_id in row_ids]


def _ids(store: Store, sql: str, parameter: str) -> list[str]:
    return [str(row[0]) for row in store.db.execute(sql, [parameter]).fetchall()]


PHOTOS_SQL = """
SELECT a.value, a.photos FROM answers a JOIN audits u ON u.id = a.audit_id
WHERE u.establishment_id = ? AND a.deleted = 0
UNION ALL
SELECT signatures, '' FROM audits
WHERE establishment_id = ? AND deleted = 0 AND signatures IS NOT NULL
"""


def _photos_of(store: Store, establishment_id: str) -> list[str]:
    """Hashes of the stored photos and signatures the establishment's answers and audits name."""
    cursor = store.db.execute(PHOTOS_SQL, [establishment_id, establishment_id])
    return stored_among(store, hashes_in(text for row in cursor for text in row))


def _photo_entry(store: Store, sha256: str) -> dict[str, Any]:
    row = store.db.execute(
        "SELECT size, media_type FROM photos WHERE sha256 = ?", [sha256]
    ).fetchone()
    entry: dict[str, Any] = {"sha256": sha256, "size": row[0], "media_type": row[1]}
    try:
        entry["content_base64"] = base64.b64encode(read_photo(store, sha256)).decode("ascii")
    except StoreError as error:
        entry["problem"] = str(error)
    return entry


def _campaign_names(store: Store, establishment_id: str) -> list[str]:
    cursor = store.db.execute(
        "SELECT c.name FROM campaign_establishments m JOIN campaigns c ON c.id = m.campaign_id"
        " WHERE m.establishment_id = ? AND m.deleted = 0",
        [establishment_id],
    )
    return [str(row[0]) for row in cursor]
