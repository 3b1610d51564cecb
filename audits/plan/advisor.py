"""What the advisor does to a plan: accept, reject, edit, add, assign, record a follow-up.

Pure functions on ``PlanLine`` (the store persists their results keyed by audit and action
id). Every change marks the line as decided so that a recomputation after an answer changes
leaves it alone (see ``merge_plan``); ``with_line`` puts a line back into its plan and
re-ranks and re-totals it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from audits.errors import DiagError, Message
from audits.plan.estimate import figures
from audits.plan.merge import with_lines
from audits.plan.models import FollowUp, LineStatus, Plan, PlanLine, Valuation
from audits.questionnaire import Effort, Energy

ALLOWED = {
    LineStatus.PROPOSED: {LineStatus.ACCEPTED, LineStatus.REJECTED, LineStatus.DONE},
    LineStatus.ACCEPTED: {LineStatus.REJECTED, LineStatus.DONE, LineStatus.PROPOSED},
    LineStatus.REJECTED: {LineStatus.PROPOSED, LineStatus.ACCEPTED},
    LineStatus.DONE: {LineStatus.ACCEPTED},
}


def _moved(line: PlanLine, target: LineStatus, **update: object) -> PlanLine:
    if target not in ALLOWED[line.status]:
        message = Message.PLAN_TRANSITION.format(
            id=line.action_id, current=line.status.value, target=target.value
        )
        raise DiagError(message)
    return line.model_copy(update={"status": target, **update})


def accept(line: PlanLine) -> PlanLine:
    return _moved(line, LineStatus.ACCEPTED)


def reject(line: PlanLine, reason: str | None = None) -> PlanLine:
    return _moved(line, LineStatus.REJECTED, rejection_reason=reason)


def reopen(line: PlanLine) -> PlanLine:
    """Back to « proposé »: the next recomputation may update it again (unless edited)."""
    return _moved(line, LineStatus.PROPOSED, rejection_reason=None)


def edit(
    line: PlanLine,
    valuation: Valuation,
    *,
    title: str | None = None,
    description: str | None = None,
    kwh: Mapping[Energy, float] | None = None,
    savings_eur_other: float | None = None,
    cost: float | None = None,
    aid: float | None = None,
    effort: Effort | None = None,
) -> PlanLine:
    """The advisor's own figures replace the estimate; EUR and CO2 follow from the kWh."""
    old = line.figures
    new_figures = figures(
        valuation,
        old.kwh if kwh is None else kwh,
        old.savings_eur_other if savings_eur_other is None else savings_eur_other,
        old.cost if cost is None else cost,
        old.aid if aid is None else aid,
    )
    update: dict[str, object] = {"figures": new_figures, "edited": True}
    for key, value in (("title", title), ("description", description), ("effort", effort)):
        if value is not None:
            update[key] = value
    return line.model_copy(update=update)


def custom_line(
    action_id: str,
    title: str,
    valuation: Valuation,
    *,
    theme: str | None = None,
    kwh: Mapping[Energy, float] | None = None,
    savings_eur_other: float = 0.0,
    cost: float | None = None,
    aid: float = 0.0,
    effort: Effort = "moyen",
    description: str | None = None,
) -> PlanLine:
    """An action the catalogue does not have, written on the spot by the advisor."""
    return PlanLine(
        action_id=action_id,
        title=title,
        description=description,
        theme=theme,
        custom=True,
        figures=figures(valuation, kwh or {}, savings_eur_other, cost, aid),
        effort=effort,
    )


def assign(line: PlanLine, owner: str | None = None, deadline: dt.date | None = None) -> PlanLine:
    """Who does it and by when; kept across recomputations like the advisor's note."""
    return line.model_copy(update={"owner": owner, "deadline": deadline})


def annotate(line: PlanLine, note: str | None) -> PlanLine:
    return line.model_copy(update={"advisor_note": note})


def record_follow_up(
    line: PlanLine,
    done_on: dt.date,
    valuation: Valuation,
    kwh: Mapping[Energy, float] | None = None,
    eur: float | None = None,
    note: str | None = None,
) -> PlanLine:
    """Done, with the savings measured at the follow-up audit next to the estimate."""
    measured = dict(kwh or {})
    if eur is None and measured:
        eur = round(valuation.eur(measured), 2)
    follow_up = FollowUp(done_on=done_on, kwh=measured, eur=eur, note=note)
    return _moved(line, LineStatus.DONE, follow_up=follow_up)


def with_line(plan: Plan, line: PlanLine, *, new: bool = False) -> Plan:
    """The plan with ``line`` replacing its namesake (or added when ``new``)."""
    ids = [existing.action_id for existing in plan.lines]
    if new and line.action_id in ids:
        raise DiagError(Message.PLAN_LINE_EXISTS.format(id=line.action_id))
    if not new and line.action_id not in ids:
        raise DiagError(Message.PLAN_LINE_NOT_FOUND.format(id=line.action_id))
    others = [existing for existing in plan.lines if existing.action_id != line.action_id]
    return with_lines(plan, [*others, line])
