"""Theme scores as a bar chart (flet-charts), numbered so labels fit on a phone."""

from __future__ import annotations

import flet as ft
import flet_charts as fch

from app.views import theme
from audits.scoring import ThemeScore


def bar_color(percent: float) -> str:
    if percent >= 70:
        return theme.ACCENT
    if percent >= 30:
        return theme.PRIMARY
    return theme.WARNING


def score_chart(themes: list[ThemeScore]) -> ft.Control:
    groups = [
        fch.BarChartGroup(
            x=index,
            rods=[
                fch.BarChartRod(
                    from_y=0,
                    to_y=t.percent or 0,
                    width=22,
                    color=bar_color(t.percent or 0),
                    border_radius=ft.BorderRadius.only(top_left=6, top_right=6),
                    tooltip=f"{t.title} : {round(t.percent or 0)} %",
                )
            ],
        )
        for index, t in enumerate(themes, start=1)
    ]
    chart = fch.BarChart(
        groups=groups,
        min_y=0,
        max_y=100,
        interactive=True,
        left_axis=fch.ChartAxis(
            label_size=36,
            labels=[
                fch.ChartAxisLabel(value=v, label=ft.Text(f"{v} %", size=11, color=theme.MUTED))
                for v in (0, 25, 50, 75, 100)
            ],
        ),
        bottom_axis=fch.ChartAxis(
            label_size=28,
            labels=[
                fch.ChartAxisLabel(
                    value=i, label=ft.Text(str(i), size=12, weight=ft.FontWeight.W_600)
                )
                for i in range(1, len(themes) + 1)
            ],
        ),
        horizontal_grid_lines=fch.ChartGridLines(interval=25, color=theme.LINE, width=1),
        height=240,
        expand=True,
    )
    return ft.Semantics(
        identifier="score-chart", label="Scores par thème", content=ft.Container(chart, height=250)
    )


def legend(themes: list[ThemeScore]) -> list[ft.Control]:
    rows = []
    for index, t in enumerate(themes, start=1):
        percent = round(t.percent or 0)
        rows.append(
            ft.Row(
                [
                    ft.Container(
                        ft.Text(
                            str(index), size=12, color=ft.Colors.WHITE, weight=ft.FontWeight.W_700
                        ),
                        bgcolor=bar_color(t.percent or 0),
                        border_radius=12,
                        width=24,
                        height=24,
                        alignment=ft.Alignment.CENTER,
                    ),
                    ft.Text(t.title, expand=True, size=14),
                    ft.Text(f"{percent} %", weight=ft.FontWeight.W_600),
                    ft.Text(t.level or "", size=12, color=theme.MUTED, width=84),
                ],
                spacing=10,
            )
        )
    return rows
