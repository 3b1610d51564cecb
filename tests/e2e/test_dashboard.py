"""The KPI dashboard in headless Chromium (Debian's ``chromium``), against a real server.

Playwright drives the system browser (``browser`` in conftest.py, never ``playwright
install``); the page must show the same numbers as ``GET /api/v1/kpis`` and load nothing
from outside the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.sync.server.kpi_chamber import Chamber, make_chamber
from tests.sync.servers import PASSWORD, Account, Server

SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("dashboard-server")
    running = Server(f"sqlite:///{tmp / 'server.db'}", tmp / "data").start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def chamber(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Chamber:
    made = make_chamber(server, tmp_path_factory)
    body = {"year": made.year, "targets": {"energy": 120, "rse": 80}}
    assert made.admin.put(f"/kpis/targets/{made.year}", json=body).status_code == 200
    return made


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 1600})
    opened = context.new_page()
    yield opened
    context.close()


def log_in(page: Page, server: Server, account: Account) -> list[str]:
    """Open the dashboard, log in, wait for the figures; return every URL the page loaded."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server.url}/tableau-de-bord")
    page.get_by_test_id("username").fill(account.username)
    page.get_by_test_id("password").fill(PASSWORD)
    page.get_by_test_id("login").click()
    page.wait_for_selector("body[data-loaded='true']", timeout=15_000)
    return requested


def tile(page: Page, name: str) -> str:
    return page.get_by_test_id(name).locator(".value").inner_text().translate(SPACES)


def french(value: float) -> str:
    return f"{round(value):,}".replace(",", " ")


def test_the_chamber_dashboard_shows_the_numbers_of_the_api(
    page: Page, server: Server, chamber: Chamber, tmp_path: Path
) -> None:
    requested = log_in(page, server, chamber.admin)
    kpis: dict[str, Any] = chamber.kpis()
    assert tile(page, "kpi-total") == french(kpis["total_done"])
    assert tile(page, "kpi-plans") == french(kpis["plans_handed_over"])
    assert tile(page, "kpi-accepted") == french(kpis["actions"]["accepted"])
    assert tile(page, "kpi-done") == french(kpis["actions"]["done"])
    assert tile(page, "kpi-kwh") == f"{french(kpis['savings_estimated']['kwh'] / 1000)} MWh"
    assert tile(page, "kpi-achieved") == f"{french(kpis['follow_up']['achieved']['kwh'])} kWh"
    energy = next(k for k in kpis["audits"] if k["kind"] == "energy")
    target_text = page.get_by_test_id("target-energy").inner_text().translate(SPACES)
    share = f"{round(100 * energy['target_share'])} %"
    assert f"{french(energy['done'])} / 120 ({share})" in target_text
    bars = page.locator("[data-testid='chart-periods'] rect[data-count]")
    counts = [int(bars.nth(i).get_attribute("data-count") or 0) for i in range(bars.count())]
    assert sum(counts) == kpis["total_done"]
    advisors = page.get_by_test_id("advisors").locator("tbody tr")
    assert advisors.count() == len(kpis["advisors"])
    assert all(url.startswith(server.url) for url in requested), requested
    page.screenshot(path=str(tmp_path / "tableau-de-bord.png"), full_page=True)


def test_filtering_by_advisor_and_quarter_redraws_the_figures(
    page: Page, server: Server, chamber: Chamber
) -> None:
    log_in(page, server, chamber.admin)
    advisor = chamber.kpis()["advisors"][0]["key"]
    page.get_by_test_id("advisor").fill(advisor)
    page.get_by_test_id("granularity").select_option("quarter")
    page.get_by_test_id("apply").click()
    page.wait_for_selector("body[data-loaded='true']")
    expected = chamber.kpis(advisor=advisor, granularity="quarter")
    assert tile(page, "kpi-total") == french(expected["total_done"])
    labels = page.locator("[data-testid='chart-periods'] svg > text").all_text_contents()
    assert f"T1 {chamber.year}" in labels


def test_an_association_viewer_sees_its_campaign_without_advisors(
    page: Page, server: Server, chamber: Chamber
) -> None:
    viewer = server.account("viewer", kind="association")
    chamber.admin.put(f"/campaigns/{chamber.campaign_id}/viewers/{viewer.org_id}")
    log_in(page, server, viewer)
    seen = chamber.kpis(viewer)
    assert tile(page, "kpi-total") == french(seen["total_done"])
    assert page.locator("#advisors-card").is_hidden()
    assert page.locator(".advisor-filter").is_hidden()
    options = page.get_by_test_id("campaign").locator("option").all_inner_texts()
    assert options == ["toutes", "Commerces économes du centre-ville d'Apt"]


def test_a_wrong_password_is_refused_in_french(
    page: Page, server: Server, chamber: Chamber
) -> None:
    page.goto(f"{server.url}/tableau-de-bord")
    page.get_by_test_id("username").fill(chamber.admin.username)
    page.get_by_test_id("password").fill("mauvais")
    page.get_by_test_id("login").click()
    error = page.get_by_test_id("login-error")
    error.wait_for()
    page.wait_for_function("document.querySelector('[data-testid=login-error]').textContent !== ''")
    assert error.inner_text() == "Identifiant ou mot de passe incorrect."
