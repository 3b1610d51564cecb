"""The device database's side of a sync: outbox -> changes, results and pages -> rows.

Rules kept here, whatever the server says:

* an unpushed local edit (a row still in the outbox) is never overwritten by a pull;
* a pushed change is removed from the outbox only if its rev is still the one pushed (the
  advisor may have edited the row during the sync), and then its ``base_rev`` follows the
  server so the next push is not taken for a concurrent edit;
* every conflict the server reports is filed in the ``conflicts`` table for the advisor,
  except on a row now deleted: a tombstone, pushed, adopted or pulled, deletes its row's
  conflict records (nothing left to review; a copy would outlive an erasure);
* the last applied seq is saved in the same transaction as the rows it covers, so an
  interrupted pull resumes exactly where it stopped;
* an erasure (GDPR) is final: its tombstones are pushed as such (``Change.erased``), a pulled
  one or one the server answers with (``ERASED``) is recorded too (``erased_rows``) and
  overrides even an unpushed local edit, and no pulled version revives an erased row;
* the photo and signature files an erased row named go with it, unless a live row still
  names them: queued for deletion in the rows' transaction, deleted once it commits (a
  crash leaves an unused file, never a row naming a missing one, and the next open of the
  store deletes it).

Foreign keys are switched off while a page is applied: rows arrive in server order, which
may bring an audit before the establishment it refers to (that comes a page later).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from audits.store import Store
from audits.store.migrations import SYNCED_TABLES
from audits.store.personal_data import (
    erase_refused,
    erased_ids,
    forget_tombstoned,
    leaving_no_trace,
    mark_erased,
)
from audits.store.photos import delete_queued_photos, photos_named_by, queue_photo_deletions
from sync.protocol import Change, ChangesPage, Conflict, PushResult, ServerChange

SYNC_COLUMNS = ("id", "org_id", "rev", "base_rev", "deleted", "updated_by")
Key = tuple[str, str]


def credentials(store: Store) -> tuple[str | None, str | None]:
    row = store.db.execute("SELECT server_url, token FROM sync_state WHERE id = 1").fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_login(store: Store, *, server_url: str, token: str, user_id: str, org_id: str) -> None:
    """After a login, the device's writes are signed by the server's user and organisation."""
    with store.db.atomic():
        store.db.execute(
            "UPDATE sync_state SET server_url = ?, token = ?, user_id = ?, org_id = ? WHERE id = 1",
            [server_url, token, user_id, org_id],
        )
    store.user_id, store.org_id = user_id, org_id


def last_seq(store: Store) -> int:
    return int(store.db.execute("SELECT last_seq FROM sync_state WHERE id = 1").fetchone()[0])


def outbox_size(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM outbox").fetchone()[0])


@dataclass(frozen=True)
class Outgoing:
    """A batch read from the outbox; ``last_entry`` is where the next batch starts reading."""

    changes: list[Change]
    last_entry: int


def pending_changes(store: Store, limit: int, after: int = 0) -> Outgoing:
    """The oldest ``limit`` outbox entries after entry ``after``, with the rows' content.

    ``after`` lets the next batch be read while this one is still on its way to the server.
    """
    entries = store.db.execute(
        "SELECT seq, table_name, row_id FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
        [after, limit],
    ).fetchall()
    by_table: dict[str, list[str]] = {}
    for _, table, row_id in entries:
        by_table.setdefault(table, []).append(row_id)
    rows = {(t, r["id"]): r for t, ids in by_table.items() for r in _rows(store, t, ids)}
    erased = {(t, i) for t, ids in by_table.items() for i in erased_ids(store, t, ids)}
    changes = []
    for _, table, row_id in entries:
        row = rows.get((table, row_id))
        if row is None:
            store.db.execute(
                "DELETE FROM outbox WHERE table_name = ? AND row_id = ?", [table, row_id]
            )
            continue
        changes.append(_change(table, row, erased=(table, row_id) in erased))
    return Outgoing(changes, entries[-1][0] if entries else after)


def _rows(store: Store, table: str, ids: list[str]) -> list[dict[str, Any]]:
    marks = ", ".join("?" for _ in ids)
    cursor = store.db.execute(f"SELECT * FROM {table} WHERE id IN ({marks})", ids)  # noqa: S608
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _row(store: Store, table: str, row_id: str) -> dict[str, Any] | None:
    found = _rows(store, table, [row_id])
    return found[0] if found else None


def _change(table: str, row: dict[str, Any], *, erased: bool) -> Change:
    """Built without validation: the row comes from this device's own database."""
    data = {k: v for k, v in row.items() if k not in SYNC_COLUMNS}
    return Change.model_construct(
        table=table,
        id=row["id"],
        rev=row["rev"],
        base_rev=row["base_rev"],
        deleted=bool(row["deleted"]),
        erased=erased and bool(row["deleted"]),
        data=data,
    )


