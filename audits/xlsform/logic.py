"""Translating every expression of the drafts, reporting each one that cannot be.

Calculations go first, to a fixed point: a calculation that cannot be translated leaves
its question out, which can make other calculations naming it untranslatable in turn.
Then each question's relevant, required and constraint, then each section's conditions.
A failed expression is dropped with a notice saying what that changes for the advisor.
"""

from __future__ import annotations

from typing import Any

from audits.errors import Message
from audits.questionnaire import NUMERIC_TYPES, QuestionType
from audits.xlsform.bounds import split_bounds
from audits.xlsform.drafts import QuestionDraft, SectionDraft
from audits.xlsform.notices import Notice
from audits.xlsform.question_rows import plain_number
from audits.xlsform.survey import is_yes
from audits.xlsform.to_ours import translate_condition, translate_value
from audits.xlsform.translation import BOOLEAN_RESULT, Context, Field
from audits.xlsform.xpath import Binary, Node, XPathError, parse_xpath

Translated = dict[str, Any]


class LogicTranslator:
    """Translated expressions by question id (``results``) and by section id."""

    def __init__(
        self, sections: list[SectionDraft], excluded: dict[str, str], notices: list[Notice]
    ) -> None:
        self.sections = sections
        self.excluded = dict(excluded)
        self.notices = notices
        self.drafts = [draft for section in sections for draft in section.questions]
        self.fields: dict[str, Field] = {}
        for draft in self.drafts:
            self.fields.setdefault(draft.name, Field(draft.id, draft.type, draft.codes))
        self.results: dict[str, Translated] = {}  # by id; a dropped question has none
        self.dropped: set[str] = set()
        self.section_conditions: dict[str, str] = {}

    def run(self) -> None:
        self.calculations()
        for draft in self.drafts:
            if draft.id not in self.dropped:
                self.results.setdefault(draft.id, {}).update(self.question(draft))
        for section in self.sections:
            condition = self.section(section)
            if condition:
                self.section_conditions[section.id] = condition

    def context(self, column: str, current: Field | None = None) -> Context:
        """What an expression may name (the translator checks ``excluded`` first)."""
        return Context(self.fields, self.excluded, current, column)

    def calculations(self) -> None:
        """To a fixed point: a dropped calculation, or one found to be a yes/no, can change
        the translation of the calculations that name it."""
        computed = [draft for draft in self.drafts if draft.type is QuestionType.COMPUTED]
        changed = True
        while changed:
            changed = False
            for draft in computed:
                if draft.id not in self.dropped:
                    changed = self.calculation(draft) or changed

    def calculation(self, draft: QuestionDraft) -> bool:
        """Translate one calculation; True when what others see of it changed."""
        formula = self.formula(draft)
        if formula is None:
            self.excluded[draft.name] = draft.calculation or ""
            self.dropped.add(draft.id)
            return True
        self.results[draft.id] = {"formula": formula[0]}
        codes = BOOLEAN_RESULT if formula[1] else {}
        known = self.fields.get(draft.name)
        if known is None or known.id != draft.id or dict(known.codes) == codes:
            return False
        self.fields[draft.name] = Field(draft.id, draft.type, codes)
        return True

    def formula(self, draft: QuestionDraft) -> tuple[str, bool] | None:
        source = draft.calculation or ""
        if not source.strip():
            reason = Message.XLSFORM_NO_CALCULATION.value
            self.report(draft.row, "calculation", reason, source, "NOT_COMPUTED")
            return None
        context = self.context("calculation")
        try:
            translated = translate_value(source, context)
        except XPathError as error:
            self.report(draft.row, "calculation", error.reason, source, "NOT_COMPUTED")
            return None
        self.notices.extend(Notice(note, draft.row, lost=False) for note in context.notes)
        return translated

    def attempt(
        self,
        row: int,
        column: str,
        source: str,
        consequence: str,
        current: Field | None = None,
        node: Node | None = None,
    ) -> str | None:
        """The translation (of ``node`` when given), or None after a notice saying why."""
        context = self.context(column, current)
        try:
            text = translate_condition(source if node is None else node, context)
        except XPathError as error:
            self.report(row, column, error.reason, source, consequence)
            return None
        self.notices.extend(Notice(note, row, lost=False) for note in context.notes)
        return text

    def report(self, row: int, column: str, reason: str, source: str, consequence: str) -> None:
        message = Message.XLSFORM_NOT_TRANSLATED.format(
            column=column,
            reason=reason,
            expression=source,
            consequence=Message[f"XLSFORM_THEN_{consequence}"].value,
        )
        self.notices.append(Notice(message, row))

    def question(self, draft: QuestionDraft) -> Translated:
        result: Translated = {}
        if draft.relevant:
            result["visible_if"] = self.attempt(draft.row, "relevant", draft.relevant, "VISIBLE")
        if draft.required:
            required = is_yes(draft.required)
            if required is None:
                result["required_if"] = self.attempt(
                    draft.row, "required", draft.required, "NOT_REQUIRED"
                )
            else:
                result["required"] = required
        if draft.constraint:
            result.update(self.constraint(draft))
        return {
            key: value for key, value in result.items() if value is not None and value is not False
        }

    def constraint(self, draft: QuestionDraft) -> Translated:
        assert draft.constraint is not None
        try:
            node: Node | None = parse_xpath(draft.constraint)
        except XPathError as error:
            self.report(draft.row, "constraint", error.reason, draft.constraint, "UNCHECKED")
            return {}
        result: Translated = {}
        if draft.type in NUMERIC_TYPES and node is not None:
            low, high, node = split_bounds(node)
            result.update(self.bounds(draft, low, high))
        if node is not None:
            current = self.fields[draft.name]
            result["constraint"] = self.attempt(
                draft.row, "constraint", draft.constraint, "UNCHECKED", current, node=node
            )
        return result

    def bounds(self, draft: QuestionDraft, low: float | None, high: float | None) -> Translated:
        result: Translated = {}
        if low is not None:
            given = draft.extra.get("min")
            result["min"] = plain_number(low if given is None else max(low, given))
        if high is not None:
            given = draft.extra.get("max")
            result["max"] = plain_number(high if given is None else min(high, given))
        return result

    def section(self, section: SectionDraft) -> str | None:
        nodes: list[Node] = []
        for row, source in section.conditions:
            if self.attempt(row, "relevant", source, "SECTION_VISIBLE") is not None:
                nodes.append(parse_xpath(source))
        if not nodes:
            return None
        combined = nodes[0]
        for node in nodes[1:]:
            combined = Binary("and", combined, node)
        return translate_condition(combined, self.context("relevant"))
