"""The real app in a real browser: ``diagterrain app --web`` and Debian's headless Chromium.

No internet: the app is served with ``no_cdn`` and Chromium runs with its background
networking off; every request that leaves 127.0.0.1 is recorded and must be the one Rive
script Flet's loader always asks for (harmless). The whole module skips when Playwright or
``/usr/bin/chromium`` is missing, so the unit tests still run on a bare machine.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.serve import running_app

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists():
    pytest.skip("chromium absent : apt-get install -y chromium", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``diagterrain app --web`` on a fresh database (demo street included), as ``make run``."""
    with running_app(tmp_path_factory.mktemp("e2e-data")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where each step's screenshot goes: ``E2E_SCREENSHOTS`` if set, else a temp folder."""
    chosen = os.environ.get("E2E_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


Box = dict[str, float]
"""A control's bounding box as Playwright gives it: x, y, width, height."""

OVERFLOWING = """width => [...document.querySelectorAll('flt-semantics[role]')]
    .filter(node => node.getAttribute('role') !== 'checkbox')
    .map(node => [node.getAttribute('role'), node.getAttribute('aria-label') || node.textContent,
                  node.getBoundingClientRect()])
    .filter(([, , box]) => box.width > 0 && box.bottom > 0 && box.top < innerHeight)
    .filter(([, , box]) => box.left < -1 || box.right > width + 1)
    .map(([role, label, box]) => `${role} « ${(label || '').slice(0, 40)} » ${box.right}px`)
"""
"""The labelled controls on screen that stick out of the viewport's width (the sections'
chips excepted: they scroll sideways by design)."""


class AppPage:
    """A browser tab on the app, with the few moves a test needs."""

    def __init__(self, page: Any, shots: Path, prefix: str, fits_width: int | None = None) -> None:
        self.page = page
        self.shots = shots
        self.prefix = prefix
        self.fits_width = fits_width
        self.count = 0
        self.external: list[str] = []
        page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if request.url.startswith("http") and not request.url.startswith("http://127.0.0.1"):
            self.external.append(request.url)

    def open(self, url: str) -> float:
        """Load the app; seconds from navigation to the first usable screen."""
        start = time.monotonic()
        self.page.goto(url)
        placeholder = self.page.locator("flt-semantics-placeholder")
        placeholder.wait_for(state="attached", timeout=60_000)
        placeholder.dispatch_event("click")  # Flutter's accessibility tree: ARIA roles, labels
        self.expect_text("Nouvel audit", timeout=120_000)  # first start: the demo is filled
        return time.monotonic() - start

    def ident(self, identifier: str) -> Any:
        return self.page.locator(f"[flt-semantics-identifier='{identifier}']").first

    def button(self, name: str | re.Pattern[str]) -> Any:
        return self.page.get_by_role("button", name=name).first

    def option(self, name: str | re.Pattern[str]) -> Any:
        """An open dropdown's option (a menu item, or a button in older clients)."""
        page = self.page
        return (
            page.get_by_role("menuitem", name=name).or_(page.get_by_role("button", name=name)).first
        )

    def choose(self, identifier: str, name: str | re.Pattern[str]) -> None:
        """Open the dropdown and pick ``name``; tapped again if the menu did not open (a tap
        landing while the page still moves, right after a section change, opens nothing)."""
        for attempt in range(3):
            self.tap(self.ident(identifier))
            try:
                self.option(name).wait_for(state="visible", timeout=5_000)
                break
            except sync_api.Error:
                if attempt == 2:
                    self.page.screenshot(path=str(self.shots / f"{self.prefix}-failed-menu.png"))
                    raise
        self.tap(self.option(name))

    def expect_text(self, text: str | re.Pattern[str], timeout: int = 30_000) -> None:
        sync_api.expect(self.page.get_by_text(text).first).to_be_visible(timeout=timeout)

    def fill(self, identifier: str, text: str, leave: bool = True) -> None:
        """Focus the field, type like a person, leave it (which saves and checks it).

        Flutter swaps in its own editing element when a field takes focus, so the text is
        typed on the keyboard once focus has settled rather than set on the first input.
        """
        box = self.ident(identifier).locator("input, textarea").first
        self.settle()
        box.focus()  # not a click: Flutter scrolls the field into view, moving what is under it
        self.page.wait_for_timeout(150)
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.type(text, delay=10)
        if leave:
            self.page.keyboard.press("Tab")

    def expect_scrolled_to(self, locator: Any) -> None:
        """The control was scrolled sideways to the left half of the screen.

        Flutter clips a semantics node to its scrolling viewport, so a half-hidden chip still
        reports a box inside the screen: what shows it was revealed is where it starts.
        """
        width = self.fits_width or self.page.viewport_size["width"]

        def placed(box: Box) -> bool:
            return 0 <= box["x"] < width / 2 and box["x"] + box["width"] <= width

        self._expect_box(locator, placed, "not scrolled into view")

    def expect_on_screen(self, locator: Any) -> None:
        """The control is within the viewport's height (the page was scrolled to it)."""
        height = self.page.viewport_size["height"]

        def placed(box: Box) -> bool:
            return box["y"] >= 0 and box["y"] + box["height"] <= height

        self._expect_box(locator, placed, "not on screen")

    def _expect_box(
        self, locator: Any, placed: Callable[[dict[str, float]], bool], what: str
    ) -> None:
        """Wait up to 2 s for the control's box to be ``placed`` (scrolling is animated)."""
        box = None
        for _ in range(20):
            box = locator.bounding_box()
            if box and placed(box):
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"{what}: {box}")

    def settle(self) -> None:
        """Let Flutter repaint: its accessibility tree trails the canvas by a frame or two."""
        self.page.wait_for_timeout(250)

    def tap(self, locator: Any) -> None:
        self.settle()
        try:
            locator.click()
        except sync_api.Error:
            self.page.screenshot(path=str(self.shots / f"{self.prefix}-failed-tap.png"))
            raise

    def shot(self, name: str) -> Path:
        self.page.wait_for_timeout(600)  # the canvas repaints a frame after the semantics
        self.count += 1
        path = self.shots / f"{self.prefix}-{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        if self.fits_width:
            overflowing = self.page.evaluate(OVERFLOWING, self.fits_width)
            assert not overflowing, f"{path.name}: wider than the screen: {overflowing}"
        return path

    def draw(self, identifier: str, points: list[tuple[int, int]]) -> None:
        box = self.ident(identifier).bounding_box()
        mouse = self.page.mouse
        mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
        mouse.down()
        for x, y in points[1:]:
            mouse.move(box["x"] + x, box["y"] + y, steps=4)
        mouse.up()
