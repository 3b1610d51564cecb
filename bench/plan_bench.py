"""Action plan and PDF: ``build_plan`` and a full plan PDF, each next to a baseline of the run.

Targets (issue 4): plan computation < 20 ms; a full plan PDF with 10 photos (1600x1200 JPEG,
~300 KB each) and the theme chart < 1.5 s. Baselines: the evaluation pass alone (what any
screen of the app already pays), and reportlab's bare canvas drawing the same text with no
layout, fonts, tables, chart or photos.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from audits.answers_file import load_answers_file
from audits.catalog import load_catalog
from audits.evaluation import evaluate
from audits.plan import build_plan
from audits.reference import load_reference
from audits.report.builder import build_report_data, establishment_from
from audits.report.data import AuditInfo, ReportData
from audits.report.render import render_pdf
from audits.scoring import score
from bench.timing import median, p95, samples_ms, verdict

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRES = ROOT / "questionnaires"


def photos(folder: Path, count: int = 10) -> list[Path]:
    """Field-photo-like JPEGs: 1600x1200, noisy enough to weigh about 300 KB."""
    paths = []
    for index in range(count):
        noise = Image.effect_noise((1600, 1200), 40 + index).convert("RGB")
        image = noise.filter(ImageFilter.GaussianBlur(1.2))
        path = folder / f"photo_{index}.jpg"
        image.save(path, quality=80)
        paths.append(path)
    return paths


def report(folder: Path) -> tuple[ReportData, object, object]:
    catalog = load_catalog(QUESTIONNAIRES)
    reference = load_reference(QUESTIONNAIRES / "reference")
    example = QUESTIONNAIRES / "exemples" / "boulangerie-energie.yaml"
    questionnaire, answers = load_answers_file(example, catalog.get)
    day = answers.date
    assert day is not None
    plan = build_plan(questionnaire, answers.answers, reference, day)
    pictures = photos(folder)
    by_question = {
        qid: pictures[i * 2 : i * 2 + 2]
        for i, qid in enumerate(
            [
                "porte_ouverte",
                "longueur_vitrines_ouvertes",
                "consigne_hiver",
                "nb_spots_halogenes",
                "duree_prechauffe_min",
            ]
        )
    }
    data = build_report_data(
        questionnaire,
        establishment_from(answers.establishment),
        AuditInfo(date=day, advisor=answers.advisor or "Conseiller"),
        answers.answers,
        score(questionnaire, answers.answers, reference.numbers),
        plan,
        reference,
        answers.notes,
        by_question,
    )
    run_plan = lambda: build_plan(questionnaire, answers.answers, reference, day)  # noqa: E731
    run_eval = lambda: evaluate(questionnaire, answers.answers, reference.numbers)  # noqa: E731
    return data, run_plan, run_eval


def text_lines(data: ReportData) -> list[str]:
    lines = [data.title, data.establishment.name]
    for row in data.actions:
        lines += [row.title, row.description or "", f"{row.kwh} {row.eur} {row.cost} {row.aid}"]
    for theme in data.findings:
        lines += [theme.title, *[f"{f.question} {f.answer} {f.note or ''}" for f in theme.findings]]
    for item in [*data.obligations]:
        lines += [item.title, item.rule, item.sanction]
    for scheme in data.funding:
        lines += [scheme.title, scheme.eligibility, scheme.how_to_apply]
    return lines


def bare_canvas(lines: list[str], path: Path) -> None:
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
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data, run_plan, run_eval = report(folder)
        weight = sum(p.stat().st_size for p in folder.glob("photo_*.jpg")) / 10 / 1024
        plan_ms = samples_ms(run_plan, 100)  # type: ignore[arg-type]
        eval_ms = samples_ms(run_eval, 100)  # type: ignore[arg-type]
        pdf_ms = samples_ms(lambda: render_pdf(data, folder / "plan.pdf"), 5)
        bare_ms = samples_ms(lambda: bare_canvas(text_lines(data), folder / "bare.pdf"), 5)
        pages = (folder / "plan.pdf").read_bytes().count(b"/Type /Page\n") or "?"
    plan_median, pdf_median = median(plan_ms), median(pdf_ms)
    eval_median, bare_median = median(eval_ms), median(bare_ms)
    print(
        f"build_plan (boulangerie, {len(data.actions)} actions) : {plan_median:.2f} ms"
        f" (p95 {p95(plan_ms):.2f} ms) | évaluation seule : {eval_median:.2f} ms"
        f" | ratio {plan_median / eval_median:.1f}x | cible < 20 ms : {verdict(plan_median < 20)}"
    )
    print(
        f"PDF complet (10 photos de {weight:.0f} Ko, graphique, {pages} pages) :"
        f" {pdf_median:.0f} ms | canevas nu, même texte : {bare_median:.0f} ms"
        f" | ratio {pdf_median / bare_median:.1f}x"
        f" | cible < 1 500 ms : {verdict(pdf_median < 1500)}"
    )
    return 0 if plan_median < 20 and pdf_median < 1500 else 1


if __name__ == "__main__":
    sys.exit(main())