def settle_push(store: Store, pushed: list[Change], result: PushResult) -> None:
    """Record what the server did with a batch: outbox entries, adopted versions, conflicts."""
    conflicts = {(c.table, c.id): c for c in result.conflicts}
    erasing = any(c.kept_deleted or c.reason == "ERASED" for c in result.conflicts)
    with _scrubbed(store, erasing):
        with store.db.atomic():
            for change in pushed:
                conflict = conflicts.get((change.table, change.id))
                if conflict is not None:
                    _settle_conflict(store, conflict, change.rev)
            _unqueue(store, pushed, conflicts)
            _skip_own_rows(store, result)
        delete_queued_photos(store)  # once committed: see ``apply_page``


def _settle_conflict(store: Store, conflict: Conflict, pushed_rev: str) -> None:
    """File the version that lost, and adopt the kept one if this device's lost.

    A conflict whose kept version is a tombstone is not filed, and the row's earlier ones
    are deleted: a deleted row has nothing left to review, and a copy would outlive an
    erasure of personal data (the server keeps a trail without data). Nor is a change
    refused as erased (``ERASED``): it holds the erased data; an erasure's tombstone kept
    is recorded as final here too.
    """
    if conflict.reason == "ERASED":
        _settle_erased(store, conflict, pushed_rev)
        return
    if conflict.kept_deleted:
        forget_tombstoned(store, [(conflict.table, conflict.id)])
    else:
        _file_conflict(store, conflict)
    if conflict.lost_rev == pushed_rev and conflict.kept_rev:
        _adopt(store, conflict, pushed_rev)


def _settle_erased(store: Store, conflict: Conflict, pushed_rev: str) -> None:
    """The change met an erasure: adopt its tombstone; a row the server holds no tombstone
    of (new here, under an erased audit or establishment) is erased here, not kept. Either
    way the pictures the row named are queued for deletion, read before the blanks land."""
    key = (conflict.table, conflict.id)
    forget_tombstoned(store, [key])
    if conflict.kept_deleted and conflict.kept_rev:
        queue_photo_deletions(store, photos_named_by(store, [key]))
        _adopt(store, conflict, pushed_rev)
        mark_erased(store, [key])
    else:
        erase_refused(store, conflict.table, conflict.id)


def _skip_own_rows(store: Store, result: PushResult) -> None:
    """Move the pull position past the batch's rows when nothing else lies before them.

    The rows the server wrote for this batch are this device's own versions; pulling them
    back would only download what the device holds (``PushResult.previous_seq``).
    """
    if result.previous_seq is not None and result.previous_seq <= last_seq(store):
        store.db.execute(
            "UPDATE sync_state SET last_seq = max(last_seq, ?) WHERE id = 1", [result.server_seq]
        )


def _unqueue(store: Store, pushed: list[Change], conflicts: dict[Key, Conflict]) -> None:
    """Drop the entries still at the pushed rev, in one statement; look closer only if some
    row was edited during the sync: its next push builds on the server's rev."""
    keys = [(change.table, change.id, change.rev) for change in pushed]
    removed = store.db.conn.executemany(
        "DELETE FROM outbox WHERE table_name = ? AND row_id = ? AND rev = ?", keys
    ).rowcount
    if removed == len(keys):
        return
    for change in pushed:
        if _queued(store, change.table, change.id):
            conflict = conflicts.get((change.table, change.id))
            server_rev = (conflict.kept_rev if conflict else None) or change.rev
            store.db.execute(
                f"UPDATE {change.table} SET base_rev = ? WHERE id = ?",  # noqa: S608 (checked)
                [server_rev, change.id],
            )


