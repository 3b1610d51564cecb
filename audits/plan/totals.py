"""Plan totals per energy and overall, against the declared consumption.

Savings of actions on a shared use combine in cascade (``overlap.py``); the result per energy
is capped by the declared consumption of that energy, so a plan never promises to save more
than the shop consumes.
The share of the declared consumption is compared with the −10 % sobriety target on the
energies whose consumption is known only (a gas saving with no gas bill cannot make a share).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from audits.plan.models import ENERGIES, EnergyTotal, LineStatus, PlanLine, Totals, Valuation
from audits.plan.overlap import combined_kwh
from audits.questionnaire import Energy

DECLARED_QUESTIONS = ("conso_{energy}_kwh", "conso_{energy}")
"""Questions holding an energy's declared yearly consumption in kWh (README, « Actions »)."""


def declared_consumption(values: Mapping[str, Any]) -> dict[Energy, float]:
    declared: dict[Energy, float] = {}
    for energy in ENERGIES:
        for pattern in DECLARED_QUESTIONS:
            value = values.get(pattern.format(energy=energy))
            if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                declared[energy] = float(value)
                break
    return declared


def _energy_total(
    energy: Energy, lines: Sequence[PlanLine], declared: float | None, valuation: Valuation
) -> EnergyTotal:
    kwh = combined_kwh(lines, energy)
    capped = declared is not None and kwh > declared
    if capped and declared is not None:
        kwh = declared
    return EnergyTotal(
        energy=energy,
        kwh=round(kwh, 1),
        lines_kwh=round(sum(line.figures.kwh.get(energy, 0.0) for line in lines), 1),
        eur=round(valuation.eur({energy: kwh}), 2),
        kgco2e=round(valuation.kgco2e({energy: kwh}), 1),
        declared_kwh=declared,
        share=round(kwh / declared, 4) if declared else None,
        capped=capped,
    )


def compute_totals(
    lines: Sequence[PlanLine], declared: Mapping[Energy, float], valuation: Valuation
) -> Totals:
    kept = [line for line in lines if line.status is not LineStatus.REJECTED]
    present = {energy for line in kept for energy in line.figures.kwh}
    energies = [
        _energy_total(energy, kept, declared.get(energy), valuation)
        for energy in ENERGIES
        if energy in present
    ]
    other = sum(line.figures.savings_eur_other for line in kept)
    eur = sum(total.eur for total in energies) + other
    cost = sum(line.figures.cost or 0.0 for line in kept)
    aid = sum(line.figures.aid for line in kept)
    return Totals(
        energies=energies,
        kwh=round(sum(total.kwh for total in energies), 1),
        eur=round(eur, 2),
        kgco2e=round(sum(total.kgco2e for total in energies), 1),
        cost=round(cost, 2),
        aid=round(aid, 2),
        declared_kwh=round(sum(declared.values()), 1) if declared else None,
        share=_share(energies, declared),
        payback_years=round(max(cost - aid, 0.0) / eur, 2) if eur > 0 else None,
    )


def _share(energies: list[EnergyTotal], declared: Mapping[Energy, float]) -> float | None:
    known = [total for total in energies if total.declared_kwh]
    if not declared:
        return None
    return round(sum(total.kwh for total in known) / sum(declared.values()), 4)
