"""Page furniture: the « page x / y » footer and the thin header band of inner pages.

The total page count is known only once the story is laid out, so pages are kept until
``save`` and numbered then (the classic reportlab numbered-canvas pattern).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from audits.report.style import MUTED, PRIMARY, REGULAR, RULE


class NumberedCanvas(Canvas):  # type: ignore[misc]
    footer_left = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture(total)
            super().showPage()
        super().save()

    def _furniture(self, total: int) -> None:
        width, _height = self._pagesize
        page = self._pageNumber
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
        self.setFont(REGULAR, 7.5)
        self.setFillColor(MUTED)
        self.drawString(18 * mm, 9.5 * mm, self.footer_left)
        self.drawRightString(width - 18 * mm, 9.5 * mm, f"page {page} / {total}")
        if page > 1:
            self.setFillColor(PRIMARY)
            self.rect(0, self._pagesize[1] - 6 * mm, width, 6 * mm, stroke=0, fill=1)
        self.restoreState()


def canvas_maker(footer: str) -> type[NumberedCanvas]:
    """A canvas class carrying this document's footer text."""
    return type("FooterCanvas", (NumberedCanvas,), {"footer_left": footer})
