"""The Flet app's entry point: prepare the database, then serve the advisor's screens.

``prepare`` (shipped questionnaires imported, demo street on an empty database) runs on a
background thread while the server starts, so ``make run`` prints its address at once; a
session opened before it finishes shows a short « préparation » screen, then the home.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import flet as ft

from app import config
from app.routes import SCREENS
from app.state.context import AppContext
from app.views import theme
from app.views.device import Device, FletDevice
from app.views.shell import Shell
from audits.catalog import load_catalog
from audits.store import open_store
from audits.store.demo import fill_demo
from audits.store.overview import overview
from audits.store.questionnaires import import_catalog

ASSETS_DIR = config.PROJECT_ROOT / "assets"


def prepare(db_path: Path, demo: bool = True, today: dt.date | None = None) -> None:
    """Import the shipped questionnaires; fill the demo street when the database is empty."""
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    with open_store(db_path) as store:
        import_catalog(store, catalog)
        if demo and not overview(store).counts["establishments"]:
            fill_demo(store, catalog.questionnaires, today or dt.date.today())


def settle_memory() -> None:
    """Keep the garbage collector's full passes away from the advisor's taps.

    A full collection walks every live object: with the questionnaires, the Flet session and
    a screen of controls in memory it took 60–100 ms once every few sections, which was the
    p95 of « Suivant ». Once the data is prepared, what is alive is frozen out of the
    collector's walks and the generations are collected less often (cycles are still
    collected; `make bench` prints the figure both ways).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def app_main(
    db_path: Path,
    ready: threading.Event | None = None,
    device: Callable[[ft.Page], Device] = FletDevice,
    today: Callable[[], dt.date] = dt.date.today,
) -> Callable[[ft.Page], Awaitable[None]]:
    """The ``main(page)`` Flet calls for each session (each browser tab, or the window)."""

    async def main(page: ft.Page) -> None:
        if ready is not None and not ready.is_set():
            _splash(page)
            page.update()
            await asyncio.to_thread(ready.wait)
            page.controls.clear()
        Shell(page, AppContext(db_path, today=today), device(page), SCREENS).mount()

    return main


def _splash(page: ft.Page) -> None:
    page.bgcolor = theme.SURFACE
    page.add(
        ft.Container(
            ft.Column(
                [
                    ft.Image(src="icon.png", width=72, height=72),
                    ft.ProgressRing(color=theme.PRIMARY),
                    ft.Text("Préparation des données de démonstration…", color=theme.MUTED),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                spacing=18,
            ),
            alignment=ft.Alignment.CENTER,
            expand=True,
        )
    )


def serve(
    db_path: Path, *, web: bool, host: str, port: int, demo: bool = True, open_browser: bool = False
) -> None:
    """Run the app until interrupted: a web server (``web``) or the desktop window."""
    ready = threading.Event()

    def work() -> None:
        try:
            prepare(db_path, demo)
        finally:
            ready.set()
        settle_memory()

    threading.Thread(target=work, name="prepare-db", daemon=True).start()
    if web and not open_browser:
        os.environ["FLET_FORCE_WEB_SERVER"] = "true"  # serve only: never try to open a browser
    ft.run(
        app_main(db_path, ready),
        host=host if web else None,
        port=port if web else 0,
        view=ft.AppView.WEB_BROWSER if web else ft.AppView.FLET_APP,
        assets_dir=str(ASSETS_DIR),
        no_cdn=True,
    )
