"""The app's handlers on a 200-question audit: answer a question, move to the next section.

Target (issue 6): moving to the next question in a 200-question audit in < 150 ms. Measured
server-side through the headless harness (the same Flet session code as in the browser, no
renderer): the handler, the store write, the skip-logic re-evaluation and the patch encoding.
Baseline: the store write alone (``save_answer``), measured in the same run. The browser
figure (navigation to first usable screen, < 2 s) is printed by ``tests/e2e/test_visit.py``.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from app.main import app_main, prepare, settle_memory
from app.state.context import AppContext, close_stores
from audits.answers import answered
from audits.loader import load_questionnaire
from audits.store.answers import save_answer
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.questionnaires import import_questionnaire
from bench.questionnaire_bench import generated_questionnaire
from bench.timing import median, p95, verdict
from tests.app.conftest import FakeDevice, open_audit
from tests.app.flet_harness import Harness

TARGET_MS = 150
RUNS = 30


def setup(folder: Path) -> tuple[Path, str]:
    db = folder / "bench.db"
    prepare(db, demo=False)
    source = folder / "genere.yaml"
    source.write_text(generated_questionnaire(10, 20), encoding="utf-8")
    store = AppContext(db).store
    import_questionnaire(store, load_questionnaire(source))
    shop = create_establishment(store, {"siret": "73282932000074", "name": "Banc d'essai"})
    audit = create_audit(store, shop.id, "genere")
    return db, audit.id


async def measure(db: Path, audit_id: str, settled: bool) -> tuple[list[float], list[float]]:
    harness = Harness()
    await harness.start(app_main(db, device=lambda page: FakeDevice()))
    await open_audit(harness, audit_id)
    await harness.click("step-section_0")  # a second run reopens where the first stopped
    if settled:
        settle_memory()  # as ``serve`` does once the database is prepared
    loop = asyncio.get_running_loop()
    answers, moves = [], []
    for run in range(RUNS):
        section = run % 9
        field = harness.find(f"field-q_{section}_0")
        harness.type_into(field, str(20 + run))
        start = loop.time()
        await harness.fire(field, "blur")
        answers.append((loop.time() - start) * 1000)
        start = loop.time()
        await harness.click("next")
        moves.append((loop.time() - start) * 1000)
        if section == 8:
            await harness.click("step-section_0")
    return answers, moves


def baseline(db: Path, audit_id: str) -> list[float]:
    import time

    store = AppContext(db).store
    durations = []
    for run in range(RUNS):
        start = time.perf_counter()
        save_answer(store, audit_id, "q_9_0", answered(run))
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db, audit_id = setup(Path(folder))
        _, unsettled_moves = asyncio.run(measure(db, audit_id, settled=False))
        answers, moves = asyncio.run(measure(db, audit_id, settled=True))
        base = median(baseline(db, audit_id))
        close_stores()
    print("audit de 200 questions (10 sections × 20), gestionnaires Flet sans rendu")
    print(
        f"  (ramasse-miettes par défaut : section suivante médiane {median(unsettled_moves):.1f}"
        f" ms · p95 {p95(unsettled_moves):.1f} ms ; ci-dessous réglé comme l'app)"
    )
    for label, values in (("répondre (blur)", answers), ("section suivante", moves)):
        mid = median(values)
        ok = p95(values) < TARGET_MS
        print(
            f"  {label:<18} médiane {mid:6.1f} ms · p95 {p95(values):6.1f} ms · "
            f"écriture seule {base:.2f} ms ({mid / base:.0f}x) · cible < {TARGET_MS} ms "
            f"{verdict(ok)}"
        )


if __name__ == "__main__":
    main()
