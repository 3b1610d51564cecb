"""Sync screen: log in to the chamber's server, sync now, progress, last sync, conflicts.

The network work runs on a worker thread with its own store connection (a store is bound to
the thread that opened it); the screen polls ``progress`` and, when done, the session's own
connection re-reads the device's identity and clock.
"""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import dataclass

from app.state.context import AppContext, store_for
from audits.errors import DiagError
from audits.fieldwork.dashboard import (
    ConflictLine,
    open_conflicts,
    pending_changes,
    refresh_device_state,
    resolve_conflict,
)
from audits.store.migrations import SYNCED_TABLES
from sync import device
from sync.client import SyncClient
from sync.runner import Progress, SyncReport, client_for, synchronise

STAGES = {
    "photos": "Envoi des photos",
    "push": "Envoi des modifications",
    "pull": "Réception des modifications",
    "questionnaires": "Réception des questionnaires",
}


@dataclass
class SyncStatus:
    running: bool = False
    progress: Progress | None = None
    message: str = ""
    failed: bool = False


class SyncVM:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.status = SyncStatus()
        self.load()

    def load(self) -> None:
        store = self.ctx.store
        server_url, token = device.credentials(store)
        self.server_url = server_url or self.ctx.settings.server_url
        self.logged_in = bool(server_url and token)
        self.pending = pending_changes(store)
        self.conflicts: list[ConflictLine] = open_conflicts(store)

    @property
    def pending_total(self) -> int:
        return sum(self.pending.values())

    @property
    def last_sync(self) -> str:
        s = self.ctx.settings
        return f"{s.last_sync_at} — {s.last_sync_summary}" if s.last_sync_at else "jamais"

    @property
    def progress_text(self) -> str:
        p = self.status.progress
        if p is None:
            return "Connexion au serveur…"
        label = STAGES.get(p.stage, p.stage)
        return f"{label} : {p.done} / {p.total}" if p.total else f"{label} : {p.done}"

    @property
    def progress_value(self) -> float | None:
        p = self.status.progress
        return p.done / p.total if p and p.total else None

    # blocking work, run on a worker thread ----------------------------------------------
    def login_blocking(self, server_url: str, username: str, password: str) -> str:
        if not server_url.startswith(("http://", "https://")):
            raise DiagError("l'adresse du serveur commence par https:// (ou http:// en local)")
        if not username or not password:
            raise DiagError("identifiant et mot de passe sont obligatoires")
        store = store_for(self.ctx.db_path)
        client = SyncClient(server_url)
        result = client.login(username, password, store.device_id, socket.gethostname()[:120])
        device.save_login(store, server_url=server_url, token=result.token,
                          user_id=result.user.id, org_id=result.user.org_id)  # fmt: skip
        return f"Connecté : {result.user.full_name} ({result.user.org_name})"

    def sync_blocking(self) -> SyncReport:
        store = store_for(self.ctx.db_path)
        return synchronise(store, client_for(store), self._on_progress)

    def _on_progress(self, progress: Progress) -> None:
        self.status.progress = progress

    # back on the screen's thread --------------------------------------------------------
    def start(self) -> None:
        self.status = SyncStatus(running=True)

    def finished(self, report: SyncReport | None, error: Exception | None) -> None:
        refresh_device_state(self.ctx.store, SYNCED_TABLES)
        if error is not None:
            self.status = SyncStatus(message=str(error), failed=True)
        elif report is not None:
            summary = (
                f"{report.pushed} envoyée(s), {report.pulled} reçue(s), "
                f"{report.photos_sent} photo(s), {report.conflicts} conflit(s)"
            )
            settings = self.ctx.settings
            settings.last_sync_at = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
            settings.last_sync_summary = summary
            self.ctx.save_settings()
            self.status = SyncStatus(message=f"Synchronisation terminée : {summary}")
        self.load()

    def logged(self, message: str | None, error: Exception | None) -> None:
        refresh_device_state(self.ctx.store, SYNCED_TABLES)
        if error is None and message:
            self.ctx.settings.server_url = device.credentials(self.ctx.store)[0] or ""
            self.ctx.save_settings()
        self.status = SyncStatus(
            message=str(error) if error else message or "", failed=error is not None
        )
        self.load()

    def resolve(self, conflict_id: int) -> None:
        resolve_conflict(self.ctx.store, conflict_id)
        self.load()
