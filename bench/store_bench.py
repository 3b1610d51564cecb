"""Device store: saving one answer vs a raw sqlite3 INSERT of the same rows; lists and search.

Targets (issue 3): saving one answer (validation, HLC, answer row + outbox entry, committed)
p95 < 1 ms and within 3x of a raw sqlite3 INSERT of the same two rows in one committed
transaction with the same pragmas (WAL, synchronous=NORMAL), measured in the same run;
listing and searching 20,000 establishments and 100,000 answers: < 50 ms per query.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import date
from itertools import cycle
from pathlib import Path
from random import Random

from audits.answers import answered
from audits.loader import load_text
from audits.store import Store, open_store, rows
from audits.store.answers import answers_of, save_answer
from audits.store.audits import create_audit
from audits.store.campaigns import campaign_progress, create_campaign
from audits.store.demo import demo_siret
from audits.store.establishments import create_establishment
from audits.store.ids import new_id
from audits.store.questionnaires import import_questionnaire
from audits.store.search import list_audits, list_establishments, search_establishments, visits_on
from bench.timing import median, p95, samples_ms, verdict

QUESTIONS = 20
QUESTIONNAIRE = "\n".join(
    ["id: bench", "version: 1", "title: Banc d'essai", "kind: energy", "sections:",
     "  - id: s", "    title: Section", "    questions:"]
    + [line for n in range(QUESTIONS) for line in (
        f"      - id: q{n}", "        type: number", f"        label: Question {n}",
        "        min: 0", "        max: 100000")]
)  # fmt: skip
COMMUNES = ["Apt", "Cavaillon", "Pertuis", "Manosque", "Forcalquier", "Carpentras", "Orange",
            "Avignon", "Arles", "Salon", "Aix-en-Provence", "Digne-les-Bains"]  # fmt: skip
TRADES = ["Boulangerie", "Boucherie", "Coiffure", "Fleuriste", "Librairie", "Restaurant",
          "Pharmacie", "Fromagerie", "Épicerie", "Pressing", "Café", "Opticien"]  # fmt: skip
OWNERS = ["Martin", "Bernard", "Roux", "Giraud", "Fabre", "Arnaud", "Blanc", "Garcia",
          "Reynaud", "Chabaud", "Espitalier", "Bonnefoy", "Marcellin", "Jourdan"]  # fmt: skip


def bench_save(folder: Path) -> None:
    store = open_store(folder / "save.db")
    import_questionnaire(store, load_text(QUESTIONNAIRE, "bench.yaml"))
    shop = create_establishment(store, {"siret": "73282932000074", "name": "Banc"})
    audits = [create_audit(store, shop.id, "bench@1").id for _ in range(100)]
    slots = cycle([(audit, f"q{n}") for audit in audits for n in range(QUESTIONS)])
    values = iter(range(10**9))

    def save() -> None:
        audit_id, question_id = next(slots)
        save_answer(store, audit_id, question_id, answered(next(values) % 1000))

    raw = raw_insert(store, audits[0])
    save(), raw()  # warm-up: first statements, caches
    first = interleaved(save, raw, len(audits) * QUESTIONS - 1)
    again = interleaved(save, raw, 2000)
    store.close()
    for label, (ours, baseline) in (("première saisie", first), ("modification", again)):
        ratio = median(ours) / median(baseline)
        ok = p95(ours) < 1 and ratio < 3
        print(
            f"enregistrer une réponse ({label}) : médiane {median(ours):.3f} ms, "
            f"p95 {p95(ours):.3f} ms | INSERT sqlite3 brut : médiane {median(baseline):.3f} ms, "
            f"p95 {p95(baseline):.3f} ms | ratio {ratio:.1f}x (cible p95 < 1 ms et < 3x) "
            f"{verdict(ok)}"
        )


def interleaved(
    ours: Callable[[], None], baseline: Callable[[], None], runs: int
) -> tuple[list[float], list[float]]:
    """Alternate the two so that both meet the same WAL size and checkpoints."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, durations in zip((ours, baseline), timings, strict=True):
            start = time.perf_counter()
            function()
            durations.append((time.perf_counter() - start) * 1000)
    return timings


