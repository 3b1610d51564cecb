"""A follow-up visit: the actions the owner accepted, marked done with the savings achieved."""

from __future__ import annotations

from collections.abc import Mapping

from app.state.context import AppContext
from audits.errors import DiagError
from audits.fieldwork.follow_up import (
    FollowUpSummary,
    follow_up_summary,
    followed_lines,
    mark_done,
    mark_not_done,
)
from audits.fieldwork.inputs import field_message, parse_amount
from audits.plan import PlanLine
from audits.store.audit_rows import get_audit
from audits.store.establishments import get_establishment


class FollowUpVM:
    def __init__(self, ctx: AppContext, audit_id: str) -> None:
        self.ctx = ctx
        self.audit_id = audit_id
        self.errors: dict[str, str] = {}
        self.load()

    def load(self) -> None:
        store = self.ctx.store
        self.audit = get_audit(store, self.audit_id)
        self.previous = (
            get_audit(store, self.audit.follow_up_of) if self.audit.follow_up_of else None
        )
        self.establishment = get_establishment(store, self.audit.establishment_id)
        self.lines: list[PlanLine] = followed_lines(store, self.audit_id)
        self.summary: FollowUpSummary = follow_up_summary(self.lines)
        self.readonly = self.audit.status == "signed"

    def done(self, action_id: str, form: Mapping[str, str]) -> bool:
        """Mark done with the measured kWh and/or euros (blank: not measured)."""
        try:
            kwh = parse_amount(form.get("kwh", ""))
            eur = parse_amount(form.get("eur", ""))
        except DiagError as error:
            self.errors[action_id] = field_message(error)
            return False
        self.errors.pop(action_id, None)
        note = form.get("note", "").strip() or None
        mark_done(self.ctx.store, self.audit_id, action_id, self.ctx.reference, self.ctx.today(),
                  kwh=kwh, eur=eur, note=note)  # fmt: skip
        self.load()
        return True

    def not_done(self, action_id: str) -> None:
        mark_not_done(self.ctx.store, self.audit_id, action_id)
        self.load()
