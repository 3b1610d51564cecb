"""The plan of a stored audit: recomputed from its answers, the advisor's decisions kept.

``current_plan`` reruns the engine and merges it with the stored lines (``merge_plan``: lines
the advisor accepted, rejected, edited or wrote are kept as they are), then stores what
changed, so closing the app never loses a decision and reopening shows the same plan. The
advisor's operations (accept, reject, edit, add, assign) go through the engine's pure
functions and are written back at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from audits.errors import DiagError
from audits.fieldwork.plan_lines import from_row, same_row, to_row
from audits.plan import Plan, PlanLine, build_plan, custom_line, merge_plan
from audits.plan import accept as accept_op
from audits.plan import assign as assign_op
from audits.plan import edit as edit_op
from audits.plan import reject as reject_op
from audits.plan import reopen as reopen_op
from audits.plan.valuation import valuation_of
from audits.questionnaire import Energy
from audits.reference import Reference
from audits.store import rows
from audits.store.actions import actions_of, edit_action, propose
from audits.store.answers import answers_of
from audits.store.audit_rows import Audit, editable_audit, get_audit
from audits.store.db import Store
from audits.store.ids import new_id
from audits.store.questionnaires import stored_questionnaire


def audit_day(audit: Audit) -> dt.date:
    """The visit's date: planned, else started; funding is judged on it, not on printing day."""
    for value in (audit.planned_on, (audit.started_at or "")[:10]):
        if value:
            return dt.date.fromisoformat(value)
    return dt.date.today()


def current_plan(store: Store, audit_id: str, reference: Reference) -> Plan:
    """The plan as the advisor sees it now; stored lines follow (a signed audit's do not move)."""
    audit = get_audit(store, audit_id)
    questionnaire = stored_questionnaire(store, audit.questionnaire_ref)
    stored = actions_of(store, audit_id)
    fresh = build_plan(questionnaire, answers_of(store, audit_id), reference, audit_day(audit))
    plan = merge_plan([from_row(row) for row in stored], fresh)
    if audit.status != "signed":
        _persist(store, audit_id, plan, stored)
    return plan


def _persist(store: Store, audit_id: str, plan: Plan, stored: list[dict[str, Any]]) -> None:
    by_key = {row["action_key"]: row for row in stored}
    with store.db.atomic():
        for line in plan.lines:
            row = by_key.pop(line.action_id, None)
            new = to_row(line)
            if row is not None and (line.locked or same_row(new, row)):
                continue
            if row is not None and row["edited"]:
                edit_action(store, row["id"], new.model_dump())
            else:
                propose(store, audit_id, new)
        for row in by_key.values():  # untouched lines whose trigger no longer holds
            editable_audit(store, audit_id)
            rows.update(store, "actions", row["id"], {}, deleted=True)


def _stored_row(store: Store, audit_id: str, action_id: str) -> dict[str, Any]:
    for row in actions_of(store, audit_id):
        if row["action_key"] == action_id:
            return row
    raise DiagError(f"action « {action_id} » absente du plan de cet audit")


def change_line(
    store: Store, audit_id: str, action_id: str, change: Callable[[PlanLine], PlanLine]
) -> PlanLine:
    """Apply one of the engine's operations to a stored line and write the result."""
    row = _stored_row(store, audit_id, action_id)
    line = change(from_row(row))
    edit_action(store, row["id"], to_row(line).model_dump())
    return line


def accept_line(store: Store, audit_id: str, action_id: str) -> PlanLine:
    return change_line(store, audit_id, action_id, accept_op)


def reject_line(store: Store, audit_id: str, action_id: str, reason: str | None = None) -> PlanLine:
    return change_line(store, audit_id, action_id, lambda line: reject_op(line, reason))


def reopen_line(store: Store, audit_id: str, action_id: str) -> PlanLine:
    return change_line(store, audit_id, action_id, reopen_op)


def main_energy(line: PlanLine) -> Energy:
    """The energy a line saves most of: the one an advisor's kWh figure is about."""
    kwh = line.figures.kwh
    return max(kwh, key=lambda energy: abs(kwh[energy])) if kwh else "electricite"


def edit_line(
    store: Store,
    audit_id: str,
    action_id: str,
    reference: Reference,
    *,
    title: str | None = None,
    kwh: float | None = None,
    cost: float | None = None,
    aid: float | None = None,
    owner: str | None = None,
    deadline: dt.date | None = None,
) -> PlanLine:
    """The advisor's figures, owner and deadline for a line (EUR and CO2 follow from kWh)."""
    valuation = valuation_of(reference)

    def change(line: PlanLine) -> PlanLine:
        energies = None if kwh is None else {**line.figures.kwh, main_energy(line): kwh}
        figures_changed = any(v is not None for v in (title, kwh, cost, aid))
        if figures_changed:
            line = edit_op(line, valuation, title=title, kwh=energies, cost=cost, aid=aid)
        return assign_op(line, owner, deadline)

    return change_line(store, audit_id, action_id, change)


def add_line(
    store: Store,
    audit_id: str,
    reference: Reference,
    title: str,
    *,
    kwh: float | None = None,
    cost: float | None = None,
    owner: str | None = None,
    deadline: dt.date | None = None,
) -> PlanLine:
    """An action written on the spot, accepted at once: the advisor adds what was agreed."""
    line = custom_line(
        f"custom_{new_id()}",
        title,
        valuation_of(reference),
        kwh={"electricite": kwh} if kwh else None,
        cost=cost,
    )
    line = accept_op(assign_op(line, owner, deadline))
    row_id = propose(store, audit_id, to_row(line))
    edit_action(store, row_id, {})  # marks the row as the advisor's own
    return line
