"""The cover page and the one-page summary: what the owner reads first, and maybe only."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, PageBreak, Paragraph, Spacer, Table, TableStyle

from audits.plan.models import Category
from audits.report import fmt, labels
from audits.report.data import ActionRow, ReportData, chamber_for
from audits.report.style import DEFAULT_LOGO, LIGHT, PRIMARY, RULE, WARNING, Styles, text
from audits.report.totals import has_savings, printed_totals

EFFORT = {"faible": "Faible", "moyen": "Moyen", "important": "Important"}
KIND_TITLES = {
    "energy": "Plan d'actions de sobriété énergétique",
    "rse": "Plan d'actions RSE",
    "label": "Avis de labellisation et plan d'actions",
    "other": "Plan d'actions",
}
CONTENT_WIDTH = 174 * mm


def logo(data: ReportData, width: float) -> Image:
    path = data.audit.logo or DEFAULT_LOGO
    image_width, image_height = ImageReader(str(path)).getSize()
    return Image(str(path), width=width, height=width * image_height / image_width)


def cover(data: ReportData) -> list[Any]:
    est = data.establishment
    lines = [est.activity, est.address, est.commune, f"SIRET {est.siret}" if est.siret else None]
    details = "<br/>".join(text(line) for line in lines if line)
    audit_rows = [
        ["Date de la visite", fmt.long_date(data.audit.date)],
        ["Conseiller", data.audit.advisor],
        ["Chambre", data.audit.chamber or chamber_for(data.kind)],
    ]
    if est.contact:
        audit_rows.append(["Interlocuteur", est.contact])
    if data.audit.reference:
        audit_rows.append(["Référence", data.audit.reference])
    table = Table(
        [
            [Paragraph(text(k), Styles.small), Paragraph(text(v), Styles.body)]
            for k, v in audit_rows
        ],
        colWidths=[40 * mm, 120 * mm],
    )
    table.setStyle(
        TableStyle(
            [("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    return [
        logo(data, 80 * mm),
        Spacer(1, 40 * mm),
        Paragraph(text(KIND_TITLES.get(data.kind, KIND_TITLES["other"])), Styles.cover_title),
        Spacer(1, 3 * mm),
        Paragraph(text(data.title), Styles.cover_subtitle),
        Spacer(1, 22 * mm),
        Paragraph(text(est.name), Styles.cover_name),
        Spacer(1, 2 * mm),
        Paragraph(details, Styles.body),
        Spacer(1, 14 * mm),
        table,
        PageBreak(),
    ]


def _kpi(value: str, label: str) -> list[Paragraph]:
    return [Paragraph(value, Styles.kpi_value), Paragraph(label, Styles.kpi_label)]


def kpis(data: ReportData) -> Table:
    """The key figures, equal to the « Totaux par énergie » table's total row."""
    totals = data.totals
    printed = printed_totals(data)
    share = (
        f" soit {fmt.percent(totals.share)} de la consommation" if totals.share is not None else ""
    )
    cells = [
        _kpi(fmt.kwh(printed.kwh or 0.0), f"d'énergie économisés par an{share}"),
        _kpi(fmt.euros(printed.eur), "d'économies par an (HT)"),
        _kpi(fmt.tonnes_co2(printed.kgco2e or 0), "d'émissions évitées par an"),
        _kpi(
            fmt.years(totals.payback_years),
            f"de retour sur investissement ({fmt.euros(totals.cost)} investis, "
            f"{fmt.euros(totals.aid)} d'aides)",
        ),
    ]
    table = Table([cells], colWidths=[CONTENT_WIDTH / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.6, PRIMARY),
                ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _target_sentence(data: ReportData) -> str | None:
    totals = data.totals
    if totals.share is None or not totals.kwh:
        return None
    target = fmt.percent(totals.target_share)
    if totals.meets_target:
        return (
            f"Le plan dépasse l'objectif national de sobriété (−{target}) : "
            f"{fmt.percent(totals.share)} de la consommation déclarée."
        )
    return (
        f"Le plan atteint {fmt.percent(totals.share)} de la consommation déclarée, "
        f"pour un objectif national de sobriété de −{target}."
    )


def summary(data: ReportData) -> list[Any]:
    story: list[Any] = [Paragraph("Synthèse", Styles.h1)]
    if data.score_percent is not None:
        level = f" — niveau « {text(data.score_level)} »" if data.score_level else ""
        story.append(
            Paragraph(
                f"<b>Score global : {fmt.percent(data.score_percent / 100)}</b>{level}", Styles.body
            )
        )
        story.append(Spacer(1, 4 * mm))
    if data.totals.kwh or data.totals.eur:
        story += [kpis(data), Spacer(1, 3 * mm)]
        sentence = _target_sentence(data)
        if sentence:
            story.append(Paragraph(text(sentence), Styles.body))
        if any(row.indicative for row in data.actions):
            story.append(
                Paragraph(
                    "Chiffres : estimation indicative, fondée sur les réponses et des ratios "
                    "moyens du secteur.",
                    Styles.note,
                )
            )
    to_fix = [row for row in data.obligations if row.status == "À régulariser"]
    if to_fix:
        story.append(Spacer(1, 3 * mm))
        titles = ", ".join(text(row.title) for row in to_fix)
        story.append(
            Paragraph(
                f"<font color='{WARNING.hexval()}'><b>{len(to_fix)} obligation(s) à "
                f"régulariser</b></font> : {titles}.",
                Styles.body,
            )
        )
    if data.labels or data.decision:
        return story + labels.summary(data) + _top_actions(data)  # a label audit's conclusion
    return story + _top_actions(data)


def _top_actions(data: ReportData) -> list[Any]:
    top = [row for row in data.actions if row.category is not Category.PROGRESS or row.obligation]
    top = top[:5] or data.actions[:5]
    if not top:
        return []
    savings = has_savings(data)
    head = ["N°", "Actions prioritaires", *(["Économie / an", "Retour"] if savings else ["Effort"])]
    rows = [[Paragraph(h, Styles.cell_head) for h in head]]
    for row in top:
        figures = [Paragraph(cell, Styles.cell_right) for cell in _top_figures(row, savings)]
        if not savings:
            figures = [Paragraph(EFFORT.get(row.effort, row.effort), Styles.cell)]
        rows.append(
            [
                Paragraph(str(row.priority), Styles.cell),
                Paragraph(text(row.title), Styles.cell),
                *figures,
            ]
        )
    widths = [26 * mm, 20 * mm] if savings else [26 * mm]
    table = Table(rows, colWidths=[10 * mm, CONTENT_WIDTH - 10 * mm - sum(widths), *widths])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Spacer(1, 5 * mm), Paragraph("Les actions à engager en premier", Styles.h2), table]


def _top_figures(row: ActionRow, savings: bool) -> list[str]:
    """Saving and payback in a plan that saves (an RSE or label plan shows the effort)."""
    if not savings:
        return []
    saving = fmt.euros(row.eur) if row.eur else ("obligation" if row.obligation else "—")
    return [saving, fmt.years(row.payback_years)]
