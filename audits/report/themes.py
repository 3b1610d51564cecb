"""Theme scores as a bar chart, then the findings of each theme with notes and photos."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from audits.report import fmt
from audits.report.cover import CONTENT_WIDTH
from audits.report.data import Finding, ReportData, ThemeFindings
from audits.report.style import (
    ACCENT,
    BOLD,
    MUTED,
    PRIMARY,
    REGULAR,
    RULE,
    WARNING,
    Styles,
    text,
)

PHOTO_WIDTH = 84 * mm
PHOTO_MAX_HEIGHT = 63 * mm


def score_chart(data: ReportData) -> list[Any]:
    rows = [row for row in data.themes if row.percent is not None]
    if not rows:
        return []
    bar_height = 7 * mm
    height = len(rows) * bar_height + 14 * mm
    drawing = Drawing(CONTENT_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 62 * mm, 8 * mm
    chart.width, chart.height = CONTENT_WIDTH - 80 * mm, len(rows) * bar_height
    chart.data = [[row.percent or 0.0 for row in reversed(rows)]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.categoryAxis.categoryNames = [_short(row.title) for row in reversed(rows)]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.bars[0].fillColor = PRIMARY
    chart.bars[0].strokeColor = None
    chart.barWidth = bar_height * 0.6
    drawing.add(chart)
    for index, row in enumerate(reversed(rows)):
        y = chart.y + (index + 0.5) * bar_height - 1.2 * mm
        x = chart.x + chart.width * (row.percent or 0) / 100 + 2 * mm
        drawing.add(
            String(
                x,
                y,
                fmt.percent((row.percent or 0) / 100),
                fontName=BOLD,
                fontSize=7.5,
                fillColor=PRIMARY,
            )
        )
    return [Paragraph("Résultats par thème", Styles.h1), drawing, Spacer(1, 4 * mm)]


def _short(title: str) -> str:
    return title if len(title) <= 38 else title[:36] + "…"


def findings(data: ReportData) -> list[Any]:
    if not data.findings:
        return []
    heading = "Constats par thème" if data.themes else "Constats de la visite"
    story: list[Any] = [Paragraph(heading, Styles.h2)]
    for theme in data.findings:
        story += _theme(theme)
    return story


def _theme(theme: ThemeFindings) -> list[Any]:
    score = f" — {fmt.percent(theme.percent / 100)}" if theme.percent is not None else ""
    level = f" ({text(theme.level)})" if theme.level else ""
    head = Paragraph(f"{text(theme.title)}{score}{level}", Styles.h3)
    rows = [_finding_row(finding) for finding in theme.findings]
    parts: list[Any] = [head]
    if rows:
        table = Table(rows, colWidths=[96 * mm, 78 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        parts.append(table)
    if theme.actions:
        listed = " ; ".join(text(title) for title in theme.actions)
        parts.append(Paragraph(f"<b>Actions proposées :</b> {listed}.", Styles.small))
    story: list[Any] = [KeepTogether(parts[:2]), *parts[2:]]
    for finding in theme.findings:
        story += _photos(finding)
    story.append(Spacer(1, 2 * mm))
    return story


def _finding_row(finding: Finding) -> list[Any]:
    """A red dot for a gap, green for a full score, a grey ring for an unscored answer (an
    advisor's note on a label criterion is neither good nor bad news by itself)."""
    if finding.gap:
        mark = f"<font color='{WARNING.hexval()}'>●</font> "
    elif finding.scored:
        mark = f"<font color='{ACCENT.hexval()}'>●</font> "
    else:
        mark = f"<font color='{MUTED.hexval()}'>○</font> "
    answer = [Paragraph(f"<b>{text(finding.answer)}</b>", Styles.cell)]
    if finding.note:
        answer.append(Paragraph(f"<i>Note du conseiller : {text(finding.note)}</i>", Styles.cell))
    return [Paragraph(mark + text(finding.question), Styles.cell), answer]


def _photos(finding: Finding) -> list[Any]:
    if not finding.photos:
        return []
    images = [_image(path) for path in finding.photos]
    cells = [images[i : i + 2] for i in range(0, len(images), 2)]
    for row in cells:
        row += [""] * (2 - len(row))
    table = Table(cells, colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    caption = Paragraph(f"Photo(s) : {text(finding.question)}", Styles.tiny)
    return [KeepTogether([table, caption])]


def _image(path: Any) -> Image:
    """The photo scaled to fit its cell; JPEGs are embedded as they are, never re-encoded."""
    width, height = ImageReader(str(path)).getSize()
    scale = min(PHOTO_WIDTH / width, PHOTO_MAX_HEIGHT / height)
    return Image(str(path), width=width * scale, height=height * scale)
