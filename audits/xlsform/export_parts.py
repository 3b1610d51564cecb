"""What an export leaves out, and pyxform's verdict on what it wrote.

Actions, labels, scoring and sources have no place in XLSForm; they are listed once each so
a partner reading the form knows it is the questions only. pyxform converting the workbook
to an XForm is the test that ODK and KoboToolbox will accept it.
"""

from __future__ import annotations

from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from audits.errors import Message
from audits.questionnaire import Questionnaire
from audits.xlsform.notices import Notice
from audits.xlsform.reading import XLSFormError


def dropped_parts(questionnaire: Questionnaire) -> list[Notice]:
    parts: list[str] = []
    if questionnaire.actions:
        parts.append(Message.XLSFORM_PART_ACTIONS.format(count=len(questionnaire.actions)))
    if questionnaire.labels:
        parts.append(Message.XLSFORM_PART_LABELS.format(count=len(questionnaire.labels)))
    if _has_scoring(questionnaire):
        parts.append(Message.XLSFORM_PART_SCORING.value)
    if questionnaire.sources:
        parts.append(Message.XLSFORM_PART_SOURCES.format(count=len(questionnaire.sources)))
    return [Notice(Message.XLSFORM_EXPORT_DROPPED.format(what=part)) for part in parts]


def _has_scoring(questionnaire: Questionnaire) -> bool:
    if questionnaire.themes:
        return True
    for question in questionnaire.questions():
        if question.score or question.weight != 1 or question.theme:
            return True
        if any(choice.score is not None for choice in question.choices or []):
            return True
    return any(section.theme for section in questionnaire.sections)


def verify(workbook: bytes) -> list[str]:
    """pyxform's warnings; XLSFormError when it refuses the workbook."""
    warnings: list[str] = []
    try:
        convert(workbook, warnings=warnings, file_type=".xlsx")
    except PyXFormError as error:
        problem = " ".join(str(error).split())
        raise XLSFormError(Message.XLSFORM_EXPORT_REJECTED.format(problem=problem)) from None
    return warnings
