"""Attachment files no live row names any more: what a GDPR erasure leaves on the server.

A device that erases an establishment blanks and tombstones its rows and deletes its own
copies of the photos and signatures, but the server's copies stay until an administrator runs
``diagterrain server purge-attachments``. A file is kept while any live (non-deleted) synced
row names its hash, or the lost version of a conflict on a live row (conflicts are kept for
review, never dropped). A conflict on a tombstoned row holds no data any more (its tombstone
took it out, ``sync.server.erasure``), so an erased photo is never kept alive by one. Files
uploaded less than ``grace`` ago are kept too: a device sends its photos before the rows that
name them, and a purge must not race a sync in progress.

Records go first, in the caller's transaction, files only after the commit: a crash between
the two leaves a file without a record, which the next purge finds on disk, never a record
without its file (the server would tell devices it holds a photo it lost).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.server.attachments import SHA256_RE, hashes_in, path_of
from sync.server.crud import as_utc
from sync.server.models import Attachment, AttachmentOwner, ConflictRecord, SyncRow

BATCH = 1000
"""Rows read at a time: a server may hold millions, their data is streamed, never all loaded."""


@dataclass(frozen=True)
class Orphan:
    """A file to delete: ``size`` is its bytes on disk, 0 when only its record was left."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Purge:
    """What a purge removes, and the unreferenced files it keeps for now (too recent)."""

    orphans: list[Orphan]
    recent: int

    @property
    def size(self) -> int:
        return sum(orphan.size for orphan in self.orphans)


def referenced(session: Session) -> set[str]:
    """Every hash a live row names (answers' photos and values, audits' signatures, any
    table), or the lost version of a conflict whose row is still live (the only ones that
    still hold one: a tombstone empties its row's conflicts)."""
    hashes: set[str] = set()
    live = select(SyncRow.data).where(SyncRow.deleted.is_(False))
    for data in session.scalars(live.execution_options(yield_per=BATCH)):
        hashes |= hashes_in(data)
    lost = select(ConflictRecord.lost_data).join(
        SyncRow,
        (SyncRow.table_name == ConflictRecord.table_name)
        & (SyncRow.row_id == ConflictRecord.row_id),
    )
    lost = lost.where(SyncRow.deleted.is_(False), ConflictRecord.lost_data.is_not(None))
    for data in session.scalars(lost.execution_options(yield_per=BATCH)):
        hashes |= hashes_in(data)
    return hashes


def stored(session: Session, root: Path) -> dict[str, datetime]:
    """Every attachment the server holds, recorded or only on disk, with when it arrived."""
    found = {path.name: _modified(path) for path in files_on_disk(root)}
    for sha256, created_at in session.execute(select(Attachment.sha256, Attachment.created_at)):
        found[sha256] = as_utc(created_at)
    return found


def files_on_disk(root: Path) -> Iterator[Path]:
    """``attachments/ab/abcdef…`` files; the ``tmp`` folder of uploads in progress is not one."""
    if not root.is_dir():
        return
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and len(folder.name) == 2 and folder.name != "tmp":
            for path in sorted(folder.iterdir()):
                if SHA256_RE.match(path.name) and path.name[:2] == folder.name:
                    yield path


def find_orphans(session: Session, root: Path, *, grace: timedelta, now: datetime) -> Purge:
    keep = referenced(session)
    unreferenced = {h: at for h, at in stored(session, root).items() if h not in keep}
    old = sorted(h for h, at in unreferenced.items() if at <= now - grace)
    orphans = [Orphan(h, _size(path_of(root, h))) for h in old]
    return Purge(orphans, recent=len(unreferenced) - len(old))


def forget(session: Session, purge: Purge) -> None:
    """Delete the orphans' records: a device asking for them is told to send them again."""
    hashes = [orphan.sha256 for orphan in purge.orphans]
    for start in range(0, len(hashes), BATCH):
        chunk = hashes[start : start + BATCH]
        session.execute(delete(AttachmentOwner).where(AttachmentOwner.sha256.in_(chunk)))
        session.execute(delete(Attachment).where(Attachment.sha256.in_(chunk)))


def remove_files(root: Path, purge: Purge) -> None:
    """Delete the orphans' files, once their records are gone (committed)."""
    for orphan in purge.orphans:
        path_of(root, orphan.sha256).unlink(missing_ok=True)


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
