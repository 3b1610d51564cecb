"""Starting an audit: the establishment, then the questionnaire (energy, RSE/DEAR, craft label)."""

from __future__ import annotations

from dataclasses import dataclass

from app.state.context import AppContext
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.establishments import get_establishment
from audits.store.questionnaires import stored_questionnaire, stored_refs

KIND_ORDER = {"energy": 0, "rse": 1, "label": 2, "other": 3}


@dataclass(frozen=True)
class QuestionnaireChoice:
    ref: str
    title: str
    kind: str
    description: str
    sections: int
    questions: int


class NewAuditVM:
    def __init__(self, ctx: AppContext, establishment_id: str) -> None:
        self.ctx = ctx
        self.establishment = get_establishment(ctx.store, establishment_id)
        self.choices = self._choices()

    def _choices(self) -> list[QuestionnaireChoice]:
        latest: dict[str, str] = {}
        for ref in stored_refs(self.ctx.store):  # sorted by id then version
            latest[ref.partition("@")[0]] = ref
        choices = []
        for ref in latest.values():
            q = stored_questionnaire(self.ctx.store, ref)
            choices.append(
                QuestionnaireChoice(
                    ref=ref,
                    title=q.title,
                    kind=q.kind.value,
                    description=(q.description or "").strip(),
                    sections=len(q.sections),
                    questions=len(q.questions()),
                )
            )
        return sorted(choices, key=lambda c: (KIND_ORDER.get(c.kind, 9), c.title))

    def start(self, ref: str) -> Audit:
        return create_audit(self.ctx.store, self.establishment.id, ref, planned_on=self.ctx.today())
