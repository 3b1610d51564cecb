"""Recomputing a plan after an answer changed, without losing the advisor's decisions.

Lines are keyed by action id. A line the advisor edited, accepted, rejected, completed or
created keeps its content; an untouched line takes the new estimate but keeps its owner,
deadline and note; an untouched line whose trigger no longer holds leaves the plan; a decided
line whose trigger no longer holds stays, flagged ``triggered: false`` for the advisor to review.
"""

from __future__ import annotations

from collections.abc import Sequence

from audits.plan.models import Plan, PlanLine
from audits.plan.priority import prioritise
from audits.plan.totals import compute_totals

ADVISOR_FIELDS = ("owner", "deadline", "advisor_note")


def merge_plan(previous_lines: Sequence[PlanLine], new_plan: Plan) -> Plan:
    before = {line.action_id: line for line in previous_lines}
    lines: list[PlanLine] = []
    for line in new_plan.lines:
        old = before.pop(line.action_id, None)
        if old is None:
            lines.append(line)
        elif old.locked:
            lines.append(old.model_copy(update={"triggered": True}))
        else:
            lines.append(line.model_copy(update={f: getattr(old, f) for f in ADVISOR_FIELDS}))
    for old in before.values():
        if old.locked:
            lines.append(old.model_copy(update={"triggered": old.custom}))
    return with_lines(new_plan, lines)


def with_lines(plan: Plan, lines: Sequence[PlanLine]) -> Plan:
    """The plan with these lines, re-ranked and re-totalled."""
    ranked = prioritise(list(lines))
    totals = compute_totals(ranked, plan.declared_kwh, plan.valuation)
    return plan.model_copy(update={"lines": ranked, "totals": totals})
