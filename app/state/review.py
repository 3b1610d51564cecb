"""The review before the plan: required questions left, « je ne sais pas » answers, scores."""

from __future__ import annotations

from dataclasses import dataclass

from app.state.context import AppContext
from audits.answers import AnswerStatus
from audits.fieldwork.wizard import wizard_state
from audits.scoring import ThemeScore, score
from audits.store.answers import answers_of
from audits.store.audit_rows import get_audit
from audits.store.audits import complete_audit, reopen_audit
from audits.store.establishments import get_establishment
from audits.store.questionnaires import stored_questionnaire


@dataclass(frozen=True)
class Gap:
    question_id: str
    label: str
    section_index: int
    section_title: str


class ReviewVM:
    def __init__(self, ctx: AppContext, audit_id: str) -> None:
        self.ctx = ctx
        self.audit_id = audit_id
        self.load()

    def load(self) -> None:
        store = self.ctx.store
        self.audit = get_audit(store, self.audit_id)
        self.questionnaire = q = stored_questionnaire(store, self.audit.questionnaire_ref)
        self.establishment = get_establishment(store, self.audit.establishment_id)
        answers = answers_of(store, self.audit_id)
        numbers = self.ctx.reference.numbers
        wizard = wizard_state(q, answers, numbers)
        self.missing = [self._gap(qid) for qid in wizard.missing]
        self.unknown = [
            self._gap(qid)
            for qid, answer in answers.items()
            if answer.status is AnswerStatus.UNKNOWN and wizard.state.is_visible(qid)
        ]
        self.answered, self.total = wizard.answered, wizard.total
        card = score(q, answers, numbers)
        self.themes: list[ThemeScore] = [t for t in card.themes if t.percent is not None]
        self.overall, self.level = card.percent, card.level

    def _gap(self, question_id: str) -> Gap:
        q = self.questionnaire
        section = q.section_of(question_id)
        index = next(i for i, s in enumerate(q.sections) if s.id == section.id)
        return Gap(question_id, q.question(question_id).label, index, section.title)

    @property
    def can_complete(self) -> bool:
        return self.audit.status == "draft" and not self.missing

    def complete(self) -> None:
        """draft -> completed (the store re-checks the required answers)."""
        if self.audit.status == "draft":
            complete_audit(self.ctx.store, self.audit_id)
        self.load()

    def reopen(self) -> None:
        reopen_audit(self.ctx.store, self.audit_id)
        self.load()

    def go_to(self, gap: Gap) -> None:
        """Open the wizard on the section of a question left unanswered."""
        self.ctx.settings.positions[self.audit_id] = gap.section_index
        self.ctx.save_settings()
