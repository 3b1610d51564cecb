"""The house A4 document shared by every PDF Diag Terrain prints (plan, collective report).

One place for the margins, the metadata, the fonts and the footer « page x / y », and for
turning an unwritable path into a French error rather than a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from audits.errors import DiagError, Message
from audits.report.canvas import canvas_maker
from audits.report.style import register_fonts


def write_pdf(
    path: Path,
    flowables: Callable[[], list[Any]],
    footer: str,
    *,
    title: str,
    author: str,
    subject: str,
) -> Path:
    """``flowables`` is called once the fonts are registered: paragraph styles name them."""
    register_fonts()
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        subject=subject,
        creator="Diag Terrain",
    )
    try:
        document.build(flowables(), canvasmaker=canvas_maker(footer))
    except OSError as exc:
        raise DiagError(
            Message.REPORT_WRITE_FAILED.format(path=path, problem=exc.strerror or exc)
        ) from None
    return path
