"""The app in headless Chromium: navigation to the first usable screen, « Suivant » in a
200-question audit (issue 6: targets < 2 s and < 150 ms; « Précédent » walks back, timed
the same way).

Both are timed inside the page: a script installed before the app's own records, with
``performance.now()``, when a text first appears in Flutter's accessibility tree (which
trails the canvas by a frame or two, so the figures are upper bounds). Baseline, measured in
the same run: the smallest Flet app served the same way (``bench/flet_hello.py``), booting
and answering one tap; the ratio is what our screens add on top of Flet itself. Warm loads
(the browser has the app's files cached, as an advisor's tablet does after the first visit)
are the target's figure; the cold first load is printed beside it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from audits.answers import answered
from audits.loader import load_questionnaire
from audits.store import open_store
from audits.store.answers import save_answer
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.questionnaires import import_questionnaire
from bench.questionnaire_bench import generated_questionnaire
from bench.timing import median, p95, verdict
from tests.e2e.serve import ROOT, _wait_for, free_port, running_app

LOADS = 6
MOVES = 18
ROUNDS = 2
SECTIONS = 10
SHOP = "Banc d'essai"
FIRST_SCREEN_TARGET_MS = 2000
NEXT_TARGET_MS = 150

WATCH = """
window.__seen = new Map();
const visibleTexts = () => document.querySelectorAll(
  'flt-semantics span, flt-semantics:not(:has(flt-semantics))');
new MutationObserver(() => {
  const now = performance.now();
  for (const node of visibleTexts()) {
    const text = node.textContent.trim();
    if (text && !window.__seen.has(text)) window.__seen.set(text, now);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
addEventListener('pointerdown', () => { window.__tapped = performance.now(); }, true);
"""
"""Installed in every page before Flet's loader: when each text first showed, when the last
tap began (``performance.now()`` counts from the navigation)."""


def prepared_audit(db: Path) -> None:
    """A 200-question audit whose sections all show their 20 questions (first ones answered)."""
    source = db.parent / "genere.yaml"
    source.write_text(generated_questionnaire(SECTIONS, 20), encoding="utf-8")
    with open_store(db) as store:
        import_questionnaire(store, load_questionnaire(source))
        shop = create_establishment(store, {"siret": "73282932000108", "name": SHOP})
        audit = create_audit(store, shop.id, "genere")
        for section in range(SECTIONS):
            save_answer(store, audit.id, f"q_{section}_0", answered(20))


@contextmanager
def hello_app() -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "bench.flet_hello", str(port)]
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for(url, server, Path(tempfile.gettempdir()) / "flet_hello.log")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def first_screen_ms(page: Any, url: str, text: str) -> float:
    """Navigate, switch on Flutter's accessibility tree, wait for ``text``; ms since navigation."""
    page.goto(url)
    placeholder = page.locator("flt-semantics-placeholder")
    placeholder.wait_for(state="attached", timeout=60_000)
    placeholder.dispatch_event("click")
    page.get_by_text(text, exact=True).first.wait_for(timeout=60_000)
    return float(page.evaluate("text => window.__seen.get(text)", text))


def tap_to_text_ms(page: Any, button: str, text: str) -> float:
    """Tap ``button``; ms from the tap to ``text`` first showing."""
    page.wait_for_timeout(300)  # let the previous screen settle: not part of the figure
    page.get_by_role("button", name=button).first.click()
    page.get_by_text(text, exact=True).first.wait_for(timeout=30_000)
    return float(page.evaluate("text => window.__seen.get(text) - window.__tapped", text))


def loads(browser: Any, url: str, text: str) -> tuple[float, list[float]]:
    """The cold first load, then warm reloads in the same browser profile."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.add_init_script(WATCH)
    page = context.new_page()
    cold = first_screen_ms(page, url, text)
    warm = [first_screen_ms(page, url, text) for _ in range(LOADS)]
    context.close()
    return cold, warm


def hello_taps(browser: Any, url: str) -> list[float]:
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    first_screen_ms(page, url, "Bonjour")
    taps = []
    for run in range(MOVES):
        page.evaluate("window.__seen.clear()")
        taps.append(tap_to_text_ms(page, "Changer", "Au revoir" if run % 2 == 0 else "Bonjour"))
    context.close()
    return taps


def next_moves(browser: Any, url: str) -> tuple[float, list[float]]:
    """Opening the audit from the home screen, then moves between its sections."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.add_init_script(WATCH)
    page = context.new_page()
    first_screen_ms(page, url, "Nouvel audit")
    page.evaluate("window.__seen.clear()")
    page.get_by_text(SHOP).first.click()
    page.get_by_text("Section 0", exact=True).first.wait_for(timeout=30_000)
    opening = float(page.evaluate("window.__seen.get('Section 0') - window.__tapped"))
    moves = []
    for _ in range(ROUNDS):
        for section in range(1, SECTIONS):
            page.evaluate("window.__seen.clear()")
            moves.append(tap_to_text_ms(page, "Suivant", f"Section {section}"))
        for section in range(SECTIONS - 2, -1, -1):
            page.evaluate("window.__seen.clear()")
            moves.append(tap_to_text_ms(page, "Précédent", f"Section {section}"))
    context.close()
    return opening, moves


def report(label: str, ours: list[float], base: list[float], target: float) -> None:
    ok = p95(ours) < target
    print(
        f"  {label:<34} médiane {median(ours):6.0f} ms · p95 {p95(ours):6.0f} ms · "
        f"Flet seul {median(base):5.0f} ms ({median(ours) / median(base):.1f}x) · "
        f"cible < {target:.0f} ms {verdict(ok)}"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        with hello_app() as url:
            hello_cold, hello_warm = loads(browser, url, "Bonjour")
            hello_tap = hello_taps(browser, url)
        with running_app(Path(folder)) as url:
            prepared_audit(Path(folder) / "diagterrain.db")
            cold, warm = loads(browser, url, "Nouvel audit")
            opening, moves = next_moves(browser, url)
        browser.close()
    print("Chromium headless, app servie en local (web, no_cdn)")
    report("navigation → premier écran", warm, hello_warm, FIRST_SCREEN_TARGET_MS)
    print(
        f"  {'(premier chargement, cache vide)':<34} {cold:6.0f} ms · Flet seul {hello_cold:.0f} ms"
    )
    report("« Suivant » / « Précédent »", moves, hello_tap, NEXT_TARGET_MS)
    print(f"  {'ouvrir l’audit depuis l’accueil':<34} {opening:6.0f} ms (une mesure, sans cible)")


if __name__ == "__main__":
    main()
