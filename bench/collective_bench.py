"""Collective report of a 500-shop campaign: gathered from the store, aggregated, as a PDF.

Target (issue 7): < 10 s for the chamber's PDF (every shop listed). Baseline, measured in the
same run: reading the same answers and plan lines with plain SQL, plus reportlab's bare
canvas writing the report's text with no layout, tables or charts: what any report of these
data must pay at least.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app import config
from audits.catalog import load_catalog
from audits.collective import CollectiveReport, collective_report
from audits.collective.pdf import render_collective_pdf
from audits.reference import load_reference
from audits.store import Store, open_store
from audits.store.demo_campaign import fill_campaign_demo
from bench.timing import median, samples_ms, verdict

SHOPS = 500
TARGET_MS = 10_000


def raw_read(store: Store, campaign_id: str) -> int:
    """Every answer and plan line of the campaign's audits, fetched with plain SQL."""
    audits = [row[0] for row in store.db.execute(
        "SELECT id FROM audits WHERE campaign_id = ? AND deleted = 0", [campaign_id])]  # fmt: skip
    count = 0
    for audit_id in audits:
        count += len(store.db.execute(
            "SELECT question_id, value, status FROM answers WHERE audit_id = ?", [audit_id]
        ).fetchall())  # fmt: skip
        count += len(
            store.db.execute("SELECT * FROM actions WHERE audit_id = ?", [audit_id]).fetchall()
        )
    return count


def bare_canvas(report: CollectiveReport, path: Path) -> None:
    lines = [report.campaign.name, *(f.question for f in report.findings),
             *(a.title for a in report.actions), *(p.text for p in report.purchases),
             *(o.title for o in report.obligations),
             *(f"{s.name} {s.status} {s.overall} {s.kwh}" for s in report.shops)]  # fmt: skip
    canvas = Canvas(str(path), pagesize=A4)
    y = 800.0
    for line in lines:
        canvas.drawString(40, y, line[:110])
        y -= 12
        if y < 40:
            canvas.showPage()
            y = 800.0
    canvas.save()


def main() -> int:
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    reference = load_reference(config.REFERENCE_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(folder / "bench.db") as store:
            start = time.perf_counter()
            demo = fill_campaign_demo(
                store, catalog.get("energie-commerce"), reference, dt.date.today(), SHOPS
            )
            setup_s = time.perf_counter() - start
            campaign = demo.campaign_id

            def full() -> None:
                report = collective_report(store, campaign, reference)
                render_collective_pdf(report, folder / "bilan.pdf")

            full_ms = samples_ms(full, 3)
            report = collective_report(store, campaign, reference)
            gather_ms = samples_ms(lambda: collective_report(store, campaign, reference), 3)
            base_ms = samples_ms(
                lambda: (raw_read(store, campaign), bare_canvas(report, folder / "bare.pdf")), 3
            )
        pages = (folder / "bilan.pdf").read_bytes().count(b"/Type /Page\n") or "?"
    total, baseline = median(full_ms), median(base_ms)
    print(f"campagne de {SHOPS} commerces générée en {setup_s:.0f} s ({demo.audits} audits)")
    print(
        f"bilan collectif PDF ({SHOPS} commerces, {pages} pages) : {total:.0f} ms"
        f" (dont lecture et agrégation {median(gather_ms):.0f} ms)"
        f" | lecture SQL brute + canevas nu : {baseline:.0f} ms | ratio {total / baseline:.1f}x"
        f" | cible < 10 000 ms : {verdict(total < TARGET_MS)}"
    )
    return 0 if total < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
