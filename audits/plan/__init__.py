"""The action plan engine: ``build_plan`` from answers, ``merge_plan`` after a change, and the
advisor's operations on plan lines. Everything here is pure; the store persists the lines."""

from audits.plan.advisor import (
    accept,
    annotate,
    assign,
    custom_line,
    edit,
    record_follow_up,
    reject,
    reopen,
    with_line,
)
from audits.plan.build import build_plan
from audits.plan.merge import merge_plan
from audits.plan.models import (
    Category,
    EnergyTotal,
    Figures,
    FollowUp,
    LabelVerdict,
    LineStatus,
    ObligationCheck,
    Plan,
    PlanLine,
    Totals,
    Valuation,
)

__all__ = [
    "Category",
    "EnergyTotal",
    "Figures",
    "FollowUp",
    "LabelVerdict",
    "LineStatus",
    "ObligationCheck",
    "Plan",
    "PlanLine",
    "Totals",
    "Valuation",
    "accept",
    "annotate",
    "assign",
    "build_plan",
    "custom_line",
    "edit",
    "merge_plan",
    "record_follow_up",
    "reject",
    "reopen",
    "with_line",
]
