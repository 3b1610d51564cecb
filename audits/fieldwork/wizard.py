"""The audit wizard's view of a questionnaire: sections, what is visible, progress, where to resume.

Recomputed after every answer (one evaluation pass, well under a millisecond for 200
questions), so skip logic is live: a section or question appears the moment an answer
makes it relevant, and the progress bar counts only what the advisor can still be asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from audits.answers import Answers
from audits.evaluation import AuditState, evaluate, is_required
from audits.questionnaire import Question, Questionnaire, QuestionType
from audits.rules import rules_of


@dataclass(frozen=True)
class SectionStatus:
    """One step of the wizard: its visible questions and how far the advisor got."""

    index: int
    id: str
    title: str
    help: str | None
    visible: bool
    questions: list[str]
    answered: int
    total: int
    missing: list[str]

    @property
    def done(self) -> bool:
        return self.total > 0 and self.answered == self.total


@dataclass(frozen=True)
class WizardState:
    state: AuditState
    sections: list[SectionStatus]
    required: frozenset[str]

    @property
    def answered(self) -> int:
        return sum(section.answered for section in self.sections if section.visible)

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections if section.visible)

    @property
    def missing(self) -> list[str]:
        return [qid for section in self.sections if section.visible for qid in section.missing]

    @property
    def progress(self) -> float:
        return self.answered / self.total if self.total else 0.0

    def visible_sections(self) -> list[SectionStatus]:
        return [section for section in self.sections if section.visible]


def answerable(question: Question) -> bool:
    """Questions the advisor fills in (not notes, not computed values)."""
    return question.takes_answer and question.type is not QuestionType.COMPUTED


def wizard_state(
    questionnaire: Questionnaire, answers: Answers, reference: Mapping[str, Any] | None = None
) -> WizardState:
    state = evaluate(questionnaire, answers, reference)
    rules = rules_of(questionnaire)
    required = frozenset(q.id for q in questionnaire.questions() if is_required(q, rules, state))
    sections = []
    for index, section in enumerate(questionnaire.sections):
        shown = [q for q in section.questions if state.is_visible(q.id)]
        asked = [q.id for q in shown if answerable(q)]
        done = [qid for qid in asked if _has_answer(answers, qid)]
        sections.append(
            SectionStatus(
                index=index,
                id=section.id,
                title=section.title,
                help=section.help,
                visible=bool(shown),
                questions=[q.id for q in shown],
                answered=len(done),
                total=len(asked),
                missing=[qid for qid in asked if qid in required and qid not in done],
            )
        )
    return WizardState(state=state, sections=sections, required=required)


def _has_answer(answers: Answers, question_id: str) -> bool:
    answer = answers.get(question_id)
    return answer is not None and (not answer.is_answered or answer.value is not None)


def resume_index(wizard: WizardState, saved: int | None) -> int:
    """Where to reopen an audit: the section the advisor left, else the first unfinished one."""
    visible = wizard.visible_sections()
    if not visible:
        return 0
    if saved is not None and any(section.index == saved for section in visible):
        return saved
    unfinished = next((section for section in visible if not section.done), visible[0])
    return unfinished.index


def next_index(wizard: WizardState, current: int, step: int) -> int | None:
    """The next (step=1) or previous (step=-1) visible section, skipping hidden ones."""
    indexes = [section.index for section in wizard.visible_sections()]
    candidates = [i for i in indexes if (i > current if step > 0 else i < current)]
    if not candidates:
        return None
    return min(candidates) if step > 0 else max(candidates)
