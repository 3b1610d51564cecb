"""README screenshots: ``python -m tests.e2e.screenshots [FOLDER]`` (default docs/screenshots).

Starts the app on a fresh demo database and photographs five screens with Debian's headless
Chromium: the home at desktop size, the wizard on a phone, the review with its chart, a plan
and a campaign's collective report. Run it again after a visual change, then look at the pictures.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import ARGS, CHROMIUM, AppPage
from tests.e2e.serve import running_app

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def take(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as data,
        running_app(Path(data)) as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        desktop(browser, url, folder)
        phone(browser, url, folder)
        browser.close()


def shoot(app: AppPage, path: Path) -> None:
    app.page.wait_for_timeout(900)
    app.page.screenshot(path=str(path))
    print(path)


def desktop(browser, url: str, folder: Path) -> None:  # type: ignore[no-untyped-def]
    app = AppPage(browser.new_page(viewport=DESKTOP), folder, "readme")
    app.open(url)
    shoot(app, folder / "accueil.png")
    app.tap(app.button("Établissements Tab 2 of 4"))
    app.tap(app.page.get_by_text("L'Atelier de Léa, coiffure").first)
    app.tap(app.page.get_by_text("Diagnostic de sobriété énergétique du commerce").first)
    app.expect_text(re.compile(r"^Actions \(\d+\)"))
    shoot(app, folder / "plan.png")
    app.tap(app.ident("to-review"))
    app.expect_text("Scores par thème")
    app.page.mouse.move(640, 500)
    app.page.mouse.wheel(0, 300)
    shoot(app, folder / "revue.png")
    app.tap(app.button("Accueil Tab 1 of 4"))
    app.expect_text("Nouvel audit")
    app.page.mouse.move(640, 500)
    app.page.mouse.wheel(0, 600)  # « Mes campagnes » sits below today's visits
    app.tap(app.page.locator("[flt-semantics-identifier^='campaign-']").first)
    app.expect_text("Bilan collectif")
    app.page.mouse.move(640, 500)
    app.page.mouse.wheel(0, 420)
    shoot(app, folder / "campagne.png")


def phone(browser, url: str, folder: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    app = AppPage(context.new_page(), folder, "readme")
    app.open(url)
    app.tap(app.page.get_by_text("Fromagerie Les Alpages").first)
    app.expect_text(re.compile("réponses"))
    app.tap(app.page.get_by_role("checkbox", name=re.compile("^Contrat et factures")))
    shoot(app, folder / "questionnaire-telephone.png")
    context.close()


if __name__ == "__main__":
    take(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