def _queued(store: Store, table: str, row_id: str) -> bool:
    sql = "SELECT 1 FROM outbox WHERE table_name = ? AND row_id = ?"
    return store.db.execute(sql, [table, row_id]).fetchone() is not None


def _adopt(store: Store, conflict: Conflict, pushed_rev: str) -> None:
    """The server kept another version: take it, unless the row was edited meanwhile."""
    assert conflict.kept_rev is not None
    current = _row(store, conflict.table, conflict.id)
    if current is not None and current["rev"] != pushed_rev:
        return
    kept = ServerChange(
        seq=0,
        table=conflict.table,
        id=conflict.id,
        org_id=store.org_id,
        rev=conflict.kept_rev,
        deleted=conflict.kept_deleted,
        updated_by="",
        data=conflict.kept_data,
    )
    _upsert(store, kept, _columns(store, conflict.table))


def _file_conflict(store: Store, conflict: Conflict) -> None:
    lost = {"deleted": conflict.lost_deleted, "reason": conflict.reason, **conflict.lost_data}
    store.db.execute(
        "INSERT INTO conflicts (table_name, row_id, kept_rev, lost_rev, lost_data, detected_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            conflict.table,
            conflict.id,
            conflict.kept_rev or "",
            conflict.lost_rev,
            json.dumps(lost, ensure_ascii=False),
            store.timestamp(),
        ],
    )


def apply_page(store: Store, page: ChangesPage) -> int:
    """Apply a pulled page and move ``last_seq`` past it, atomically; return rows written.

    Then delete the photo and signature files the page's erased rows named and no live row
    still names, as the erasure did on its device. Only after the commit: a crash in
    between leaves an unused file, never a row naming a file that is gone, and the file
    stays queued for the next open of the store.
    """
    erasing = any(change.deleted for change in page.changes)
    with _scrubbed(store, erasing):
        written = _apply_rows(store, page)
        delete_queued_photos(store)
    return written


def _apply_rows(store: Store, page: ChangesPage) -> int:
    """The page's transaction; returns the rows written. The stored pictures the erased
    rows named are queued for deletion, read from this device's copy before the blanked
    tombstones land."""
    columns = {table: _columns(store, table) for table in SYNCED_TABLES}
    with _foreign_keys_off(store), store.db.atomic():
        skip = _unchanged_or_pending(store, page)
        fresh = [c for c in page.changes if c.table in columns and (c.table, c.id) not in skip]
        erasures = [(c.table, c.id) for c in fresh if c.erased and c.deleted]
        queue_photo_deletions(store, photos_named_by(store, erasures))
        written = _apply_all(store, fresh, columns)
        forget_tombstoned(store, [(c.table, c.id) for c in fresh if c.deleted])
        _record_erasures(store, erasures)
        if page.changes:  # revs sort by time then counter: the latest is enough
            store.clock.observe(max(change.rev for change in page.changes))
        store.db.execute("UPDATE sync_state SET last_seq = ? WHERE id = 1", [page.next])
    return written


def _unchanged_or_pending(store: Store, page: ChangesPage) -> set[Key]:
    """Rows of the page to leave alone: revs already held, unpushed local edits (unless
    the pulled version is an erasure: final, it overrides them), and rows erased here
    (unless by an erasure again: nothing a later version holds may come back)."""
    by_table: dict[str, dict[str, ServerChange]] = {}
    for change in page.changes:
        by_table.setdefault(change.table, {})[change.id] = change
    skip: set[Key] = set()
    for table, pulled in by_table.items():
        if table not in SYNCED_TABLES:
            continue
        ids = list(pulled)
        final = {row_id for row_id, change in pulled.items() if change.erased and change.deleted}
        skip.update((table, i) for i in _pending(store, table, ids) if i not in final)
        skip.update((table, i) for i in erased_ids(store, table, ids) if i not in final)
        held = _revs(store, table, ids)
        skip.update((table, i) for i, rev in held.items() if rev == pulled[i].rev)
    return skip


