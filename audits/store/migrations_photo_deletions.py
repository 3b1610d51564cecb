"""Migration 6: the photo and signature files an erasure left to delete.

An erasure deletes the files its rows named only once the tombstones are committed (never a
row naming a missing file), so a crash in between left them on disk with nothing saying
they were due to go; and a sweep of every file no live row names is not safe (signatures of
audits signed before migration 4 are named only in the app's settings file, a photo is
stored just before the answer naming it is saved). The erasure therefore queues the
candidate hashes in its own transaction, and the queue is worked through after the commit
and again at every open (``photos.delete_queued_photos``). Registered by importing this
module from ``migrations.py``.
"""

from __future__ import annotations

from sqlite_utils import Database

from audits.store.migrations import MIGRATIONS


@MIGRATIONS()
def m006_photo_deletions(db: Database) -> None:
    """The pictures an erasure (here, pulled, or answered by the server) left to delete."""
    db.execute(
        "CREATE TABLE photo_deletions (sha256 TEXT PRIMARY KEY, queued_at TEXT NOT NULL)"
        " WITHOUT ROWID"
    )
