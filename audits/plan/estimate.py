"""The figures of one triggered action: its formulas evaluated on the visible answers.

Each energy's saving is capped by the consumption of the use the action acts on (``use_kwh``):
a ratio applied to an over-estimated use, or two answers that contradict each other, must never
promise more than the use consumes. A formula that cannot be computed (an answer is missing)
leaves the line « à chiffrer » rather than guessing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from audits.expressions import EvaluationError, Expression
from audits.plan.models import Figures, Valuation
from audits.plan.valuation import rounded_eur, rounded_kwh
from audits.questionnaire import Action, Energy
from audits.reference import Reference
from audits.rules import Rules


def number(expression: Expression | None, values: Mapping[str, Any], reference: Reference) -> Any:
    """The formula's number, or None when it cannot be computed on these answers."""
    if expression is None:
        return None
    try:
        result = expression.evaluate(values, reference.numbers)
    except EvaluationError:
        return None
    if isinstance(result, bool) or not isinstance(result, int | float):
        return None
    return float(result)


def estimate(
    action: Action,
    rules: Rules,
    values: Mapping[str, Any],
    reference: Reference,
    valuation: Valuation,
    aid_allowed: bool,
    quantities: Collection[str] | None = None,
) -> Figures:
    """Figures of ``action``; ``aid_allowed`` is false when all its funding schemes are closed.

    ``quantities`` are the computed questions that are energy uses (``conso_chauffage_kwh``, not
    ``heures_eclairage_an``): only they identify the use a line shares with others (None: any).
    """
    kwh, uses, names, capped, computed = _energy(action, rules, values, reference, quantities)
    formula = rules.action_formula.get
    other = number(formula((action.id, "savings_eur")), values, reference)
    cost = number(formula((action.id, "cost")), values, reference)
    aid = number(formula((action.id, "aid")), values, reference) if aid_allowed else None
    if action.savings_eur is not None and other is None:
        computed = False
    aid = max(aid or 0.0, 0.0)
    if cost is not None:
        aid = min(aid, cost)
    result = figures(valuation, kwh, other or 0.0, cost, aid, capped=capped, computed=computed)
    return result.model_copy(update={"use_kwh": uses, "use_names": names})


def figures(
    valuation: Valuation,
    kwh: Mapping[Energy, float],
    other_eur: float,
    cost: float | None,
    aid: float,
    *,
    capped: bool = False,
    computed: bool = True,
) -> Figures:
    """Figures with EUR and CO2 derived from kWh: the one place that values a line."""
    kept = {energy: rounded_kwh(value) for energy, value in kwh.items() if rounded_kwh(value)}
    return Figures(
        kwh=kept,
        savings_eur_other=rounded_eur(other_eur),
        eur=rounded_eur(valuation.eur(kept) + other_eur),
        kgco2e=round(valuation.kgco2e(kept), 1),
        cost=None if cost is None else rounded_eur(max(cost, 0.0)),
        aid=rounded_eur(aid),
        capped=capped,
        computed=computed,
    )


def _energy(
    action: Action,
    rules: Rules,
    values: Mapping[str, Any],
    reference: Reference,
    quantities: Collection[str] | None,
) -> tuple[dict[Energy, float], dict[Energy, float], dict[Energy, list[str]], bool, bool]:
    kwh: dict[Energy, float] = {}
    uses: dict[Energy, float] = {}
    names: dict[Energy, list[str]] = {}
    capped = False
    computed = True
    for energy in action.savings_kwh:
        saved = number(
            rules.action_formula[(action.id, f"savings_kwh.{energy}")], values, reference
        )
        if saved is None:
            computed = False
            continue
        use_formula = rules.action_formula.get((action.id, f"use_kwh.{energy}"))
        use = number(use_formula, values, reference)
        if use is not None and saved > max(use, 0.0):
            saved, capped = max(use, 0.0), True
        if saved:
            kwh[energy] = saved
            if use is not None and use_formula is not None:
                uses[energy] = round(use, 1)
                names[energy] = _quantities(use_formula, rules, values, quantities)
    return kwh, uses, names, capped, computed


def _quantities(
    formula: Expression,
    rules: Rules,
    values: Mapping[str, Any],
    quantities: Collection[str] | None,
) -> list[str]:
    """Computed numbers a use formula reads (``conso_chauffage_kwh``): the use's identity.

    A duration read by several uses (``heures_eclairage_an`` for halogen spots, fluorescent
    luminaires and the storeroom lights) is no use: lines on different fittings do not overlap.
    """
    return sorted(
        name
        for name in formula.names
        if name in rules.formula
        and (quantities is None or name in quantities)
        and _is_number(values.get(name))
    )


def action_refs(action: Action, rules: Rules) -> set[str]:
    """Reference keys the action's figures depend on, through computed questions too.

    A saving computed from ``conso_chauffage_kwh`` inherits the unverified usage share that
    estimated it: the line must then print « estimation indicative » like its inputs.
    """
    expressions = [e for (aid, _), e in rules.action_formula.items() if aid == action.id]
    return _refs_through(expressions, rules)


def aid_refs(action: Action, rules: Rules) -> set[str]:
    expression = rules.action_formula.get((action.id, "aid"))
    return _refs_through([expression], rules) if expression is not None else set()


def _refs_through(expressions: list[Expression], rules: Rules) -> set[str]:
    keys: set[str] = set()
    seen: set[str] = set()
    pending = list(expressions)
    while pending:
        expression = pending.pop()
        keys |= expression.refs
        for name in expression.names - seen:
            seen.add(name)
            if (formula := rules.formula.get(name)) is not None:
                pending.append(formula)
    return keys


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
