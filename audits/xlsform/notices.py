"""What an XLSForm import or export could not carry over, or had to adapt, row by row.

A form is never converted silently: every dropped column, type or expression becomes a
``Notice`` the CLI prints, so the author knows exactly what to check or finish by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from audits.errors import Message

SURVEY = "survey"
CHOICES = "choices"
SETTINGS = "settings"
SHEET_ORDER = (SETTINGS, SURVEY, CHOICES)


@dataclass(frozen=True)
class Notice:
    """One thing of the form not carried over (``lost``) or carried over differently."""

    message: str
    row: int | None = None
    sheet: str = SURVEY
    lost: bool = True

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return Message.XLSFORM_AT_ROW.format(sheet=self.sheet, row=self.row, message=self.message)

    @property
    def sort_key(self) -> tuple[int, int]:
        sheet = SHEET_ORDER.index(self.sheet) if self.sheet in SHEET_ORDER else len(SHEET_ORDER)
        return (sheet, self.row or 0)


def sorted_notices(notices: list[Notice]) -> list[Notice]:
    """Sheet by sheet, row by row: the order in which the author will open the workbook."""
    return sorted(dict.fromkeys(notices), key=lambda notice: notice.sort_key)


def summary(notices: list[Notice]) -> str:
    lost = sum(1 for notice in notices if notice.lost)
    return Message.XLSFORM_SUMMARY.format(lost=lost, adapted=len(notices) - lost)
