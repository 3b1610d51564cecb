"""Ordering the plan: obligations first, then quick wins by payback, then the rest.

An owner reads the top of the list and stops: what the law requires comes first (a fine costs
more than any saving), then what pays for itself fastest, then investments, then the progress
actions that carry no figure. Rejected lines sink to the bottom and get no rank.
"""

from __future__ import annotations

import math

from audits.plan.models import Category, LineStatus, PlanLine

QUICK_WIN_YEARS = 1.0
"""A line that pays back within a year is a quick win (domain.md: 78 % of Diag Eco-Flux actions)."""

EFFORT_RANK = {"faible": 0, "moyen": 1, "important": 2}


def category_of(line: PlanLine) -> Category:
    if line.obligation is not None:
        return Category.OBLIGATION
    payback = line.figures.payback_years
    if payback is not None and payback <= QUICK_WIN_YEARS:
        return Category.QUICK_WIN
    if line.figures.eur > 0:
        return Category.INVESTMENT
    return Category.PROGRESS


def _key(line: PlanLine) -> tuple[int, int, float, int, float, str]:
    payback = line.figures.payback_years
    return (
        1 if line.status is LineStatus.REJECTED else 0,
        0 if line.obligation is not None else 1,
        math.inf if payback is None else payback,
        EFFORT_RANK[line.effort],
        -line.figures.eur,
        line.title,
    )


def prioritise(lines: list[PlanLine]) -> list[PlanLine]:
    """Lines sorted and numbered 1..n (rejected lines last, priority 0)."""
    ordered = sorted(lines, key=_key)
    result: list[PlanLine] = []
    rank = 0
    for line in ordered:
        kept = line.status is not LineStatus.REJECTED
        rank += kept
        update = {"category": category_of(line), "priority": rank if kept else 0}
        result.append(line.model_copy(update=update))
    return result