def raw_insert(store: Store, audit_id: str) -> Callable[[], None]:
    """The baseline: the same two rows with plain sqlite3, same file and pragmas, committed."""
    connection = sqlite3.connect(store.path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
        connection.execute(f"PRAGMA {pragma}")
    counter = iter(range(10**9))

    def insert() -> None:
        row_id, rev = new_id(), f"{time.time_ns() // 10**6:013d}-{next(counter):04d}-raw"
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO answers (id, org_id, rev, base_rev, deleted, updated_by, audit_id,"
            " question_id, value, status, note, photos) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [row_id, "local", rev, None, 0, "conseiller", audit_id, row_id, "42", "answered",
             None, "[]"],
        )  # fmt: skip
        connection.execute(
            "INSERT INTO outbox (table_name, row_id, rev) VALUES (?, ?, ?)",
            ["answers", row_id, rev],
        )
        connection.execute("COMMIT")

    return insert


def populate(store: Store, shops: int, answers: int) -> tuple[str, str]:
    """Bulk rows through the store's row writer (stamped and queued), in big transactions."""
    rng = Random(13)
    import_questionnaire(store, load_text(QUESTIONNAIRE, "bench.yaml"))
    campaign = create_campaign(store, "Campagne du banc", "bench@1")
    today = date.today().isoformat()
    with store.db.atomic():
        shop_ids = [rows.insert(store, "establishments", shop(rng, n)) for n in range(shops)]
        for shop_id in shop_ids[:500]:
            rows.insert(store, "campaign_establishments",
                        {"campaign_id": campaign, "establishment_id": shop_id})  # fmt: skip
    audit_ids = []
    with store.db.atomic():
        for n in range(answers // QUESTIONS):
            audit_ids.append(rows.insert(store, "audits", audit(rng, shop_ids[n], campaign, today)))
            for q in range(QUESTIONS):
                rows.insert(store, "answers", {"audit_id": audit_ids[-1], "question_id": f"q{q}",
                                               "value": str(rng.randint(0, 5000)),
                                               "status": "answered"})  # fmt: skip
    return campaign, audit_ids[len(audit_ids) // 2]


def shop(rng: Random, n: int) -> dict[str, object]:
    trade, owner, commune = rng.choice(TRADES), rng.choice(OWNERS), rng.choice(COMMUNES)
    return {"siret": demo_siret(rng), "name": f"{trade} {owner} {n}", "activity": trade.lower(),
            "commune": commune, "address": f"{rng.randint(1, 90)} rue des Marchands",
            "postcode": "84400"}  # fmt: skip


def audit(rng: Random, shop_id: str, campaign: str, today: str) -> dict[str, object]:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    planned = today if rng.random() < 0.01 else f"2024-{month:02d}-{day:02d}"
    return {"establishment_id": shop_id, "questionnaire_id": "bench", "questionnaire_version": 1,
            "advisor": "conseiller", "status": rng.choice(["draft", "completed", "signed"]),
            "planned_on": planned, "campaign_id": campaign}  # fmt: skip


def bench_queries(folder: Path) -> None:
    store = open_store(folder / "lists.db")
    start = time.perf_counter()
    campaign, audit_id = populate(store, 20_000, 100_000)
    elapsed = time.perf_counter() - start
    print(f"base de test : 20 000 établissements, 100 000 réponses (remplie en {elapsed:.0f} s)")
    queries: list[tuple[str, Callable[[], object]]] = [
        ("recherche « boulangerie »", lambda: search_establishments(store, "boulangerie")),
        ("recherche « b » (première lettre tapée)", lambda: search_establishments(store, "b")),
        ("recherche « bou » (préfixe)", lambda: search_establishments(store, "bou")),
        ("recherche « roux apt »", lambda: search_establishments(store, "roux apt")),
        ("recherche d'un SIRET partiel « 123 4 »", lambda: search_establishments(store, "123 4")),
        ("liste des établissements d'Apt", lambda: list_establishments(store, commune="Apt")),
        ("liste des audits en brouillon", lambda: list_audits(store, status="draft")),
        ("liste de tous les audits", lambda: list_audits(store)),
        ("visites du jour", lambda: visits_on(store, date.today())),
        ("réponses d'un audit", lambda: answers_of(store, audit_id)),
        ("avancement d'une campagne (500)", lambda: campaign_progress(store, campaign)),
    ]
    for label, query in queries:
        timings = samples_ms(query, 30)
        print(
            f"{label:<42} médiane {median(timings):6.2f} ms, p95 {p95(timings):6.2f} ms "
            f"(cible < 50 ms) {verdict(p95(timings) < 50)}"
        )
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_save(Path(folder))
        bench_queries(Path(folder))


if __name__ == "__main__":
    main()
