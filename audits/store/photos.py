"""Photos and signatures, content-addressed by SHA-256 in a folder beside the database.

The hash is the name: the same picture attached twice is stored once, sync only sends the
hashes the server lacks, and every read is checked against its name, so a file damaged on
the tablet's storage is reported instead of ending up in a report.

The files an erasure's rows named are queued for deletion (``photo_deletions``, migration 6)
in the erasure's transaction and deleted after it commits, or at the next open after a crash.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from audits.errors import Message
from audits.store.errors import PhotoCorruptedError, StoreError

if TYPE_CHECKING:  # ``db`` imports this module: the queue is worked through at open
    from audits.store.db import Store

SHA256_RE = re.compile(r"\b[0-9a-f]{64}\b")
# The columns in which rows name stored pictures: an answer's photo list and its value (a
# photo or signature question), an audit's signatures (JSON).
NAMING_COLUMNS = {"answers": ("value", "photos"), "audits": ("signatures",)}
STILL_USED_SQL = """
SELECT 1 FROM answers WHERE deleted = 0 AND (photos LIKE :p OR value LIKE :p)
UNION ALL SELECT 1 FROM audits WHERE deleted = 0 AND signatures LIKE :p LIMIT 1
"""


def photo_path(store: Store, sha256: str) -> Path:
    """Two-level layout (``ab/abcdef…``) so no folder holds thousands of files."""
    return store.photos_dir / sha256[:2] / sha256


def add_photo(store: Store, content: bytes, media_type: str = "image/jpeg") -> str:
    """Store a photo once and return its SHA-256 (the same bytes again: nothing written).

    A picture stored again is wanted again: it leaves the deletion queue, so a pass over
    the queue (another thread's open) cannot take it before the answer naming it is saved.
    """
    if not content:
        raise StoreError(Message.PHOTO_EMPTY.value)
    sha256 = hashlib.sha256(content).hexdigest()
    path = photo_path(store, sha256)
    if not _intact(path, sha256):
        _write_atomically(path, content)
    with store.db.atomic():
        store.db.execute(
            "INSERT OR IGNORE INTO photos (sha256, size, media_type, stored_at)"
            " VALUES (?, ?, ?, ?)",
            [sha256, len(content), media_type, store.timestamp()],
        )
        store.db.execute("DELETE FROM photo_deletions WHERE sha256 = ?", [sha256])
    return sha256


def read_photo(store: Store, sha256: str) -> bytes:
    """The photo's bytes, verified against their hash."""
    path = photo_path(store, sha256)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        folder = store.photos_dir
        raise StoreError(Message.PHOTO_MISSING.format(sha256=sha256, folder=folder)) from None
    if hashlib.sha256(content).hexdigest() != sha256:
        raise PhotoCorruptedError(sha256)
    return content


def has_photo(store: Store, sha256: str) -> bool:
    row = store.db.execute("SELECT 1 FROM photos WHERE sha256 = ?", [sha256]).fetchone()
    return row is not None


def damaged_photos(store: Store) -> list[str]:
    """Hashes whose file is missing or no longer matches (a full check, for maintenance)."""
    hashes = [str(row[0]) for row in store.db.execute("SELECT sha256 FROM photos")]
    return [sha256 for sha256 in hashes if not _intact(photo_path(store, sha256), sha256)]


def hashes_in(texts: Iterable[str | None]) -> list[str]:
    """The SHA-256 hashes written in these column values, once each: photo lists, answer
    values and signatures are JSON of different shapes, a hash is recognisable in all."""
    found: dict[str, None] = {}
    for text in texts:
        found.update(dict.fromkeys(SHA256_RE.findall(text or "")))
    return list(found)


def stored_among(store: Store, hashes: Iterable[str]) -> list[str]:
    """Those of the hashes this device holds a photo of (answer photos are not pulled)."""
    return [sha256 for sha256 in hashes if has_photo(store, sha256)]


def photos_named_by(store: Store, keys: Iterable[tuple[str, str]]) -> list[str]:
    """Stored pictures that these rows, ``(table, id)`` pairs, name in this device's copy.

    Read before an erasure's tombstone overwrites them: the tombstone carries blanked data,
    so afterwards nothing says which files were the erased shop's.
    """
    by_table: dict[str, list[str]] = {}
    for table, row_id in keys:
        if table in NAMING_COLUMNS:
            by_table.setdefault(table, []).append(row_id)
    texts: list[str | None] = []
    for table, ids in by_table.items():
        columns, marks = ", ".join(NAMING_COLUMNS[table]), ", ".join("?" for _ in ids)
        sql = f"SELECT {columns} FROM {table} WHERE id IN ({marks})"  # noqa: S608 (fixed names)
        texts += [text for row in store.db.execute(sql, ids) for text in row]
    return stored_among(store, hashes_in(texts))


def queue_photo_deletions(store: Store, hashes: Iterable[str]) -> None:
    """Record that these pictures are due for deletion once no live row names them.

    Runs in the caller's transaction, the one tombstoning the rows that named them: the
    queue commits with the tombstones, so a crash before the files are deleted delays the
    deletion to the next open instead of leaving them forever.
    """
    queued_at = store.timestamp()
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO photo_deletions (sha256, queued_at) VALUES (?, ?)",
        [(sha256, queued_at) for sha256 in dict.fromkeys(hashes)],
    )


def delete_unused_photos(store: Store, hashes: Iterable[str]) -> int:
    """Delete the photos among ``hashes`` that no live answer or audit names, withdraw all
    of them from the deletion queue, and return how many were deleted.

    Files are deduplicated: another establishment's answer or signed audit may name the same
    picture (the advisor's signature drawn alike, the same photo of a street); such a file is
    kept and its hash simply leaves the queue. Call it once the tombstones are committed: a
    crash in between leaves an unused file, never a row naming a file that is gone. Files go
    before the queue entries, so a crash among them leaves the rest queued.
    """
    candidates = list(dict.fromkeys(hashes))
    unused = [sha256 for sha256 in candidates if not _still_used(store, sha256)]
    for sha256 in unused:
        photo_path(store, sha256).unlink(missing_ok=True)
    with store.db.atomic():
        store.db.conn.executemany("DELETE FROM photos WHERE sha256 = ?", [(h,) for h in unused])
        store.db.conn.executemany(
            "DELETE FROM photo_deletions WHERE sha256 = ?", [(h,) for h in candidates]
        )
    return len(unused)


def delete_queued_photos(store: Store) -> int:
    """Work through the whole deletion queue; return how many files were deleted.

    Run at every open, and by the sync after each page or push answer it commits: what a
    crash left queued goes then, and a hash a live row names again is kept and dequeued.
    """
    queued = [str(row[0]) for row in store.db.execute("SELECT sha256 FROM photo_deletions")]
    return delete_unused_photos(store, queued) if queued else 0


def _still_used(store: Store, sha256: str) -> bool:
    return store.db.execute(STILL_USED_SQL, {"p": f"%{sha256}%"}).fetchone() is not None


def _intact(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except FileNotFoundError:
        return False


def _write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file, flush it to disk, then rename: never a half-written photo."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
