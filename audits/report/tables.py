"""The action table, the obligations checklist, label verdicts, funding annex and signatures."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from audits.plan.models import Category, LineStatus
from audits.report import fmt
from audits.report.data import ActionRow, ReportData
from audits.report.style import ACCENT, LIGHT, MUTED, PRIMARY, RULE, WARNING, Styles, text

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
ACTION_COLUMNS = [7 * mm, 64 * mm, 20 * mm, 16 * mm, 15 * mm, 15 * mm, 19 * mm, 18 * mm]
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


def _action_cells(row: ActionRow) -> list[Any]:
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
    aid = _money(row.aid, "—") if row.aid else "—"
    if row.aid and row.aid_indicative:
        aid += "<br/><font size='6.5'>indicatif</font>"
    saving = fmt.euros(row.eur) if row.eur else "—"
    if row.achieved_eur is not None:
        saving += f"<br/><font size='6.5'>réalisé : {fmt.euros(row.achieved_eur)}</font>"
    values = [
        fmt.kwh(row.kwh) if row.kwh else "—",
        saving,
        _money(row.cost),
        aid,
        fmt.years(row.payback_years),
    ]
    return [
        Paragraph(str(row.priority or ""), Styles.cell),
        Paragraph("<br/>".join(details), Styles.cell),
        *[Paragraph(value, Styles.cell_right) for value in values],
        Paragraph(EFFORT.get(row.effort, row.effort), Styles.cell),
    ]


def action_table(data: ReportData) -> list[Any]:
    if not data.actions:
        return [
            Paragraph("Plan d'actions", Styles.h1),
            Paragraph("Aucune action proposée.", Styles.body),
        ]
    head = _head(["N°", "Action", "kWh / an", "€ / an", "Coût", "Aide", "Retour", "Effort"], 2)
    head[-1] = Paragraph("Effort", Styles.cell_head)
    rows = [head, *[_action_cells(row) for row in data.actions]]
    table = Table(rows, colWidths=ACTION_COLUMNS, repeatRows=1)
    style = list(HEAD_STYLE)
    for index, row in enumerate(data.actions, start=1):
        if row.category is Category.OBLIGATION:
            style.append(("LINEBEFORE", (0, index), (0, index), 2, WARNING))
        if index % 2 == 0:
            style.append(("BACKGROUND", (0, index), (-1, index), LIGHT))
    table.setStyle(TableStyle(style))
    legend = (
        "Économies par an, coûts et aides en euros HT. Chaque ligne est chiffrée seule : quand "
        "plusieurs actions portent sur le même usage, leurs économies ne s'additionnent pas et le "
        "total les combine. Retour = (coût − aide) / économie annuelle. Les montants de primes CEE "
        "sont indicatifs : ils dépendent de la fiche en vigueur et de l'offre du financeur."
    )
    return [
        Paragraph("Plan d'actions", Styles.h1),
        table,
        Spacer(1, 2 * mm),
        Paragraph(legend, Styles.tiny),
        *_totals(data),
    ]


def _totals(data: ReportData) -> list[Any]:
    totals = data.totals
    if not totals.energies:
        return []
    rows = [
        _head(["Énergie", "Économie", "Consommation déclarée", "Part", "€ / an", "CO₂e évité"], 1)
    ]
    for energy in totals.energies:
        declared = fmt.kwh(energy.declared_kwh) if energy.declared_kwh else "—"
        share = fmt.percent(energy.share) if energy.share is not None else "—"
        cells = [
            fmt.kwh(energy.kwh),
            declared,
            share,
            fmt.euros(energy.eur),
            fmt.kg_co2(energy.kgco2e),
        ]
        rows.append(
            [
                Paragraph(ENERGY_NAMES.get(energy.energy, energy.energy), Styles.cell),
                *[Paragraph(c, Styles.cell_right) for c in cells],
            ]
        )
    share = fmt.percent(totals.share) if totals.share is not None else "—"
    declared = fmt.kwh(totals.declared_kwh) if totals.declared_kwh else "—"
    cells = [fmt.kwh(totals.kwh), declared, share, fmt.euros(totals.eur), fmt.kg_co2(totals.kgco2e)]
    rows.append(
        [
            Paragraph("<b>Total</b>", Styles.cell),
            *[Paragraph(f"<b>{c}</b>", Styles.cell_right) for c in cells],
        ]
    )
    table = Table(rows, colWidths=[34 * mm, 28 * mm, 38 * mm, 18 * mm, 26 * mm, 30 * mm])
    table.setStyle(TableStyle([*HEAD_STYLE, ("LINEABOVE", (0, -1), (-1, -1), 0.8, PRIMARY)]))
    note = (
        "Le total inclut les économies hors énergie (eau, contrat)."
        if totals.eur > sum(e.eur for e in totals.energies) + 0.5
        else ""
    )
    return [
        Spacer(1, 4 * mm),
        KeepTogether(
            [Paragraph("Totaux par énergie", Styles.h2), table, Paragraph(note, Styles.tiny)]
        ),
    ]


ENERGY_NAMES = {
    "electricite": "Électricité",
    "gaz": "Gaz naturel",
    "fioul": "Fioul",
    "propane": "Propane",
    "bois": "Bois",
    "reseau_chaleur": "Réseau de chaleur",
}


def obligations(data: ReportData) -> list[Any]:
    if not data.obligations:
        return []
    rows = [_head(["Obligation", "Ce que dit la règle", "Sanction", "Constat"], 9)]
    colors = {"À régulariser": WARNING, "Pas d'écart constaté": ACCENT, "Non vérifié": MUTED}
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


def labels(data: ReportData) -> list[Any]:
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
