"""Savings of several actions on one use do not add up: they combine in cascade.

Lowering the setpoint saves 14 % of the heating, programming it 15 %, a heat pump 76 %: added,
they would save more than the heating consumes. Each line keeps its stand-alone estimate (what
the action saves if done alone); totals combine the lines acting on a shared use as
``U × (1 − Π(1 − sᵢ/U))`` with ``U`` the largest use of the group, so they never exceed it nor
the plain sum of the lines. (A line's share of its own, smaller use, ``sᵢ/Uᵢ``, must not be
applied to ``U``: the door's 5 % of heating and cooling together, merged with the 21 % of a
setpoint on heating alone, would turn into 21 % of heating and cooling.)
Lines share a use when their ``use_kwh`` formulas read a common computed quantity in kWh
(``conso_chauffage_kwh``, not the lighting hours ``heures_eclairage_an``); a line without a use,
or a negative saving (the electricity a heat pump adds), is counted as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from audits.plan.models import PlanLine
from audits.questionnaire import Energy


def combined_kwh(lines: Sequence[PlanLine], energy: Energy) -> float:
    """Savings of ``lines`` on ``energy``, overlaps on a shared use combined."""
    plain = 0.0
    groups: list[tuple[set[str], list[tuple[float, float]]]] = []
    for line in lines:
        saved = line.figures.kwh.get(energy, 0.0)
        use = line.figures.use_kwh.get(energy)
        names = set(line.figures.use_names.get(energy, []))
        if saved <= 0 or not use or not names:
            plain += saved
            continue
        _join(groups, names, (saved, use))
    return plain + sum(_cascade(members) for _, members in groups)


def _join(
    groups: list[tuple[set[str], list[tuple[float, float]]]],
    names: set[str],
    member: tuple[float, float],
) -> None:
    """Add ``member`` to every group sharing a name, merging those groups (union-find, small)."""
    touching = [group for group in groups if group[0] & names]
    merged_names = set(names)
    merged_members = [member]
    for group in touching:
        groups.remove(group)
        merged_names |= group[0]
        merged_members += group[1]
    groups.append((merged_names, merged_members))


def _cascade(members: list[tuple[float, float]]) -> float:
    largest = max(use for _, use in members)
    remaining = 1.0
    for saved, _ in members:
        remaining *= 1.0 - min(saved / largest, 1.0)
    return largest * (1.0 - remaining)
