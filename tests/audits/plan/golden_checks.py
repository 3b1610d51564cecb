"""Checks shared by the golden plans: a line's figures against its hand computation, and that a
golden depends on the reference values it pins and on no other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from audits.plan import Plan, PlanLine
from tests.audits.plan.helpers import example_plan, pinned, shipped_reference


@dataclass(frozen=True)
class Hand:
    """A line computed by hand: kWh per energy, euros besides energy, cost, aid, payback."""

    kwh: Mapping[str, float] = field(default_factory=dict)
    cost: float | None = 0.0
    payback: float | None = 0.0
    aid: float = 0.0
    other_eur: float = 0.0


def check_line(
    line: PlanLine, hand: Hand, prices: Mapping[str, float], factors: Mapping[str, float]
) -> None:
    """kWh to 0.1, EUR = kWh x price (+ other) to the cent, kgCO2e = kWh x factor to 0.1."""
    figures = line.figures
    assert figures.kwh == pytest.approx(dict(hand.kwh), abs=0.05)
    eur = sum(kwh * prices[energy] for energy, kwh in hand.kwh.items()) + hand.other_eur
    assert figures.eur == pytest.approx(eur, abs=0.01)
    assert figures.savings_eur_other == pytest.approx(hand.other_eur, abs=0.01)
    co2 = sum(kwh * factors[energy] for energy, kwh in hand.kwh.items())
    assert figures.kgco2e == pytest.approx(co2, abs=0.05)
    assert figures.cost == (None if hand.cost is None else pytest.approx(hand.cost))
    assert figures.aid == pytest.approx(hand.aid, abs=0.01)
    assert figures.payback_years == (
        None if hand.payback is None else pytest.approx(hand.payback, abs=0.005)
    )


def _signature(plan: Plan) -> tuple[object, ...]:
    lines = tuple(
        (line.action_id, line.figures.model_dump(exclude={"use_kwh"})) for line in plan.lines
    )
    return lines, plan.totals.model_dump(), plan.obligations, plan.labels


def depends_only_on(name: str, values: Mapping[str, float]) -> bool:
    """The plan of ``name`` is unchanged when every reference value *not* pinned moves by 37 %:
    a chamber updating another price cannot break the golden."""
    moved = {
        key: item.value * 1.37
        for key, item in shipped_reference().values.items()
        if key not in values
    }
    return _signature(example_plan(name, pinned(values))) == _signature(
        example_plan(name, pinned({**moved, **values}))
    )
