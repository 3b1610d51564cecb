"""A label audit's conclusions: verdicts per label, the advisor's decision, the criteria.

The summary page tells the artisan, in a few lines, which labels are within reach, what is
missing for the others and what the advisor concludes (opinion, labels put forward, points to
resolve before applying); the criteria page shows each label's checklist.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from audits.plan.models import LabelVerdict
from audits.report.data import ReportData
from audits.report.style import ACCENT, MUTED, PRIMARY, RULE, WARNING, Styles, text

MISSING = {"non_rempli": "à remplir", "a_verifier": "à vérifier"}
VERDICT = ParagraphStyle("verdict", parent=Styles.body, spaceAfter=3)


def summary(data: ReportData) -> list[Any]:
    """Verdicts with what each label lacks, then the advisor's decision."""
    story: list[Any] = []
    if data.labels:
        lines = [Paragraph(_verdict_line(verdict), VERDICT) for verdict in data.labels]
        heading = Paragraph("Éligibilité aux labels", Styles.h2)
        story.append(KeepTogether([Spacer(1, 4 * mm), heading, *lines]))
    return story + decision(data)


def _verdict_line(verdict: LabelVerdict) -> str:
    title = f"<b>{text(verdict.title)}</b>"
    if verdict.eligible:
        return f"{title} : <font color='{PRIMARY.hexval()}'>éligible</font>"
    parts = []
    for status, word in MISSING.items():
        labels = [text(c.label) for c in verdict.missing if c.status == status]
        if labels:
            parts.append(f"{word} : {' ; '.join(labels)}")
    return f"{title} : non éligible à ce jour — {' — '.join(parts)}"


def decision(data: ReportData) -> list[Any]:
    """« Avis du conseiller »: the opinion, the labels proposed, the points to resolve."""
    found = data.decision
    if found is None:
        return []
    lines = []
    if found.opinion:
        opinion = f"<font color='{PRIMARY.hexval()}'><b>{text(found.opinion)}</b></font>"
        lines.append(Paragraph(f"Avis : {opinion}", Styles.body))
    if found.labels:
        proposed = text(", ".join(found.labels))
        lines.append(Paragraph(f"<b>Labels et titres proposés :</b> {proposed}", Styles.body))
    if found.points:
        points = text(found.points)
        lines.append(Paragraph(f"<b>Points à lever avant candidature :</b> {points}", Styles.body))
    heading = Paragraph("Avis du conseiller", Styles.h2)
    return [KeepTogether([Spacer(1, 4 * mm), heading, *lines])]


def details(data: ReportData) -> list[Any]:
    """Each label's criteria, met, missing or to check, as a checklist."""
    if not data.labels:
        return []
    story: list[Any] = [Paragraph("Éligibilité aux labels", Styles.h1)]
    marks = {
        "rempli": ("✔", ACCENT, "rempli"),
        "non_rempli": ("✘", WARNING, "non rempli"),
        "a_verifier": ("?", MUTED, "à vérifier"),
    }
    for verdict in data.labels:
        verdict_text = "Éligible" if verdict.eligible else "Non éligible à ce jour"
        color = ACCENT if verdict.eligible else WARNING
        rows = []
        for criterion in verdict.criteria:
            mark, mark_color, word = marks[criterion.status]
            rows.append(
                [
                    Paragraph(
                        f"<font color='{mark_color.hexval()}'><b>{mark}</b></font>", Styles.cell
                    ),
                    Paragraph(text(criterion.label), Styles.cell),
                    Paragraph(word, Styles.cell),
                ]
            )
        table = Table(rows, colWidths=[8 * mm, 140 * mm, 26 * mm])
        table.setStyle(
            TableStyle(
                [("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        head = Paragraph(
            f"{text(verdict.title)} — <font color='{color.hexval()}'>{verdict_text}</font>",
            Styles.h3,
        )
        story.append(KeepTogether([head, table, Spacer(1, 3 * mm)]))
    return story
