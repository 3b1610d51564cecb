"""The action table, the obligations checklist, label verdicts, funding annex and signatures."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from audits.plan.models import Category, LineStatus
from audits.report import fmt
from audits.report.cover import CONTENT_WIDTH
from audits.report.data import ActionRow, ReportData
from audits.report.style import ACCENT, LIGHT, MUTED, PRIMARY, RULE, WARNING, Styles, text
from audits.report.totals import has_savings, totals_table

EFFORT = {"faible": "Faible", "moyen": "Moyen", "important": "Important"}
STATUS = {
    LineStatus.PROPOSED: "",
    LineStatus.ACCEPTED: "Retenue",
    LineStatus.REJECTED: "Écartée",
    LineStatus.DONE: "Réalisée",
}
CATEGORY = {
    Category.OBLIGATION: "Obligation",
    Category.QUICK_WIN: "Gain rapide",
    Category.INVESTMENT: "Investissement",
    Category.PROGRESS: "Progrès",
}
NUMBER_WIDTH, EFFORT_WIDTH = 7 * mm, 18 * mm
FIGURE_COLUMNS = {
    "kwh": ("kWh / an", 20 * mm),
    "eur": ("€ / an", 16 * mm),
    "cost": ("Coût", 15 * mm),
    "aid": ("Aide", 15 * mm),
    "payback": ("Retour", 19 * mm),
}
"""Figure columns of the action table: head and width; the action's text takes the rest."""
HEAD_STYLE = [
    ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


def _head(labels: list[str], right_from: int) -> list[Paragraph]:
    return [
        Paragraph(label, Styles.cell_head_right if i >= right_from else Styles.cell_head)
        for i, label in enumerate(labels)
    ]


def _money(value: float | None, none: str = "—") -> str:
    return none if value is None else fmt.euros(value)


def _details(row: ActionRow) -> str:
    details = [f"<b>{text(row.title)}</b>"]
    tags = [] if row.obligation else [CATEGORY[row.category]]
    if row.theme:
        tags.append(text(row.theme))
    if row.obligation:
        tags.append(f"<font color='{WARNING.hexval()}'>obligation : {text(row.obligation)}</font>")
    if STATUS[row.status]:
        tags.append(STATUS[row.status])
    details.append(f"<font size='7' color='{MUTED.hexval()}'>{' · '.join(tags)}</font>")
    if row.funding:
        details.append(f"<font size='7'>Aides : {text(', '.join(row.funding))}</font>")
    if row.owner or row.deadline:
        who = text(row.owner or "")
        when = f" avant le {fmt.short_date(row.deadline)}" if row.deadline else ""
        details.append(f"<font size='7'>Responsable : {who}{when}</font>")
    if row.indicative:
        details.append("<font size='7'><i>estimation indicative</i></font>")
    if not row.computed:
        details.append("<font size='7'><i>à chiffrer : réponses manquantes</i></font>")
    return "<br/>".join(details)


def _figures(row: ActionRow) -> dict[str, str]:
    aid = _money(row.aid, "—") if row.aid else "—"
    if row.aid and row.aid_indicative:
        aid += "<br/><font size='6.5'>indicatif</font>"
    saving = fmt.euros(row.eur) if row.eur else "—"
    if row.achieved_eur is not None:
        saving += f"<br/><font size='6.5'>réalisé : {fmt.euros(row.achieved_eur)}</font>"
    return {
        "kwh": fmt.kwh(row.kwh) if row.kwh else "—",
        "eur": saving,
        "cost": _money(row.cost),
        "aid": aid,
        "payback": fmt.years(row.payback_years),
    }


def _action_cells(row: ActionRow, columns: list[str]) -> list[Any]:
    figures = _figures(row)
    return [
        Paragraph(str(row.priority or ""), Styles.cell),
        Paragraph(_details(row), Styles.cell),
        *[Paragraph(figures[key], Styles.cell_right) for key in columns],
        Paragraph(EFFORT.get(row.effort, row.effort), Styles.cell),
    ]


def figure_columns(data: ReportData) -> list[str]:
    """The figure columns worth printing: all of them when the plan saves, else cost and aid
    when some line has one."""
    if has_savings(data):
        return list(FIGURE_COLUMNS)
    columns = ["cost"] if any(row.cost is not None for row in data.actions) else []
    return columns + (["aid"] if any(row.aid for row in data.actions) else [])


def _legend(data: ReportData, columns: list[str]) -> str:
    if not has_savings(data):
        return "Coûts en euros HT, ordres de grandeur à confirmer par des devis." if columns else ""
    legend = (
        "Économies par an, coûts et aides en euros HT. Chaque ligne est chiffrée seule : quand "
        "plusieurs actions portent sur le même usage, leurs économies ne s'additionnent pas et le "
        "total les combine. Retour = (coût − aide) / économie annuelle."
    )
    if any(row.aid and row.aid_indicative for row in data.actions):
        legend += (
            " Les aides marquées « indicatif » (primes CEE notamment) dépendent de la fiche en "
            "vigueur et de l'offre du financeur."
        )
    return legend


def action_table(data: ReportData) -> list[Any]:
    if not data.actions:
        return [
            Paragraph("Plan d'actions", Styles.h1),
            Paragraph("Aucune action proposée.", Styles.body),
        ]
    columns = figure_columns(data)
    labels = [FIGURE_COLUMNS[key][0] for key in columns]
    head = [*_head(["N°", "Action", *labels], 2), Paragraph("Effort", Styles.cell_head)]
    widths = [FIGURE_COLUMNS[key][1] for key in columns]
    action_width = CONTENT_WIDTH - NUMBER_WIDTH - EFFORT_WIDTH - sum(widths)
    table = Table(
        [head, *[_action_cells(row, columns) for row in data.actions]],
        colWidths=[NUMBER_WIDTH, action_width, *widths, EFFORT_WIDTH],
        repeatRows=1,
    )
    style = list(HEAD_STYLE)
    for index, row in enumerate(data.actions, start=1):
        if row.category is Category.OBLIGATION:
            style.append(("LINEBEFORE", (0, index), (0, index), 2, WARNING))
        if index % 2 == 0:
            style.append(("BACKGROUND", (0, index), (-1, index), LIGHT))
    table.setStyle(TableStyle(style))
    return [Paragraph("Plan d'actions", Styles.h1), table, *_after_table(data, columns)]


def _after_table(data: ReportData, columns: list[str]) -> list[Any]:
    """The legend and the totals as one block: they move to the next page together, never
    leaving the legend alone under the table or the totals' heading alone at a page foot."""
    legend = _legend(data, columns)
    block: list[Any] = [Spacer(1, 2 * mm), Paragraph(legend, Styles.tiny)] if legend else []
    head = _head(
        ["Énergie", "Économie", "Consommation déclarée", "Part", "€ / an", "CO₂e évité"], 1
    )
    totals = totals_table(data, head, HEAD_STYLE)
    if totals:
        block += [Spacer(1, 4 * mm), Paragraph("Totaux par énergie", Styles.h2), *totals]
    return [KeepTogether(block)] if block else []


def obligations(data: ReportData) -> list[Any]:
    if not data.obligations:
        return []
    rows = [_head(["Obligation", "Ce que dit la règle", "Sanction", "Constat"], 9)]
    colors = {
        "À régulariser": WARNING,
        "Pas d'écart constaté": ACCENT,
        "Non vérifié": MUTED,
        "Non concerné": MUTED,
    }
    for row in data.obligations:
        legal = f"<font size='6.5' color='{MUTED.hexval()}'>{text(row.text)}</font>"
        title = f"<b>{text(row.title)}</b><br/>{legal}"
        status = f"<font color='{colors[row.status].hexval()}'><b>{text(row.status)}</b></font>"
        rows.append(
            [
                Paragraph(title, Styles.cell),
                Paragraph(text(row.rule), Styles.cell),
                Paragraph(text(row.sanction), Styles.cell),
                Paragraph(status, Styles.cell),
            ]
        )
    table = Table(rows, colWidths=[48 * mm, 70 * mm, 34 * mm, 22 * mm], repeatRows=1)
    table.setStyle(TableStyle(HEAD_STYLE))
    return [Paragraph("Obligations réglementaires", Styles.h1), table]
