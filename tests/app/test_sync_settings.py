"""Sync screen (login, sync now with progress, conflicts) and settings (identity, logo, export)."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from app.state.context import AppContext, store_for
from app.state.settings import Settings, settings_path
from app.state.settings_vm import SettingsVM
from app.state.sync import SyncVM
from app.views.device import PickedFile
from sync.errors import OfflineError
from sync.runner import Progress, SyncReport
from tests.app.conftest import png, start_app


async def open_tab(h, index):
    rail = next(c for c in h.walk() if type(c).__name__ == "NavigationRail")
    h.type_into(rail, index, "selected_index")
    await h.fire(rail, "change")


@pytest.fixture
def fake_server(monkeypatch):
    """The network half of the sync screen, replaced: login and sync succeed slowly."""
    calls = []

    def login(self, url, user, password):
        calls.append(("login", url, user))
        store = store_for(self.ctx.db_path)  # on the worker thread: its own connection
        store.db.execute("UPDATE sync_state SET server_url = ?, token = 't', user_id = 'u1'", [url])
        return "Connecté : Claire Dumas (CCI de Vaucluse)"

    def synchronise(self):
        for done in range(3):
            self._on_progress(Progress("push", done, 3))
            time.sleep(0.3)
        calls.append(("sync", self.status.running, self.progress_text))
        return SyncReport(pushed=3, pulled=2, photos_sent=1)

    monkeypatch.setattr(SyncVM, "login_blocking", login)
    monkeypatch.setattr(SyncVM, "sync_blocking", synchronise)
    return calls


@pytest.mark.asyncio
async def test_login_then_sync_now_with_progress(demo_db, device, fake_server):
    h = await start_app(demo_db, device)
    await open_tab(h, 2)
    assert h.find("sync-now").disabled
    await h.enter("server-url", "https://diag.cci84.fr")
    await h.enter("username", "claire")
    await h.enter("password", "secret")
    await h.click("login")
    assert fake_server[0] == ("login", "https://diag.cci84.fr", "claire")
    assert h.has_text("Appareil connecté")
    assert not h.find("sync-now").disabled
    await h.click("sync-now")
    assert fake_server[-1] == ("sync", True, "Envoi des modifications : 2 / 3")
    assert h.find("sync-message").value.startswith("Synchronisation terminée : 3 envoyée(s)")
    assert h.has_text("Dernière synchronisation : ")


@pytest.mark.asyncio
async def test_a_failed_sync_says_why(demo_db, device, monkeypatch):
    def offline(self):
        raise OfflineError("serveur injoignable : réessayez une fois connecté")

    monkeypatch.setattr(SyncVM, "sync_blocking", offline)
    h = await start_app(demo_db, device)
    ctx = AppContext(demo_db)
    ctx.store.db.execute("UPDATE sync_state SET server_url = 'https://x', token = 't'")
    await open_tab(h, 2)
    await h.click("sync-now")
    assert h.find("sync-message").value == "serveur injoignable : réessayez une fois connecté"


def test_sync_vm_conflicts_and_refused_login(ctx):
    vm = SyncVM(ctx)
    assert not vm.logged_in and vm.pending_total > 0 and vm.last_sync == "jamais"
    with pytest.raises(Exception, match="https://"):
        vm.login_blocking("diag.cci84.fr", "claire", "x")
    ctx.store.db.execute(
        "INSERT INTO conflicts (table_name, row_id, kept_rev, lost_rev, lost_data, detected_at)"
        " VALUES ('establishments', 'e1', 'b', 'a', ?, '2026-11-23T10:00:00Z')",
        [json.dumps({"name": "Fleurs de Provence"})],
    )
    vm.load()
    assert vm.conflicts[0].what == "établissements : Fleurs de Provence"
    vm.resolve(vm.conflicts[0].id)
    assert vm.conflicts == []
    vm.status.progress = Progress("pull", 5, None)
    assert vm.progress_text == "Réception des modifications : 5"
    vm.finished(SyncReport(pushed=1), None)
    assert ctx.settings.last_sync_at and "1 envoyée(s)" in vm.last_sync


@pytest.mark.asyncio
async def test_settings_identity_logo_and_export(demo_db, device):
    h = await start_app(demo_db, device)
    await open_tab(h, 3)
    await h.enter("setting-server_url", "diag.cci84.fr")
    await h.click("save-settings")
    assert h.find("setting-server_url").error.startswith("L'adresse commence par https://")
    await h.enter("setting-server_url", "https://diag.cci84.fr")
    await h.enter("setting-advisor_name", "Claire Dumas")
    await h.click("save-settings")
    saved = Settings.load(settings_path(demo_db))
    assert saved.advisor_name == "Claire Dumas" and saved.server_url == "https://diag.cci84.fr"
    await h.click("export")
    name, content, mime = device.delivered[-1]
    assert name.startswith("diagterrain-export-") and mime == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(content)).namelist()) == 11


def test_settings_logo(ctx):
    vm = SettingsVM(ctx)
    assert vm.set_logo("logo.txt", b"not an image") is False
    assert vm.set_logo("cci.png", png(5))
    assert vm.logo == png(5) and ctx.identity().logo == ctx.logo_path
    vm.remove_logo()
    assert vm.logo is None and ctx.identity().logo is None
    assert dict(vm.about())["Établissements"] == "10"


def test_picked_file_is_plain_data():
    assert PickedFile("a.png", b"x").name == "a.png"
