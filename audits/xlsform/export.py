"""Our questionnaire -> an XLSForm workbook (openpyxl) that pyxform converts to an XForm.

Sections become groups, questions rows, choice lists the choices sheet; texts go in French
columns (``label::French (fr)``) with ``default_language`` set, so ODK and KoboToolbox show
them as French. Yes/no questions become ``select_one oui_non``, signatures ``image`` with
the ``signature`` appearance, bounds a constraint, units an extra ``unit`` column (XLSForm
tools ignore it; our import reads it back). What XLSForm cannot hold (actions, labels,
scoring, sources, untranslatable expressions) is reported, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from audits.errors import Message
from audits.questionnaire import Question, Questionnaire, QuestionType, Section
from audits.xlsform.export_parts import dropped_parts, verify
from audits.xlsform.from_ours import ToXPath, is_boolean_formula
from audits.xlsform.notices import Notice
from audits.xlsform.typemap import BOOL_LISTS
from audits.xlsform.xpath import XPathError

LANGUAGE = "French (fr)"
SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{LANGUAGE}",
    f"hint::{LANGUAGE}",
    "required",
    "relevant",
    "constraint",
    f"constraint_message::{LANGUAGE}",
    "calculation",
    "appearance",
    "unit",
)
CHOICE_COLUMNS = ("list_name", "name", f"label::{LANGUAGE}")
XLSFORM_TYPES = {
    QuestionType.BOOL: "select_one",
    QuestionType.CHOICE: "select_one",
    QuestionType.MULTI: "select_multiple",
    QuestionType.INT: "integer",
    QuestionType.NUMBER: "decimal",
    QuestionType.TEXT: "text",
    QuestionType.DATE: "date",
    QuestionType.TIME: "time",
    QuestionType.PHOTO: "image",
    QuestionType.SIGNATURE: "image",
    QuestionType.COMPUTED: "calculate",
    QuestionType.NOTE: "note",
}
BOOL_LIST = "oui_non"
BOOL_CHOICES = (("oui", "Oui"), ("non", "Non"))
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
Row = dict[str, Any]


@dataclass
class ExportResult:
    workbook: Workbook
    notices: list[Notice] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # pyxform's, in English

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()

    def save(self, path: Path) -> None:
        self.workbook.save(path)


def export_xlsform(
    questionnaire: Questionnaire, reference: Mapping[str, Any] | None = None
) -> ExportResult:
    """The workbook of ``questionnaire``, checked by pyxform (XLSFormError if it refuses)."""
    exporter = _Exporter(questionnaire, reference or {})
    result = ExportResult(exporter.workbook(), exporter.notices)
    result.warnings = verify(result.to_bytes())
    return result


class _Exporter:
    def __init__(self, questionnaire: Questionnaire, reference: Mapping[str, Any]) -> None:
        self.q = questionnaire
        self.reference = reference
        self.notices: list[Notice] = dropped_parts(questionnaire)
        self.types = {question.id: question.type for question in questionnaire.questions()}
        self.boolean_computed = frozenset(
            question.id
            for question in questionnaire.questions()
            if question.formula and is_boolean_formula(question.formula)
        )
        self.survey: list[Row] = []
        self.choices: list[Row] = [
            {"list_name": BOOL_LIST, "name": code, f"label::{LANGUAGE}": label}
            for code, label in BOOL_CHOICES
        ]

    def workbook(self) -> Workbook:
        for section in self.q.sections:
            self.section(section)
        book = Workbook()
        sheet = book.active
        sheet.title = "survey"
        _fill(sheet, SURVEY_COLUMNS, self.survey)
        _fill(book.create_sheet("choices"), CHOICE_COLUMNS, self.choices)
        settings = {
            "form_title": self.q.title,
            "form_id": self.q.id,
            "version": str(self.q.version),
            "default_language": LANGUAGE,
        }
        _fill(book.create_sheet("settings"), tuple(settings), [settings])
        return book

    @property
    def row(self) -> int:
        """Spreadsheet row of the next survey row (row 1 holds the headers)."""
        return len(self.survey) + 2

    def section(self, section: Section) -> None:
        name = section.id
        if name in self.types:
            name = f"{section.id}_section"
            message = Message.XLSFORM_EXPORT_GROUP_RENAMED.format(id=section.id, name=name)
            self.notices.append(Notice(message, self.row, lost=False))
        group: Row = {"type": "begin group", "name": name}
        group[f"label::{LANGUAGE}"] = self.text(section.title)
        group[f"hint::{LANGUAGE}"] = self.text(section.help)
        group["relevant"] = self.xpath(section.id, "visible_if", section.visible_if)
        self.survey.append(group)
        for question in section.questions:
            self.question(question)
        self.survey.append({"type": "end group"})

    def question(self, question: Question) -> None:
        row: Row = {"type": self.type_cell(question), "name": question.id}
        row[f"label::{LANGUAGE}"] = self.text(question.label)
        row[f"hint::{LANGUAGE}"] = self.text(question.help)
        row["relevant"] = self.xpath(question.id, "visible_if", question.visible_if)
        if question.required:
            row["required"] = "yes"
        row["required"] = row.get("required") or self.xpath(
            question.id, "required_if", question.required_if
        )
        row["constraint"] = self.constraint(question)
        if row["constraint"]:
            row[f"constraint_message::{LANGUAGE}"] = self.text(question.constraint_message)
        if question.type is QuestionType.COMPUTED:
            formula = self.xpath(question.id, "formula", question.formula, condition=False)
            row["calculation"] = formula or "''"
        if question.type is QuestionType.SIGNATURE:
            row["appearance"] = "signature"
        row["unit"] = question.unit
        self.survey.append(row)

    def type_cell(self, question: Question) -> str:
        xlsform_type = XLSFORM_TYPES[question.type]
        if question.type is QuestionType.BOOL:
            return f"{xlsform_type} {BOOL_LIST}"
        if question.type not in (QuestionType.CHOICE, QuestionType.MULTI):
            return xlsform_type
        list_name = question.id if question.id not in BOOL_LISTS else f"{question.id}_choix"
        for choice in question.choices or []:
            label = self.text(choice.label)
            self.choices.append(
                {"list_name": list_name, "name": choice.code, f"label::{LANGUAGE}": label}
            )
        return f"{xlsform_type} {list_name}"

    def constraint(self, question: Question) -> str | None:
        terms = []
        if question.min is not None or question.max is not None:
            if question.type is QuestionType.COMPUTED:
                message = Message.XLSFORM_EXPORT_BOUNDS.format(question=question.id)
                self.notices.append(Notice(message, self.row))
            else:
                terms += [f". >= {_number(question.min)}"] if question.min is not None else []
                terms += [f". <= {_number(question.max)}"] if question.max is not None else []
        translated = self.xpath(question.id, "constraint", question.constraint, current=True)
        if translated:
            terms.append(f"({translated})" if terms else translated)
        return " and ".join(terms) or None

    def xpath(
        self,
        where: str,
        name: str,
        source: str | None,
        condition: bool = True,
        current: bool = False,
    ) -> str | None:
        """``source`` in XPath, or None with a notice when XPath cannot say it."""
        if not source:
            return None
        translator = ToXPath(
            self.types, self.boolean_computed, where if current else None, self.reference
        )
        try:
            text = translator.translate(source, condition)
        except XPathError as error:
            message = Message.XLSFORM_EXPORT_EXPRESSION.format(
                question=where, field=name, reason=error.reason, expression=source
            )
            self.notices.append(Notice(message, self.row))
            return None
        if "ref(" in source:
            message = Message.XLSFORM_REF_INLINED.format(question=where)
            self.notices.append(Notice(message, self.row, lost=False))
        return text

    def text(self, text: str | None) -> str | None:
        """``{surface}`` placeholders as XLSForm ``${surface}`` references."""
        if text is None:
            return None
        return _PLACEHOLDER.sub(lambda m: f"${{{m[1]}}}" if m[1] in self.types else m[0], text)


def _number(value: float | None) -> str:
    assert value is not None
    return str(int(value)) if float(value).is_integer() else repr(value)


def _fill(sheet: Any, columns: tuple[str, ...], rows: list[Row]) -> None:
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column) for column in columns])
