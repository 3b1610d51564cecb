"""One survey row turned into a question draft, with the columns it used.

The columns a question does not use are reported by the walker, so this module names
exactly which ones it reads: a column read here is never reported as ignored, and a column
not read here always is.
"""

from __future__ import annotations

from typing import Protocol

from pyxform.errors import PyXFormError
from pyxform.parsing.parameters import parse as parse_parameters

from audits.errors import Message
from audits.questionnaire import QuestionType
from audits.xlsform.choices import ChoiceList
from audits.xlsform.drafts import QuestionDraft
from audits.xlsform.languages import text_in
from audits.xlsform.notices import Notice
from audits.xlsform.reading import Row
from audits.xlsform.typemap import BOOL_CODES, RowType, is_bool_list

COMMON_COLUMNS = frozenset(
    {"type", "name", "label", "hint", "unit", "bind.relevant", "bind.jr:constraintMsg"}
)
RANGE_DEFAULTS = {"start": "1", "end": "10", "step": "1"}


class Walker(Protocol):
    lists: dict[str, ChoiceList]
    language: str
    notices: list[Notice]

    def claim(self, name: str, line: int) -> str: ...


def question_draft(
    row: Row, line: int, text: str, kind: RowType, walker: Walker
) -> tuple[QuestionDraft, set[str]]:
    """The draft of a question row and the set of columns it read."""
    assert kind.type is not None
    name = str(row["name"])
    bind = row.get("bind") or {}
    used = set(COMMON_COLUMNS)
    draft = QuestionDraft(line, name, walker.claim(name, line), kind.type, label="")
    if kind.approximation:
        _approximated(draft, text, kind.approximation, walker)
    if draft.type in (QuestionType.CHOICE, QuestionType.MULTI):
        _choices(draft, text, kind, walker)
    appearance = str((row.get("control") or {}).get("appearance") or "")
    if draft.type is QuestionType.PHOTO and "signature" in appearance.split():
        draft.type = QuestionType.SIGNATURE
        used.add("control.appearance")
    if text.split()[0] == "range":
        _range(draft, row, line, used)
    _texts(draft, row, walker)
    draft.relevant = bind.get("relevant")
    if draft.type not in (QuestionType.NOTE, QuestionType.COMPUTED):
        draft.required, draft.constraint = bind.get("required"), bind.get("constraint")
        used |= {"bind.required", "bind.constraint"}
    if draft.type is QuestionType.COMPUTED:
        draft.calculation = bind.get("calculate")
        used.add("bind.calculate")
    if row.get("unit"):
        draft.extra["unit"] = str(row["unit"])
    return draft, used


def _approximated(draft: QuestionDraft, text: str, why: str, walker: Walker) -> None:
    message = Message.XLSFORM_TYPE_APPROXIMATED.format(type=text, target=draft.type.value, why=why)
    walker.notices.append(Notice(message, draft.row))


def _choices(draft: QuestionDraft, text: str, kind: RowType, walker: Walker) -> None:
    found = walker.lists.get(kind.list_name or "")
    if found is None or not found.choices:
        draft.type = QuestionType.TEXT
        why = Message.XLSFORM_WHY_NO_LIST.format(list=kind.list_name)
        _approximated(draft, text, why, walker)
        return
    codes = list(found.codes)
    if draft.type is QuestionType.CHOICE and not kind.or_other and is_bool_list(found.name, codes):
        draft.type = QuestionType.BOOL
        draft.codes = {code: str(BOOL_CODES[code]) for code in codes}
        message = Message.XLSFORM_BOOL.format(list=found.name, name=draft.name)
        walker.notices.append(Notice(message, draft.row, lost=False))
        return
    draft.choices = [dict(choice) for choice in found.choices]
    draft.codes = {code: repr(new) for code, new in found.codes.items()}


def _range(draft: QuestionDraft, row: Row, line: int, used: set[str]) -> None:
    """``range`` with ``start=0 end=100 step=5``: a number with bounds."""
    used.add("parameters")
    try:
        given = parse_parameters(str(row.get("parameters") or ""), line)
    except PyXFormError:
        given = {}
    try:
        start, end, step = (float(given.get(key, RANGE_DEFAULTS[key])) for key in RANGE_DEFAULTS)
    except ValueError:
        return
    if all(number.is_integer() for number in (start, end, step)):
        draft.type = QuestionType.INT
    draft.extra["min"], draft.extra["max"] = (
        plain_number(min(start, end)),
        plain_number(max(start, end)),
    )


def plain_number(number: float) -> int | float:
    return int(number) if number.is_integer() else number


def _texts(draft: QuestionDraft, row: Row, walker: Walker) -> None:
    label = text_in(row.get("label"), walker.language)
    if not label and draft.type is not QuestionType.COMPUTED:
        message = Message.XLSFORM_NO_LABEL.format(name=draft.name)
        walker.notices.append(Notice(message, draft.row, lost=False))
    draft.label = label or draft.name
    draft.help = text_in(row.get("hint"), walker.language)
    constraint_message = (row.get("bind") or {}).get("jr:constraintMsg")
    draft.constraint_message = text_in(constraint_message, walker.language)
