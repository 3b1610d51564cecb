"""The sync screen against a real central server (uvicorn in a subprocess, SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.state.sync import SyncVM
from tests.app.conftest import start_app
from tests.sync.servers import PASSWORD, Server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder: Path = tmp_path_factory.mktemp("app-sync-server")
    running = Server(f"sqlite:///{folder / 'server.db'}", folder / "data").start()
    yield running
    running.stop()


async def open_sync(h):
    rail = next(c for c in h.walk() if type(c).__name__ == "NavigationRail")
    h.type_into(rail, 2, "selected_index")
    await h.fire(rail, "change")


@pytest.mark.asyncio
async def test_login_and_sync_with_the_chamber_server(demo_db, device, server, ctx):
    account = server.account()
    h = await start_app(demo_db, device)
    await open_sync(h)
    await h.enter("server-url", server.url)
    await h.enter("username", account.username)
    await h.enter("password", PASSWORD)
    await h.click("login")
    assert h.has_text("Appareil connecté"), h.texts()
    await h.click("sync-now")
    message = h.find("sync-message").value
    assert message.startswith("Synchronisation terminée"), message
    vm = SyncVM(ctx)
    assert vm.logged_in and vm.pending_total == 0
    assert ctx.store.user_id == account.user_id  # the screen's connection follows the login
