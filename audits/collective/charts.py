"""The two charts of the collective PDF, drawn with reportlab shapes (vector, no image files).

Score distributions are stacked bars, one per theme, split by maturity level: the association
sees at a glance where most shops stand. Savings are set against the −10 % target with a
single bar and the target marked on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from audits.collective.models import Distribution, Savings
from audits.report import fmt
from audits.report.style import ACCENT, BOLD, MUTED, PRIMARY, REGULAR, WARNING

CONTENT_WIDTH = 174 * mm
LEVEL_COLOURS = (
    colors.HexColor("#b5462f"),
    colors.HexColor("#e0a33b"),
    colors.HexColor("#7fb069"),
    colors.HexColor("#2e7d5b"),
)
LABEL_WIDTH = 58 * mm
BAR_HEIGHT = 6 * mm


def levels_chart(rows: Sequence[Distribution]) -> Drawing:
    """One stacked bar per theme: how many shops at each maturity level."""
    shown = [row for row in rows if row.shops]
    height = (len(shown) + 1) * (BAR_HEIGHT + 2 * mm) + 6 * mm
    drawing = Drawing(CONTENT_WIDTH, height)
    width = CONTENT_WIDTH - LABEL_WIDTH - 4 * mm
    for index, row in enumerate(shown):
        y = height - (index + 1) * (BAR_HEIGHT + 2 * mm)
        drawing.add(String(0, y + 1.8 * mm, _short(row.title), fontName=REGULAR, fontSize=7.5))
        x = LABEL_WIDTH
        for level, colour in zip(row.levels, LEVEL_COLOURS, strict=False):
            part = width * level.count / row.shops
            if part <= 0:
                continue
            drawing.add(Rect(x, y, part, BAR_HEIGHT, fillColor=colour, strokeColor=colors.white))
            if part > 6 * mm:
                label = String(
                    x + part / 2,
                    y + 1.8 * mm,
                    str(level.count),
                    fontName=BOLD,
                    fontSize=7,
                    fillColor=colors.white,
                    textAnchor="middle",
                )
                drawing.add(label)
            x += part
    _legend(drawing, shown[0].levels if shown else [], 0)
    return drawing


def _legend(drawing: Drawing, levels: Sequence[object], y: float) -> None:
    x = LABEL_WIDTH
    for level, colour in zip(levels, LEVEL_COLOURS, strict=False):
        drawing.add(Rect(x, y, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        name = f"{getattr(level, 'label', '')} (≥ {fmt.number(getattr(level, 'minimum', 0))} %)"
        drawing.add(String(x + 4 * mm, y + 0.5 * mm, name, fontName=REGULAR, fontSize=7))
        x += 29 * mm if len(name) < 20 else 36 * mm


def target_chart(savings: Savings) -> Drawing:
    """Share of declared consumption saved, against the −10 % target."""
    drawing = Drawing(CONTENT_WIDTH, 22 * mm)
    share = savings.share or 0.0
    scale_max = max(0.3, share * 1.15, savings.target_share * 1.5)
    width = CONTENT_WIDTH - 10 * mm
    y = 9 * mm
    drawing.add(Rect(0, y, width, 7 * mm, fillColor=colors.HexColor("#eef4f5"), strokeColor=None))
    colour = ACCENT if savings.meets_target else WARNING
    drawing.add(Rect(0, y, width * share / scale_max, 7 * mm, fillColor=colour, strokeColor=None))
    target_x = width * savings.target_share / scale_max
    drawing.add(
        Line(target_x, y - 2 * mm, target_x, y + 9 * mm, strokeColor=PRIMARY, strokeWidth=1.5)
    )
    drawing.add(
        String(
            target_x,
            y - 6 * mm,
            f"objectif −{fmt.percent(savings.target_share)}",
            fontName=BOLD,
            fontSize=7.5,
            fillColor=PRIMARY,
            textAnchor="middle",
        )
    )
    drawing.add(
        String(
            min(width * share / scale_max, width) + 1.5 * mm,
            y + 10 * mm,
            f"potentiel : −{fmt.percent(share, 1)}",
            fontName=BOLD,
            fontSize=8,
            fillColor=MUTED,
        )
    )
    return drawing


def _short(title: str) -> str:
    return title if len(title) <= 40 else title[:38] + "…"
