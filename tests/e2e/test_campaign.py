"""A campaign in a real browser, offline: from the home screen to the 60-shop demo campaign,
its collective figures, the association's version, the collective PDF downloaded and read
back with pypdf; then the same screen on a 390 px phone."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import config
from audits.collective import collective_report
from audits.collective.models import CollectiveReport
from audits.reference import load_reference
from audits.report import fmt
from audits.store import open_store
from tests.e2e.conftest import AppPage, sync_api
from tests.e2e.serve import ROOT, running_app

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
CAMPAIGN = "Commerces économes du centre-ville d'Apt"


@pytest.fixture(scope="module")
def campaign_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """The app on the demo street plus the 60-shop campaign: (URL, campaign id, database)."""
    data = tmp_path_factory.mktemp("e2e-campaign")
    db = data / "diagterrain.db"
    for command in (["demo"], ["campaign", "demo", "--shops", "60"]):
        subprocess.run(
            [sys.executable, "-m", "app.cli", *command, "--db", str(db)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    with open_store(db) as store:
        row = store.db.execute("SELECT id FROM campaigns WHERE name = ?", [CAMPAIGN]).fetchone()
    with running_app(data, demo=False) as url:
        yield url, str(row[0]), db


def report_of(db: Path, campaign_id: str) -> CollectiveReport:
    """What the app must show, computed apart from it (the app runs in another process)."""
    reference = load_reference(config.REFERENCE_DIR)
    with open_store(db) as store:
        return collective_report(store, campaign_id, reference, "chambre", dt.date.today())


def open_campaign(app: AppPage, url: str, campaign_id: str) -> None:
    app.open(url)
    card = app.ident(f"campaign-{campaign_id}")
    for _ in range(12):  # « Mes campagnes » sits below today's visits and the drafts
        box = card.bounding_box() if card.count() else None
        if box and box["y"] + box["height"] < app.page.viewport_size["height"] - 80:
            break
        scroll(app, 400)
        app.settle()
    app.tap(card)
    app.expect_text("Bilan collectif")


def scroll(app: AppPage, pixels: int) -> None:
    viewport = app.page.viewport_size
    app.page.mouse.move(viewport["width"] // 2, viewport["height"] // 2)
    app.page.mouse.wheel(0, pixels)


def test_a_campaign_at_desktop_size(campaign_app, browser, shots_dir, tmp_path):
    url, campaign_id, db = campaign_app
    report = report_of(db, campaign_id)
    savings = report.savings
    assert savings is not None
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    app = AppPage(context.new_page(), shots_dir, "campaign")
    open_campaign(app, url, campaign_id)
    app.expect_text(CAMPAIGN)
    visited = f"{report.participation.visited} / {report.participation.establishments}"
    app.expect_text(visited)
    app.expect_text(f"{fmt.number(savings.kwh / 1000)} MWh")
    app.expect_text(fmt.euros(savings.eur))
    app.shot("top")
    scroll(app, 700)
    app.expect_text(report.purchases[0].text)
    app.shot("savings")
    scroll(app, 900)
    sync_api.expect(app.ident("score-levels")).to_be_visible()
    app.shot("scores")

    with app.page.expect_download() as download:
        app.tap(app.ident("campaign-pdf"))
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert path.name.startswith("bilan-collectif-") and CAMPAIGN in text
    assert "Version de la chambre" in text

    scroll(app, 20000)
    app.shot("establishments")
    scroll(app, -20000)
    app.tap(app.ident("audience"))
    app.expect_text(re.compile("^Ce que voit l'association"))
    app.shot("association")
    scroll(app, 20000)
    app.expect_text(re.compile("sans accord pour être nommés : non identifiés"))
    app.shot("association-shops")
    context.close()
    assert all("rive" in url for url in app.external), app.external


def test_a_campaign_at_phone_size(campaign_app, browser, shots_dir):
    url, campaign_id, _ = campaign_app
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    app = AppPage(context.new_page(), shots_dir, "campaign-phone", fits_width=PHONE["width"])
    open_campaign(app, url, campaign_id)
    app.shot("top")
    for name in ("progress", "figures", "savings", "scores"):
        scroll(app, 700)
        app.shot(name)
    context.close()
