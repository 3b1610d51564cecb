"""Reading an XLSForm workbook with pyxform's own readers, keeping each row's number.

pyxform knows the spec's sheet and column aliases (``list name`` / ``list_name``,
``relevance`` / ``relevant``, ``label::French (fr)``…); reusing its readers keeps us in step
with the forms ODK and KoboToolbox accept. Rows come back grouped the pyxform way
(``{"bind": {"relevant": …}, "label": {"French (fr)": …}}``) with ``__row`` set to their
spreadsheet row, so every notice can point at the line to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyxform import aliases, constants
from pyxform.errors import PyXFormError
from pyxform.parsing.sheet_headers import dealias_and_group_headers
from pyxform.question import MultipleChoiceQuestion, Option
from pyxform.survey import Survey
from pyxform.xls2json_backends import get_xlsform

from audits.errors import DiagError, Message

Row = dict[str, Any]
ROW = "__row"
LIST_NAME: str = constants.LIST_NAME_S
DEFAULT_LANGUAGE: str = constants.DEFAULT_LANGUAGE_VALUE


class XLSFormError(DiagError):
    """A workbook that cannot be read as an XLSForm at all."""


@dataclass
class Workbook:
    """The three sheets an import uses, rows grouped and numbered."""

    survey: list[Row]
    choices: list[Row] = field(default_factory=list)
    settings: Row = field(default_factory=dict)
    stem: str = "formulaire"


def read_workbook(path: Path | str) -> Workbook:
    """Read ``path`` (xlsx, xls, csv or md, as pyxform does) or raise XLSFormError."""
    path = Path(path)
    if not path.is_file():
        raise XLSFormError(Message.XLSFORM_UNREADABLE.format(problem="fichier introuvable"))
    try:
        data = get_xlsform(path)
    except PyXFormError as error:
        if "not recognized as a supported type" in str(error):
            raise XLSFormError(Message.XLSFORM_NOT_A_WORKBOOK.value) from None
        raise XLSFormError(Message.XLSFORM_UNREADABLE.format(problem=_reason(error))) from None
    try:
        settings = _settings(data)
        strip = aliases.yes_no.get(settings.get("clean_text_values", "yes"), True)
        return Workbook(_survey(data, strip), _choices(data), settings, path.stem)
    except PyXFormError as error:
        raise XLSFormError(Message.XLSFORM_UNREADABLE.format(problem=_reason(error))) from None


def _survey(data: Any, strip: bool) -> list[Row]:
    if not data.survey:
        raise XLSFormError(Message.XLSFORM_NO_SURVEY.value)
    return _grouped(
        constants.SURVEY,
        data.survey,
        data.survey_header,
        aliases.survey_header,
        set(MultipleChoiceQuestion.get_slot_names()),
        strip=strip,
    )


def _choices(data: Any) -> list[Row]:
    if not data.choices:
        return []
    return _grouped(
        constants.CHOICES,
        data.choices,
        data.choices_header,
        aliases.list_header,
        set(Option.get_slot_names()),
    )


def _settings(data: Any) -> Row:
    if not data.settings:
        return {}
    rows = dealias_and_group_headers(
        sheet_name=constants.SETTINGS,
        sheet_data=data.settings,
        sheet_header=data.settings_header,
        header_aliases=aliases.settings_header,
        header_columns=set(Survey.get_slot_names()),
    ).data
    return dict(rows[0]) if rows else {}


def _grouped(
    sheet: str,
    rows: Any,
    header: Any,
    header_aliases: Any,
    columns: set[str],
    strip: bool = False,
) -> list[Row]:
    result = dealias_and_group_headers(
        sheet_name=sheet,
        sheet_data=rows,
        sheet_header=header,
        header_aliases=header_aliases,
        header_columns=columns,
        strip_whitespace=strip,
        add_row_number=True,
    )
    return [dict(row) for row in result.data]


def _reason(error: PyXFormError) -> str:
    """pyxform's message, on one line (it is English: there is no French catalogue for it)."""
    return " ".join(str(error).split()) or type(error).__name__
