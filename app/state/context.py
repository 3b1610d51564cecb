"""What every screen shares: the store, the reference data, the settings and today's date.

A ``Store`` may only be used from the thread that opened it, so stores are kept per
(database, thread): Flet runs handlers on its event loop thread, and work moved to a
worker thread (a sync) gets its own. Reference data is loaded once per process.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

from app import config
from app.state.settings import Settings, logo_path, settings_path
from audits.fieldwork.report import Identity
from audits.reference import Reference, load_reference
from audits.store import Store, open_store

_STORES: dict[tuple[Path, int], Store] = {}
_LOCK = threading.Lock()


def store_for(db_path: Path) -> Store:
    """This thread's store on ``db_path`` (opened on first use)."""
    key = (db_path, threading.get_ident())
    with _LOCK:
        store = _STORES.get(key)
        if store is None:
            store = _STORES[key] = open_store(db_path)
    return store


def close_stores() -> None:
    """Close this thread's stores and forget the others (a connection is closed only by the
    thread that opened it; a worker's is released with its thread)."""
    me = threading.get_ident()
    with _LOCK:
        for (_, thread), store in _STORES.items():
            if thread == me:
                store.close()
        _STORES.clear()


@cache
def shipped_reference(folder: Path = config.REFERENCE_DIR) -> Reference:
    return load_reference(folder)


class AppContext:
    """One advisor's session: the database, its settings, and the clock screens read."""

    def __init__(
        self,
        db_path: Path,
        reference: Reference | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.db_path = Path(db_path)
        self.reference = reference or shipped_reference()
        self.settings = Settings.load(settings_path(self.db_path))
        self._today = today

    @property
    def store(self) -> Store:
        return store_for(self.db_path)

    def today(self) -> dt.date:
        return self._today()

    def save_settings(self) -> None:
        self.settings.save(settings_path(self.db_path))

    @property
    def logo_path(self) -> Path:
        return logo_path(self.db_path)

    def identity(self) -> Identity:
        logo = self.logo_path if self.settings.logo_file and self.logo_path.is_file() else None
        return Identity(
            advisor=self.settings.advisor_name or None,
            chamber=self.settings.chamber_name or None,
            logo=logo,
        )
