"""« Totaux par énergie »: the plan's yearly savings per energy and besides energy, as printed.

Every figure is rounded for print (whole euros and kg, kWh to the tenth below 10 000 kWh), and
each total is the sum of the printed parts: an owner who adds up 1 446 € + 236 € + 1 730 € must
find 3 412 €, on this table and on the summary's key figures alike, not the 3 411 € the
unrounded parts give. Savings besides energy (water, contract) get their own row, and the note
names the actions they come from rather than guessing what they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from audits.plan.models import Plan, Totals
from audits.report import fmt
from audits.report.data import ReportData
from audits.report.style import PRIMARY, Styles, text

ENERGY_NAMES = {
    "electricite": "Électricité",
    "gaz": "Gaz naturel",
    "fioul": "Fioul",
    "propane": "Propane",
    "bois": "Bois",
    "reseau_chaleur": "Réseau de chaleur",
}
OTHER = "Hors énergie"


@dataclass(frozen=True)
class Row:
    """One printed row: kWh, kg and EUR already rounded the way they are shown."""

    label: str
    kwh: float | None
    declared: float | None
    share: float | None
    eur: int
    kgco2e: int | None


def has_savings(data: ReportData) -> bool:
    """Some line saves energy or money: only then do savings, payback and totals mean anything
    (an RSE or label plan of steps to take would print columns of « — »)."""
    return any(row.kwh or row.eur for row in data.actions)


def kwh_decimals(totals: Totals) -> int:
    """One decimal while the total stays below 10 000 kWh, as ``fmt.kwh`` prints it."""
    return 1 if abs(totals.kwh) < 10_000 else 0


def printed_rows(totals: Totals, other_eur: Iterable[float]) -> list[Row]:
    """The rows per energy, then « Hors énergie »: each kept line's savings besides energy."""
    decimals = kwh_decimals(totals)
    printed = [
        Row(
            label=ENERGY_NAMES.get(energy.energy, energy.energy),
            kwh=round(energy.kwh, decimals),
            declared=energy.declared_kwh,
            share=energy.share,
            eur=round(energy.eur),
            kgco2e=round(energy.kgco2e),
        )
        for energy in totals.energies
    ]
    other = sum(round(eur) for eur in other_eur)
    if other:
        printed.append(Row(OTHER, None, None, None, other, None))
    return printed


def printed_total(totals: Totals, other_eur: Iterable[float]) -> Row:
    """The total row: sums of the printed parts (kWh, EUR, kg), the plan's share as computed."""
    parts = printed_rows(totals, other_eur)
    return Row(
        label="Total",
        kwh=round(sum(row.kwh or 0.0 for row in parts), kwh_decimals(totals)),
        declared=totals.declared_kwh,
        share=totals.share,
        eur=sum(row.eur for row in parts),
        kgco2e=sum(row.kgco2e or 0 for row in parts),
    )


def rows(data: ReportData) -> list[Row]:
    return printed_rows(data.totals, (row.other_eur for row in data.actions))


def printed_totals(data: ReportData) -> Row:
    return printed_total(data.totals, (row.other_eur for row in data.actions))


def plan_printed_totals(plan: Plan) -> Row:
    """The same total row from the plan itself, for the CLI: the PDF prints ``ReportData``'s
    action rows, which are the plan's kept lines, so both print the same figures."""
    return printed_total(plan.totals, (line.figures.savings_eur_other for line in plan.kept_lines))


def _cells(row: Row) -> list[str]:
    return [
        fmt.kwh(row.kwh) if row.kwh is not None else "—",
        fmt.kwh(row.declared) if row.declared else "—",
        fmt.percent(row.share) if row.share is not None else "—",
        fmt.euros(row.eur),
        fmt.kg_co2(row.kgco2e) if row.kgco2e is not None else "—",
    ]


def totals_table(data: ReportData, head: list[Paragraph], style: list[Any]) -> list[Any]:
    """The table and its note; empty for a plan without energy savings (RSE, label)."""
    if not data.totals.energies:
        return []
    table_rows: list[list[Any]] = [head]
    for row in rows(data):
        cells = [Paragraph(cell, Styles.cell_right) for cell in _cells(row)]
        table_rows.append([Paragraph(text(row.label), Styles.cell), *cells])
    total = [
        Paragraph(f"<b>{cell}</b>", Styles.cell_right) for cell in _cells(printed_totals(data))
    ]
    table_rows.append([Paragraph("<b>Total</b>", Styles.cell), *total])
    table = Table(table_rows, colWidths=[34 * mm, 28 * mm, 38 * mm, 18 * mm, 26 * mm, 30 * mm])
    table.setStyle(TableStyle([*style, ("LINEABOVE", (0, -1), (-1, -1), 0.8, PRIMARY)]))
    return [table, *_other_note(data)]


def _other_note(data: ReportData) -> list[Paragraph]:
    """What the « Hors énergie » row is made of: the actions, by number, with their euros."""
    sources = [row for row in data.actions if round(row.other_eur)]
    if not sources:
        return []
    listed = " ; ".join(
        f"n° {row.priority} {text(row.title)} ({fmt.euros(row.other_eur)})" for row in sources
    )
    return [Paragraph(f"{OTHER}, compris dans le total : {listed}.", Styles.tiny)]
