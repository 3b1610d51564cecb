"""The collective report on the campaign screen: figures, savings against the target, scores
per theme as stacked bars, findings, actions, group purchases, obligations.

Bars are plain containers sized by flex factors, not a chart widget: a stacked bar per theme
reads the same on a 360 px phone and on a desktop, with its label above it.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.campaign import CampaignVM, ScoreRow
from app.views import theme
from app.views.widgets import card, muted, responsive, section

LEVEL_COLOURS = (
    ("#B5462F", ft.Colors.WHITE),
    ("#E0A33B", "#1D2B2F"),
    ("#7FB069", "#1D2B2F"),
    ("#2E7D5B", ft.Colors.WHITE),
)
"""The PDF's maturity colours (``audits.collective.charts``), each with a readable text."""
INK = "#1D2B2F"


def report_blocks(vm: CampaignVM) -> list[ft.Control]:
    """Every part of the report that has something to show, in the PDF's order."""
    blocks: list[ft.Control] = [responsive(_tiles(vm), md=4, lg=2, xs=6)]
    if vm.suppressed:
        blocks.append(_banner(vm.suppressed, key="suppressed"))
    blocks += _savings(vm)
    if purchases := vm.purchases():
        items = [_line(text, None, ft.Icons.SHOPPING_CART_OUTLINED) for text in purchases]
        blocks.append(section("Achats groupés possibles", [card(ft.Column(items, spacing=10))]))
    if obligations := vm.obligations():
        rows = [_line(title, figure, ft.Icons.GAVEL) for title, figure in obligations]
        title = "Obligations le plus souvent non respectées"
        blocks.append(section(title, [card(ft.Column(rows, spacing=10))]))
    blocks += _scores(vm)
    if findings := vm.findings():
        rows = [_finding(question, detail, figure) for question, detail, figure in findings]
        blocks.append(section("Constats les plus fréquents", [card(ft.Column(rows, spacing=12))]))
    if actions := vm.actions():
        rows = [_line(title, detail, ft.Icons.TASK_ALT) for title, detail in actions]
        blocks.append(section("Actions les plus proposées", [card(ft.Column(rows, spacing=12))]))
    return blocks


def _tiles(vm: CampaignVM) -> list[ft.Control]:
    return [
        card(
            ft.Column(
                [
                    ft.Text(
                        value,
                        size=18,
                        weight=ft.FontWeight.W_700,
                        color=theme.PRIMARY,
                        key=f"figure-{key}",
                    ),
                    muted(label, size=12),
                ],
                spacing=2,
            ),
            padding=12,
        )
        for key, value, label in vm.key_figures()
    ]


def _banner(text: str, key: str) -> ft.Control:
    return ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.VISIBILITY_OFF_OUTLINED, color=theme.AMBER),
                ft.Text(text, expand=True, key=key, color=INK),
            ]
        ),
        bgcolor=theme.AMBER_SOFT,
        border_radius=12,
        padding=12,
    )


def _savings(vm: CampaignVM) -> list[ft.Control]:
    rows = vm.savings_rows()
    if not rows:
        return []
    table = [
        ft.Row(
            [
                muted(label, size=13, expand=True),
                ft.Text(value, size=13, weight=ft.FontWeight.W_600, color=INK),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        for label, value in rows
    ]
    parts: list[ft.Control] = []
    if gauge := vm.target():
        potential, target, potential_text, target_text, met = gauge
        colour = theme.ACCENT if met else theme.WARNING
        parts += [
            ft.Text(potential_text, size=13, weight=ft.FontWeight.W_600, key="target-potential"),
            _bar(potential, colour),
            ft.Text(target_text, size=13, weight=ft.FontWeight.W_600, key="target-goal"),
            _bar(target, theme.PRIMARY),
        ]
    if vm.verdict:
        parts.append(ft.Text(vm.verdict, size=13, color=INK, key="target-verdict"))
    parts += [ft.Divider(height=8, color=theme.LINE), *table]
    parts.append(
        muted(
            "Les économies de plusieurs actions sur un même usage sont combinées, pas "
            "additionnées ; chaque commerce est plafonné à sa consommation.",
            size=11,
        )
    )
    title = "Économies cumulées et objectif de −10 %"
    return [section(title, [card(ft.Column(parts, spacing=8))])]


def _bar(value: float, colour: str) -> ft.Control:
    return ft.ProgressBar(
        value=min(max(value, 0.0), 1.0),
        color=colour,
        bgcolor=theme.SURFACE,
        bar_height=12,
        border_radius=6,
    )


def _scores(vm: CampaignVM) -> list[ft.Control]:
    rows = vm.score_rows()
    if not rows:
        return []
    legend = ft.Row(
        [_swatch(index, label) for index, label in enumerate(vm.levels())],
        wrap=True,
        spacing=14,
        run_spacing=6,
    )
    bars = [_score_bar(row) for row in rows]
    content = ft.Column([legend, *bars], spacing=14)
    title = "Répartition des scores par thème"
    return [section(title, [card(ft.Semantics(content=content, identifier="score-levels"))])]


def _swatch(index: int, label: str) -> ft.Control:
    colour = LEVEL_COLOURS[index % len(LEVEL_COLOURS)][0]
    return ft.Row(
        [
            ft.Container(width=12, height=12, bgcolor=colour, border_radius=3),
            muted(label, size=12),
        ],
        spacing=6,
        tight=True,
    )


def _score_bar(row: ScoreRow) -> ft.Control:
    """« Éclairage · médiane 60 % · 46 commerces » over one bar split by maturity level."""
    segments = []
    for index, (label, count) in enumerate(row.levels):
        if not count:
            continue
        background, ink = LEVEL_COLOURS[index % len(LEVEL_COLOURS)]
        wide = count / row.shops >= 0.08
        segments.append(
            ft.Container(
                ft.Text(str(count), size=11, color=ink, weight=ft.FontWeight.W_700)
                if wide
                else None,
                bgcolor=background,
                expand=count,
                height=24,
                alignment=ft.Alignment.CENTER,
                tooltip=f"{label} : {count} commerce{'s' if count > 1 else ''}",
            )
        )
    head = ft.Row(
        [
            ft.Text(row.title, size=13, weight=ft.FontWeight.W_600, expand=True, color=INK),
            muted(f"médiane {row.median} · {row.shops} commerces", size=12),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    bar = ft.Container(
        ft.Row(segments, spacing=2, key=f"levels-{row.key}"),
        border_radius=6,
        clip_behavior=ft.ClipBehavior.HARD_EDGE,
    )
    return ft.Column([head, bar], spacing=4, key=f"score-{row.key}")


def _line(title: str, detail: str | None, icon: Any) -> ft.Control:
    text: list[ft.Control] = [ft.Text(title, size=14, color=INK)]
    if detail:
        text.append(muted(detail, size=12))
    return ft.Row(
        [ft.Icon(icon, color=theme.PRIMARY, size=20), ft.Column(text, spacing=2, expand=True)],
        spacing=10,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def _finding(question: str, detail: str, figure: str) -> ft.Control:
    return ft.Column(
        [
            ft.Text(question, size=14, color=INK),
            ft.Row(
                [
                    muted(detail, size=12, expand=True),
                    ft.Text(figure, size=12, weight=ft.FontWeight.W_600, color=theme.PRIMARY),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ],
        spacing=2,
    )
