"""Photos and signatures, content-addressed by SHA-256 in a folder beside the database.

The hash is the name: the same picture attached twice is stored once, sync only sends the
hashes the server lacks, and every read is checked against its name, so a file damaged on
the tablet's storage is reported instead of ending up in a report.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from audits.errors import Message
from audits.store.db import Store
from audits.store.errors import PhotoCorruptedError, StoreError


def photo_path(store: Store, sha256: str) -> Path:
    """Two-level layout (``ab/abcdef…``) so no folder holds thousands of files."""
    return store.photos_dir / sha256[:2] / sha256


def add_photo(store: Store, content: bytes, media_type: str = "image/jpeg") -> str:
    """Store a photo once and return its SHA-256 (the same bytes again: nothing written)."""
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


def delete_photo(store: Store, sha256: str) -> None:
    """Remove a photo's row and file (erasure on request; callers check it is unused)."""
    with store.db.atomic():
        store.db.execute("DELETE FROM photos WHERE sha256 = ?", [sha256])
    photo_path(store, sha256).unlink(missing_ok=True)


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
