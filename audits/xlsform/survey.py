"""Walking the survey sheet: groups become sections, rows become question drafts.

Our questionnaires are flat (sections of questions), XLSForm nests groups. Each run of
questions under the same open groups becomes one section, titled with the group labels
(« Bâtiment › Chauffage ») and visible under all the groups' ``relevant``. Repeats are
walked as plain groups (one occurrence) and reported; metadata and unsupported types are
reported and remembered so that expressions naming them are reported too.
"""

from __future__ import annotations

from pyxform import aliases

from audits.errors import Message
from audits.questionnaire import QuestionType
from audits.xlsform.choices import ChoiceList
from audits.xlsform.columns import ignored
from audits.xlsform.drafts import Frame, QuestionDraft, SectionDraft
from audits.xlsform.languages import text_in
from audits.xlsform.names import Registry
from audits.xlsform.notices import Notice
from audits.xlsform.question_rows import question_draft
from audits.xlsform.reading import ROW, Row
from audits.xlsform.typemap import RowType, row_type

GROUP_COLUMNS = frozenset({"type", "name", "label", "bind.relevant"})
TITLE_SEPARATOR = " › "


class SurveyWalker:
    """One pass over the survey rows; results in ``sections``, ``excluded`` and notices."""

    def __init__(self, lists: dict[str, ChoiceList], language: str, notices: list[Notice]):
        self.lists = lists
        self.language = language
        self.notices = notices
        self.stack: list[Frame] = []
        self.sections: list[SectionDraft] = []
        self.current: SectionDraft | None = None
        self.question_ids = Registry()
        self.section_ids = Registry()
        self.first_rows: dict[str, int] = {}
        self.excluded: dict[str, str] = {}  # XLSForm name -> why it is not imported

    def walk(self, rows: list[Row]) -> None:
        for row in rows:
            self.row(row)
        for frame in reversed(self.stack):
            message = Message.XLSFORM_GROUP_UNCLOSED.format(name=frame.name)
            self.notices.append(Notice(message, frame.row))

    def row(self, row: Row) -> None:
        line = int(row[ROW])
        text = str(row.get("type") or "")
        if not text:
            if any(key != ROW for key in row):
                self.notices.append(Notice(Message.XLSFORM_NO_TYPE.value, line))
            return
        kind = row_type(text)
        if kind.kind == "begin":
            self.begin(row, line, kind.repeat)
        elif kind.kind == "end":
            self.end(text, line)
        else:
            self.item(row, line, text, kind)

    def begin(self, row: Row, line: int, repeat: bool) -> None:
        name = str(row.get("name") or "")
        title = text_in(row.get("label"), self.language) or name or "groupe"
        relevant = (row.get("bind") or {}).get("relevant")
        hint = text_in(row.get("hint"), self.language)
        self.stack.append(Frame(name or title, title, line, repeat, relevant, hint))
        self.current = None
        self.report_ignored(row, line, GROUP_COLUMNS)

    def end(self, text: str, line: int) -> None:
        self.current = None
        if not self.stack:
            self.notices.append(Notice(Message.XLSFORM_END_UNMATCHED.format(type=text), line))
            return
        frame = self.stack.pop()
        if frame.repeat:
            message = Message.XLSFORM_REPEAT.format(name=frame.name, first=frame.row, last=line)
            self.notices.append(Notice(message, frame.row))

    def item(self, row: Row, line: int, text: str, kind: RowType) -> None:
        name = str(row.get("name") or "")
        if not name:
            self.notices.append(Notice(Message.XLSFORM_NO_NAME.format(type=text), line))
            return
        if kind.kind in ("metadata", "unsupported"):
            template = Message.XLSFORM_TYPE_METADATA
            if kind.kind == "unsupported":
                template = Message.XLSFORM_TYPE_UNSUPPORTED
            self.notices.append(Notice(template.format(type=text, name=name), line))
            self.excluded.setdefault(name, text)
            return
        draft, used = question_draft(row, line, text, kind, self)
        self.add(draft)
        self.report_ignored(row, line, used)
        if kind.or_other and draft.type is QuestionType.CHOICE:
            self.add_other(draft)

    def claim(self, name: str, line: int) -> str:
        """Our id for ``name``, reporting renames and duplicates."""
        new = self.question_ids.claim(name)
        if name in self.first_rows:
            message = Message.XLSFORM_DUPLICATE_NAME.format(
                name=name, first=self.first_rows[name], id=new
            )
            self.notices.append(Notice(message, line, lost=False))
        elif new != name:
            message = Message.XLSFORM_RENAMED.format(name=name, id=new)
            self.notices.append(Notice(message, line, lost=False))
        self.first_rows.setdefault(name, line)
        return new

    def add(self, draft: QuestionDraft) -> None:
        if self.current is None:
            self.current = self.open_section()
        self.current.questions.append(draft)

    def open_section(self) -> SectionDraft:
        if self.stack:
            base = self.stack[-1].name
            title = TITLE_SEPARATOR.join(frame.title for frame in self.stack)
        else:
            base, title = "general", Message.XLSFORM_GENERAL_SECTION.value
        conditions = [(frame.row, frame.relevant) for frame in self.stack if frame.relevant]
        inner = self.stack[-1] if self.stack else None
        section = SectionDraft(self.section_ids.claim(base, "section"), title, conditions)
        if inner is not None:
            section.row, section.help = inner.row, inner.help
        self.sections.append(section)
        return section

    def add_other(self, draft: QuestionDraft) -> None:
        """``select_one list or_other``: the « other » choice and its text question."""
        assert draft.choices is not None
        if "other" not in draft.codes:
            draft.choices.append({"code": "other", "label": Message.XLSFORM_OTHER_CHOICE.value})
            draft.codes["other"] = repr("other")
        name = f"{draft.name}_other"
        other = QuestionDraft(
            draft.row,
            name,
            self.question_ids.claim(name),
            QuestionType.TEXT,
            Message.XLSFORM_OTHER_QUESTION.value,
            relevant=f"selected(${{{draft.name}}}, 'other')",
        )
        self.first_rows.setdefault(name, draft.row)
        self.add(other)
        message = Message.XLSFORM_OR_OTHER.format(id=other.id)
        self.notices.append(Notice(message, draft.row, lost=False))

    def report_ignored(self, row: Row, line: int, used: frozenset[str] | set[str]) -> None:
        found = ignored(row, used)
        if found:
            message = Message.XLSFORM_COLUMNS_IGNORED.format(columns=", ".join(found))
            self.notices.append(Notice(message, line))


def is_yes(value: str) -> bool | None:
    """``yes``/``true()`` -> True, ``no``/``false()`` -> False, an expression -> None."""
    found = aliases.yes_no.get(value.strip())
    return None if found is None else bool(found)
