"""The sections of the collective PDF, each a list of flowables from one part of the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from audits.collective.charts import levels_chart, target_chart
from audits.collective.models import CollectiveReport, Savings
from audits.report import fmt
from audits.report.style import LIGHT, Styles, text
from audits.report.tables import HEAD_STYLE

KPI_VALUE = ParagraphStyle("collective_kpi", parent=Styles.kpi_value, fontSize=12, leading=15)
STATUS = {
    "none": "Pas encore vu",
    "planned": "Visite prévue",
    "visited": "Visité",
    "signed": "Plan remis",
}


def table(head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A striped table, first column left-aligned, the others right-aligned."""
    cells = [
        [
            Paragraph(h, Styles.cell_head if i == 0 else Styles.cell_head_right)
            for i, h in enumerate(head)
        ]
    ]
    for row in rows:
        cells.append(
            [Paragraph(c, Styles.cell if i == 0 else Styles.cell_right) for i, c in enumerate(row)]
        )
    result = Table(cells, colWidths=list(widths), repeatRows=1)
    style = list(HEAD_STYLE)
    style += [("BACKGROUND", (0, i), (-1, i), LIGHT) for i in range(2, len(cells), 2)]
    result.setStyle(TableStyle(style))
    return result


def kpis(report: CollectiveReport) -> list[Any]:
    """The campaign in six figures, as tiles across the first page."""
    p, s = report.participation, report.savings
    tiles = [
        (fmt.number(p.establishments), "établissements"),
        (fmt.number(p.visited), "commerces visités"),
        (fmt.number(p.handed_over), "plans remis"),
    ]
    if s is not None:
        tiles += [
            (f"{fmt.number(s.kwh / 1000)} MWh", "d'économies potentielles / an"),
            (fmt.euros(s.eur), "économisables / an"),
            (f"{fmt.number(s.kgco2e / 1000, 1)}\u00a0t", "de CO₂e évitées / an"),
        ]
    cells = [[[Paragraph(v, KPI_VALUE), Paragraph(k, Styles.kpi_label)] for v, k in tiles]]
    grid = Table(cells, colWidths=[174 * mm / len(tiles)] * len(tiles))
    grid.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, LIGHT),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, LIGHT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return [Spacer(1, 4 * mm), grid, Spacer(1, 2 * mm)]


def participation(report: CollectiveReport) -> list[Any]:
    p = report.participation
    rows = [
        ["Établissements de la campagne", fmt.number(p.establishments), "100 %"],
        ["Visites prévues ou faites", fmt.number(p.planned), _pct(p.planned, p.establishments)],
        ["Commerces visités", fmt.number(p.visited), _pct(p.visited, p.establishments)],
        ["Plans d'actions remis", fmt.number(p.handed_over), _pct(p.handed_over, p.establishments)],
    ]
    story: list[Any] = [
        Paragraph("Participation", Styles.h2),
        table(["", "Nombre", "Part"], rows, [100 * mm, 37 * mm, 37 * mm]),
    ]
    if p.by_activity:
        by = [[text(name), fmt.number(count)] for name, count in p.by_activity]
        story += [Spacer(1, 3 * mm), table(["Activité", "Établissements"], by, [120 * mm, 54 * mm])]
    return story


def savings_rows(s: Savings, co2: Callable[[float], str] = fmt.tonnes_co2) -> list[tuple[str, str]]:
    """The savings table of the collective report, label and value: the PDF and the app's
    campaign screen print the same lines (the app passes its own CO2 writing: its font has
    no subscript two)."""
    rows = [
        ("Économies potentielles d'énergie", fmt.kwh(s.kwh) + " / an"),
        ("Économies potentielles en euros", fmt.euros(s.eur) + " / an"),
        ("Émissions évitées", co2(s.kgco2e) + " / an"),
        ("Investissement estimé (aides déduites)", fmt.euros(max(s.cost - s.aid, 0.0))),
        ("Consommation déclarée", f"{fmt.kwh(s.declared_kwh)} ({s.declared_shops} commerces)"),
        ("Objectif de sobriété (−10 %)", fmt.kwh(s.target_kwh)),
        (
            "Actions retenues par les commerçants",
            f"{fmt.kwh(s.accepted_kwh)}, {fmt.euros(s.accepted_eur)}",
        ),
    ]
    if s.followed_up:
        rows.append(
            (
                f"Réalisé, mesuré au suivi ({s.followed_up} commerces)",
                f"{fmt.kwh(s.achieved_kwh)}, {fmt.euros(s.achieved_eur)}",
            )
        )
    return rows


