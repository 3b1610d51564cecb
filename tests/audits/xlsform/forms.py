"""XLSForm workbooks for the tests: the real ones of ../shared/xlsforms and forms built here."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

REPO = Path(__file__).resolve().parents[3]
SHARED_FORMS = (REPO / ".." / "shared" / "xlsforms").resolve()
REAL_FORMS = sorted(SHARED_FORMS.glob("*.xlsx")) if SHARED_FORMS.is_dir() else []
if os.environ.get("CI") and not REAL_FORMS:
    # CI always has shared/ beside the clone: a missing folder there is a failure, not a skip.
    raise RuntimeError(f"workbooks XLSForm absents de {SHARED_FORMS}")
needs_shared_forms = pytest.mark.skipif(
    not REAL_FORMS, reason=f"workbooks XLSForm absents de {SHARED_FORMS}"
)

Rows = Sequence[Sequence[Any]]


def write_form(
    path: Path,
    survey: Rows,
    choices: Rows = (),
    settings: dict[str, Any] | None = None,
) -> Path:
    """Write a workbook whose sheets hold ``rows`` (the first row of each is its header)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(list(row))
    if choices:
        choices_sheet = book.create_sheet("choices")
        for row in choices:
            choices_sheet.append(list(row))
    if settings:
        settings_sheet = book.create_sheet("settings")
        settings_sheet.append(list(settings))
        settings_sheet.append(list(settings.values()))
    book.save(path)
    return path


def many_choices_form(path: Path, count: int = 5000) -> Path:
    """One select_one over a list of ``count`` communes, plus a condition on one of them."""
    survey = [
        ("type", "name", "label", "relevant"),
        ("select_one communes", "commune", "Commune de l'établissement", None),
        ("integer", "habitants", "Habitants", "${commune} = 'c04999'"),
    ]
    choices = [("list_name", "name", "label")] + [
        ("communes", f"c{index:05d}", f"Commune n° {index}") for index in range(count)
    ]
    return write_form(path, survey, choices, {"form_title": "Communes", "form_id": "communes"})