def _record_erasures(store: Store, keys: list[Key]) -> None:
    """Pulled erasures: final here too, and an unpushed local edit of theirs is dropped (the
    server would refuse it; the erasure wins)."""
    mark_erased(store, keys)
    store.db.conn.executemany("DELETE FROM outbox WHERE table_name = ? AND row_id = ?", keys)


def _pending(store: Store, table: str, ids: list[str]) -> list[str]:
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT row_id FROM outbox WHERE table_name = ? AND row_id IN ({marks})"  # noqa: S608
    return [row[0] for row in store.db.execute(sql, [table, *ids])]


def _revs(store: Store, table: str, ids: list[str]) -> dict[str, str]:
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT id, rev FROM {table} WHERE id IN ({marks})"  # noqa: S608 (known table)
    return dict(store.db.execute(sql, ids).fetchall())


def _apply_all(store: Store, changes: list[ServerChange], columns: dict[str, list[str]]) -> int:
    """Upsert the rows of one table with the same columns by one ``executemany`` each."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[ServerChange, list[Any]]]] = {}
    for change in changes:
        values = _values(change, columns[change.table])
        key = (change.table, tuple(values))
        groups.setdefault(key, []).append((change, list(values.values())))
    written = 0
    for (table, names), items in groups.items():
        written += _apply_group(store, table, names, items)
    return written


def _apply_group(
    store: Store, table: str, names: tuple[str, ...], items: list[tuple[ServerChange, list[Any]]]
) -> int:
    sql = _upsert_sql(table, names)
    try:
        store.db.conn.executemany(sql, [values for _, values in items])
    except sqlite3.IntegrityError:
        # A row of the group holds a natural key another row has (two devices created the
        # same answer under different ids, before ids were named after the key): row by row.
        return sum(_apply_one(store, sql, change, values) for change, values in items)
    return len(items)


def _apply_one(store: Store, sql: str, change: ServerChange, values: list[Any]) -> int:
    try:
        store.db.execute(sql, values)
    except sqlite3.IntegrityError:
        # Keep the local row, file the server's as a conflict for the advisor.
        local = store.db.execute(
            f"SELECT rev FROM {change.table} WHERE id = ?",  # noqa: S608 (known table)
            [change.id],
        ).fetchone()
        _file_conflict(store, _pulled_conflict(change, local[0] if local else None))
        return 0
    return 1


def _pulled_conflict(change: ServerChange, local_rev: str | None) -> Conflict:
    return Conflict(
        table=change.table,
        id=change.id,
        kept_rev=local_rev,
        lost_rev=change.rev,
        lost_deleted=change.deleted,
        lost_data=change.data,
    )


def _upsert(store: Store, change: ServerChange, columns: list[str]) -> None:
    values = _values(change, columns)
    store.db.execute(_upsert_sql(change.table, tuple(values)), list(values.values()))


def _values(change: ServerChange, columns: list[str]) -> dict[str, Any]:
    """The row's columns as this device's table has them (unknown fields left out)."""
    values = {k: _sqlite_value(v) for k, v in change.data.items() if k in columns}
    values.update(
        id=change.id,
        org_id=change.org_id,
        rev=change.rev,
        base_rev=change.rev,
        deleted=int(change.deleted),
        updated_by=change.updated_by,
    )
    return values


def _upsert_sql(table: str, names: tuple[str, ...]) -> str:
    marks = ", ".join("?" for _ in names)
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name != "id")
    return (
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"  # noqa: S608 (known names)
        f" ON CONFLICT (id) DO UPDATE SET {updates}"
    )


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _columns(store: Store, table: str) -> list[str]:
    return [row[1] for row in store.db.execute(f"PRAGMA table_info({table})").fetchall()]


def _scrubbed(store: Store, erasing: bool) -> AbstractContextManager[None]:
    """Tombstones may be an erasure made on another device: the overwritten content must
    not linger in free pages or the WAL here either (as on the erasing device)."""
    return leaving_no_trace(store) if erasing else nullcontext()


@contextmanager
def _foreign_keys_off(store: Store) -> Iterator[None]:
    store.db.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        store.db.execute("PRAGMA foreign_keys = ON")
