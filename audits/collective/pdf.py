"""``render_collective_pdf``: the campaign's collective report as a PDF for its audience.

Same fonts, colours, footer and French formatting as the shop's plan (``audits.report``), so
the chamber's documents look like one family. The association's version says on its first
page that no shop can be identified in it without its consent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from audits.collective import sections
from audits.collective.models import CollectiveReport
from audits.report import fmt
from audits.report.document import write_pdf
from audits.report.style import LIGHT, Styles, text

rl_config.invariant = 1  # byte-identical output for identical data, like the plan PDF

AUDIENCE_NOTES = {
    "chambre": "Version de la chambre : résultats complets, commerce par commerce.",
    "association": (
        "Version pour l'association : résultats agrégés. Aucun commerce n'y est identifiable sans "
        "son accord, et aucun chiffre ne porte sur moins de {n} commerces."
    ),
}


def story(report: CollectiveReport) -> list[Any]:
    parts: list[Any] = [*_opening(report), *sections.kpis(report)]
    parts += sections.participation(report)
    if report.suppressed:
        note = (
            f"Moins de {report.min_group} commerces ont été visités : les résultats ne sont pas "
            "publiés pour préserver l'anonymat des participants."
        )
        parts += [Spacer(1, 4 * mm), Paragraph(note, Styles.note)]
    gains = [*sections.savings(report), *sections.purchases(report)]
    gains += sections.obligations(report)
    for block in (gains, sections.scores(report), sections.findings(report),
                  sections.actions(report)):  # fmt: skip
        if block:
            parts += [PageBreak(), *block]
    if report.shops or report.audience == "association":
        parts += [PageBreak(), *sections.shops(report)]
    return parts


def _opening(report: CollectiveReport) -> list[Any]:
    campaign = report.campaign
    facts = [
        ("Organisée par", campaign.organiser),
        ("Commune", campaign.commune),
        ("Diagnostic", f"{campaign.questionnaire_title} ({campaign.questionnaire})"),
        ("Période", _period(report)),
        ("Conseillers", str(campaign.advisors) if campaign.advisors else None),
        ("Édité le", fmt.long_date(report.generated_on)),
    ]
    rows = [[Paragraph(k, Styles.small), Paragraph(text(v), Styles.body)] for k, v in facts if v]
    grid = Table(rows, colWidths=[40 * mm, 134 * mm])
    grid.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), LIGHT)]))
    note = AUDIENCE_NOTES[report.audience].format(n=report.min_group)
    return [
        Paragraph("Bilan collectif de campagne", Styles.cover_subtitle),
        Paragraph(text(campaign.name), Styles.h1),
        grid,
        Spacer(1, 2 * mm),
        Paragraph(note, Styles.note),
    ]


def _period(report: CollectiveReport) -> str | None:
    start, end = report.campaign.starts_on, report.campaign.ends_on
    if start and end:
        return f"du {fmt.long_date(start)} au {fmt.long_date(end)}"
    return fmt.long_date(start) if start else None


def render_collective_pdf(report: CollectiveReport, path: Path) -> Path:
    footer = f"{report.campaign.name} · bilan collectif · {fmt.long_date(report.generated_on)}"
    return write_pdf(
        path,
        lambda: story(report),
        footer,
        title=f"Bilan collectif — {report.campaign.name}",
        author=report.campaign.organiser or "Diag Terrain",
        subject=report.campaign.questionnaire_title,
    )
