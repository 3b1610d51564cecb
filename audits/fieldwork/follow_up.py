"""Follow-up visits: start from a signed audit, mark its actions done, record the savings.

The signed audit stays frozen; the follow-up is a new audit (``follow_up_of``) that starts
with a copy of the answers (the advisor only updates what changed) and of the plan lines the
owner had accepted. Achieved savings are recorded on those copies, next to the estimate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from audits.errors import DiagError
from audits.fieldwork.plan_lines import from_row, to_row
from audits.fieldwork.visit_plan import change_line, main_energy
from audits.plan import PlanLine, accept, record_follow_up
from audits.plan.models import LineStatus
from audits.plan.valuation import valuation_of
from audits.reference import Reference
from audits.store.actions import actions_of, edit_action, propose
from audits.store.answers import copy_answers
from audits.store.audit_rows import Audit, get_audit
from audits.store.audits import create_audit
from audits.store.db import Store

FOLLOWED = (LineStatus.ACCEPTED, LineStatus.DONE)


def start_follow_up(store: Store, previous_id: str, planned_on: dt.date) -> Audit:
    """A new draft audit following ``previous_id``, its answers and accepted actions copied."""
    previous = get_audit(store, previous_id)
    if previous.status == "draft":
        raise DiagError("terminez d'abord cet audit : le suivi part d'un plan remis au commerçant")
    with store.db.atomic():
        audit = create_audit(
            store,
            previous.establishment_id,
            previous.questionnaire_ref,
            planned_on=planned_on,
            campaign_id=previous.campaign_id,
            follow_up_of=previous.id,
        )
        copy_answers(store, previous.id, audit.id)
        for row in actions_of(store, previous.id):
            line = from_row(row)
            if line.status in FOLLOWED:
                row_id = propose(store, audit.id, to_row(line))
                edit_action(store, row_id, {})  # the owner's decision: never recomputed away
    return get_audit(store, audit.id)


def followed_lines(store: Store, audit_id: str) -> list[PlanLine]:
    """The follow-up's actions carried over from the previous plan, in priority order."""
    return [from_row(row) for row in actions_of(store, audit_id) if row["status"] in FOLLOWED]


def mark_done(
    store: Store,
    audit_id: str,
    action_id: str,
    reference: Reference,
    done_on: dt.date,
    *,
    kwh: float | None = None,
    eur: float | None = None,
    note: str | None = None,
) -> PlanLine:
    """Done, with what was measured (kWh of the line's main energy, or euros directly)."""
    valuation = valuation_of(reference)

    def change(line: PlanLine) -> PlanLine:
        if line.status is LineStatus.DONE:
            line = accept(line)
        measured = {main_energy(line): kwh} if kwh is not None else None
        return record_follow_up(line, done_on, valuation, measured, eur, note)

    return change_line(store, audit_id, action_id, change)


def mark_not_done(store: Store, audit_id: str, action_id: str) -> PlanLine:
    def change(line: PlanLine) -> PlanLine:
        return accept(line).model_copy(update={"follow_up": None})

    return change_line(store, audit_id, action_id, change)


@dataclass(frozen=True)
class FollowUpSummary:
    done: int
    total: int
    estimated_eur: float
    achieved_eur: float
    achieved_kwh: float


def follow_up_summary(lines: list[PlanLine]) -> FollowUpSummary:
    done = [line for line in lines if line.follow_up is not None]
    return FollowUpSummary(
        done=len(done),
        total=len(lines),
        estimated_eur=sum(line.figures.eur for line in lines),
        achieved_eur=sum(line.follow_up.eur or 0.0 for line in done if line.follow_up),
        achieved_kwh=sum(sum(line.follow_up.kwh.values()) for line in done if line.follow_up),
    )
