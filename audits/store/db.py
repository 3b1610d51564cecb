"""Opening the device database: pragmas, migrations, and the context every write needs.

WAL lets the UI read while a write commits; ``synchronous=NORMAL`` in WAL mode loses no
committed transaction when the app is killed (only an OS crash or power cut may drop the
last ones), which is the trade-off an offline tablet needs for sub-millisecond saves.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from audits.errors import Message
from audits.questionnaire import Questionnaire
from audits.store.errors import StoreError
from audits.store.hlc import HybridClock, TimeSource, wall_clock_ms
from audits.store.migrations import SYNCED_TABLES, migrate
from audits.store.photos import delete_queued_photos

BUSY_TIMEOUT_MS = 5000


@dataclass
class Store:
    """An open device database with the clock, device, organisation and user of its writes."""

    db: Database
    path: Path
    clock: HybridClock
    device_id: str
    org_id: str
    user_id: str
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)

    @property
    def photos_dir(self) -> Path:
        """Photos live in a folder beside the database, named after it."""
        return self.path.parent / f"{self.path.stem}.photos"

    def timestamp(self) -> str:
        """Now, from the clock's time source (so tests control it), as ISO 8601 UTC."""
        moment = datetime.fromtimestamp(self.clock.now() / 1000, tz=UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def connect(path: Path) -> Database:
    """A connection with the store's pragmas, the schema brought up to date."""
    try:
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(Message.STORE_UNREADABLE.format(path=path, problem=exc)) from None
    return db


def open_store(path: Path | str, now: TimeSource = wall_clock_ms) -> Store:
    """Open (creating it if needed) the database at ``path``; ``now`` feeds the clock.

    Then delete the pictures an erasure queued and a crash kept from going (``photos``):
    every start of the app opens the store, whereas a sync needs a network and a login a
    device may not get for weeks (or ever, for one never enrolled).
    """
    store = _opened(Path(path), now)
    try:
        delete_queued_photos(store)
    except BaseException:
        store.close()
        raise
    return store


def _opened(path: Path, now: TimeSource) -> Store:
    """The connection, with the device's identity and a clock past every rev on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    state = db.execute("SELECT device_id, org_id, user_id FROM sync_state WHERE id = 1").fetchone()
    device_id, org_id, user_id = state
    clock = HybridClock(node_id=device_id, now=now)
    for rev in _latest_revs(db):
        clock.observe(rev)
    return Store(db=db, path=path, clock=clock, device_id=device_id, org_id=org_id, user_id=user_id)


def open_existing_store(path: Path | str, now: TimeSource = wall_clock_ms) -> Store:
    """Like ``open_store``, but a missing file is the user's mistake, not a new database."""
    if not Path(path).is_file():
        raise StoreError(Message.STORE_NOT_FOUND.format(path=path))
    return open_store(path, now)


def _latest_revs(db: Database) -> list[str]:
    """The highest rev of each synced table, so the clock never goes below one already used."""
    revs = []
    for table in SYNCED_TABLES:
        row = db.execute(f"SELECT max(rev) FROM {table}").fetchone()  # noqa: S608 (fixed names)
        if row[0] is not None:
            revs.append(row[0])
    return revs
