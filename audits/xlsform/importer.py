"""``import_xlsform``: an XLSForm workbook -> a questionnaire document and its notices.

The steps are separate modules: reading (pyxform), language choice, choice lists, the
survey walk, expression translation, the YAML document. The result says what it could not
carry over; whether it loads is decided by the loader, exactly as ``questionnaires check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from audits.errors import Message
from audits.questionnaire import QuestionType
from audits.xlsform.choices import build_lists
from audits.xlsform.document import Document, Texts, dump, header, question, section
from audits.xlsform.drafts import SectionDraft
from audits.xlsform.languages import choose_language, label_languages
from audits.xlsform.logic import LogicTranslator
from audits.xlsform.notices import Notice, sorted_notices
from audits.xlsform.reading import Workbook, read_workbook
from audits.xlsform.survey import SurveyWalker


@dataclass(frozen=True)
class ImportResult:
    document: Document
    notices: list[Notice]

    def yaml(self) -> str:
        return dump(self.document)


def import_xlsform(
    path: Path | str, language: str | None = None, kind: str = "other"
) -> ImportResult:
    """Read and translate ``path``; raises XLSFormError only when it is not an XLSForm."""
    workbook = read_workbook(path)
    return import_workbook(workbook, language, kind)


def import_workbook(workbook: Workbook, language: str | None, kind: str) -> ImportResult:
    notices: list[Notice] = []
    chosen = _language(workbook, language, notices)
    walker = SurveyWalker(build_lists(workbook.choices, chosen, notices), chosen, notices)
    walker.walk(workbook.survey)
    logic = LogicTranslator(walker.sections, walker.excluded, notices)
    logic.run()
    document = header(workbook, kind, notices)
    document["sections"] = _sections(walker.sections, logic, notices)
    return ImportResult(document, sorted_notices(notices))


def _language(workbook: Workbook, wanted: str | None, notices: list[Notice]) -> str:
    counts = label_languages([*workbook.survey, *workbook.choices])
    chosen = choose_language(counts, wanted, workbook.settings.get("default_language"))
    if len(counts) > 1:
        message = Message.XLSFORM_LANGUAGE.format(language=chosen, languages=", ".join(counts))
        notices.append(Notice(message, lost=False))
    return chosen


def _sections(
    sections: list[SectionDraft], logic: LogicTranslator, notices: list[Notice]
) -> list[Document]:
    ids = {
        draft.name: draft.id
        for section in reversed(sections)
        for draft in reversed(section.questions)
        if draft.id in logic.results and draft.type is not QuestionType.NOTE
    }
    texts = Texts(ids, notices)
    documents = []
    for found in sections:
        questions = [
            question(draft, logic.results[draft.id], texts)
            for draft in found.questions
            if draft.id in logic.results
        ]
        if questions:
            condition = logic.section_conditions.get(found.id)
            documents.append(section(found, questions, condition, texts))
    return documents