def savings(report: CollectiveReport) -> list[Any]:
    s = report.savings
    if s is None:
        return []
    rows = [list(row) for row in savings_rows(s)]
    verdict = (
        "Le potentiel cumulé dépasse l'objectif de −10 %."
        if s.meets_target
        else "Le potentiel cumulé n'atteint pas encore l'objectif de −10 %."
    )
    return [
        Paragraph("Économies cumulées et objectif de −10 %", Styles.h2),
        table(["", "Campagne"], rows, [100 * mm, 74 * mm]),
        Spacer(1, 3 * mm),
        target_chart(s) if s.share is not None else Spacer(1, 1),
        Paragraph(verdict, Styles.small),
        Paragraph(
            "Les économies de plusieurs actions sur un même usage sont combinées, pas "
            "additionnées ; chaque commerce est plafonné à sa consommation.",
            Styles.tiny,
        ),
    ]


def scores(report: CollectiveReport) -> list[Any]:
    rows = [d for d in ([report.overall] if report.overall else []) + report.themes if d.shops]
    if not rows:
        return []
    body = [
        [
            text(d.title),
            fmt.number(d.shops),
            _score(d.median),
            _score(d.mean),
            f"{_score(d.minimum)} – {_score(d.maximum)}",
        ]
        for d in rows
    ]
    return [
        Paragraph("Répartition des scores par thème", Styles.h2),
        levels_chart(rows),
        Spacer(1, 3 * mm),
        table(
            ["Thème", "Commerces", "Médiane", "Moyenne", "Étendue"],
            body,
            [74 * mm, 22 * mm, 22 * mm, 22 * mm, 34 * mm],
        ),
    ]


def findings(report: CollectiveReport) -> list[Any]:
    if not report.findings:
        return []
    rows = [
        [
            f"{text(f.question)}<br/><font size='7'>{text(f.theme or '')} · le plus souvent : "
            f"{text(f.common_answer)}</font>",
            fmt.number(f.shops),
            fmt.percent(f.share),
        ]
        for f in report.findings
    ]
    return [
        Paragraph("Constats les plus fréquents", Styles.h2),
        table(["Constat", "Commerces", "Part"], rows, [134 * mm, 20 * mm, 20 * mm]),
    ]


def actions(report: CollectiveReport) -> list[Any]:
    if not report.actions:
        return []
    rows = [
        [
            text(a.title),
            fmt.number(a.shops),
            fmt.number(a.accepted),
            fmt.number(a.done),
            fmt.kwh(a.kwh),
            fmt.euros(a.eur),
        ]
        for a in report.actions
    ]
    return [
        Paragraph("Actions les plus proposées", Styles.h2),
        table(
            ["Action", "Commerces", "Retenues", "Faites", "kWh / an", "€ / an"],
            rows,
            [80 * mm, 18 * mm, 17 * mm, 14 * mm, 25 * mm, 20 * mm],
        ),
    ]


def purchases(report: CollectiveReport) -> list[Any]:
    if not report.purchases:
        return []
    items = [Paragraph(f"• {text(p.text)}", Styles.body) for p in report.purchases]
    return [Paragraph("Achats groupés possibles", Styles.h2), *items]


def obligations(report: CollectiveReport) -> list[Any]:
    if not report.obligations:
        return []
    rows = [[text(o.title), fmt.number(o.shops), fmt.percent(o.share)] for o in report.obligations]
    return [
        Paragraph("Obligations le plus souvent non respectées", Styles.h2),
        table(["Obligation", "Commerces", "Part"], rows, [134 * mm, 20 * mm, 20 * mm]),
    ]


def shops(report: CollectiveReport) -> list[Any]:
    rows = [
        [
            f"{text(s.name)}<br/><font size='7'>{text(s.activity or '')}</font>",
            STATUS[s.status],
            _score(s.overall),
            fmt.kwh(s.kwh) if s.kwh else "—",
            f"{s.accepted} / {s.actions}",
        ]
        for s in report.shops
    ]
    story: list[Any] = [Paragraph("Commerces de la campagne", Styles.h2)]
    if report.audience == "association":
        story.append(
            Paragraph(
                f"Seuls les commerces qui ont accepté d'être nommés figurent ici ; "
                f"{report.unnamed_shops} autre(s) ne sont pas identifiés.",
                Styles.small,
            )
        )
    if rows:
        story.append(
            table(
                ["Commerce", "Avancement", "Score", "Économies", "Actions retenues"],
                rows,
                [76 * mm, 26 * mm, 18 * mm, 28 * mm, 26 * mm],
            )
        )
    return story


def _pct(count: int, total: int) -> str:
    return fmt.percent(count / total) if total else "—"


def _score(value: float | None) -> str:
    return "—" if value is None else f"{fmt.number(value)}\u00a0%"
