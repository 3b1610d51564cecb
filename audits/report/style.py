"""Fonts, colours and paragraph styles of the plan PDF.

DejaVu Sans ships in ``assets/fonts`` (Bitstream Vera licence): it renders every French
character, the euro sign, « », the narrow no-break space babel puts in numbers and CO₂, on a
device that has no system fonts at all.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

ASSETS = Path(__file__).resolve().parents[2] / "assets"
FONTS = ASSETS / "fonts"
DEFAULT_LOGO = ASSETS / "logo.png"

REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"

PRIMARY = colors.HexColor("#165e6e")
ACCENT = colors.HexColor("#5ea04a")
WARNING = colors.HexColor("#b5462f")
MUTED = colors.HexColor("#5a5a5a")
LIGHT = colors.HexColor("#eef4f5")
RULE = colors.HexColor("#c9d6d9")


@cache
def register_fonts() -> None:
    """Register DejaVu once per process (reportlab keeps fonts in a global registry)."""
    for name, file in (
        (REGULAR, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD
    )


UNIT_SPACE = re.compile(r"(\d) (h|min|°C|%|€|kWh|W|m²|m|ans?|mois)(?!\w)")
"""A space between a number and its unit, which a line must never break (« 6 » / « h »)."""


def text(value: object) -> str:
    """User text made safe for reportlab's mini-markup (``&``, ``<`` in a shop name), with a
    no-break space between each number and its unit."""
    return UNIT_SPACE.sub("\\1\u00a0\\2", escape(str(value)))


def _style(name: str, size: float, **options: object) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": size, "leading": size * 1.3, "textColor": colors.black}
    base.update(options)
    return ParagraphStyle(name, **base)


class Styles:
    body = _style("body", 9.5)
    small = _style("small", 8, textColor=MUTED)
    tiny = _style("tiny", 7, textColor=MUTED)
    cell = _style("cell", 8)
    cell_bold = _style("cell_bold", 8, fontName=BOLD)
    cell_right = _style("cell_right", 8, alignment=TA_RIGHT)
    cell_head = _style("cell_head", 7.5, fontName=BOLD, textColor=colors.white)
    cell_head_right = _style(
        "cell_head_right", 7.5, fontName=BOLD, textColor=colors.white, alignment=TA_RIGHT
    )
    h1 = _style("h1", 17, fontName=BOLD, textColor=PRIMARY, spaceAfter=8, leading=21)
    h2 = _style("h2", 12, fontName=BOLD, textColor=PRIMARY, spaceBefore=10, spaceAfter=5)
    h3 = _style("h3", 10, fontName=BOLD, spaceBefore=6, spaceAfter=3)
    note = _style("note", 8.5, fontName=ITALIC, textColor=MUTED)
    kpi_value = _style(
        "kpi_value", 15, fontName=BOLD, textColor=PRIMARY, alignment=TA_CENTER, leading=19
    )
    kpi_label = _style("kpi_label", 8, textColor=MUTED, alignment=TA_CENTER)
    cover_title = _style("cover_title", 26, fontName=BOLD, textColor=PRIMARY, leading=32)
    cover_subtitle = _style("cover_subtitle", 14, textColor=MUTED, leading=19)
    cover_name = _style("cover_name", 18, fontName=BOLD, leading=23)
