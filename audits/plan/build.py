"""``build_plan``: the action plan of an audit, computed from its answers alone.

A pure function of (questionnaire, answers, reference data, audit date): the device reruns it
after every answer, the server to check a synced audit, the CLI in batch. Formulas read the
*visible* answers only (``AuditState.values``), so an answer hidden by a later change stops
counting; funding is judged on the audit's date, never on the day the PDF is printed, and on
the scheme's own condition (``applies_if``) over the same visible answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from audits.answers import Answers
from audits.evaluation import AuditState, evaluate
from audits.plan.estimate import action_refs, aid_refs, estimate
from audits.plan.models import Plan, PlanLine, Valuation
from audits.plan.priority import prioritise
from audits.plan.totals import compute_totals, declared_consumption
from audits.plan.valuation import valuation_keys, valuation_of
from audits.plan.verdicts import holds, label_verdicts, obligation_checks
from audits.questionnaire import Action, Questionnaire
from audits.reference import Reference
from audits.rules import Rules, rules_of


def build_plan(
    questionnaire: Questionnaire, answers: Answers, reference: Reference, on_date: dt.date
) -> Plan:
    numbers = reference.numbers
    state = evaluate(questionnaire, answers, numbers)
    rules = rules_of(questionnaire)
    valuation = valuation_of(reference)
    quantities = energy_quantities(questionnaire)
    triggered = [
        action
        for action in questionnaire.actions
        if holds(rules.trigger[action.id], state.values, numbers)
    ]
    lines = prioritise(
        [
            _line(questionnaire, a, rules, state, reference, valuation, on_date, quantities)
            for a in triggered
        ]
    )
    declared = declared_consumption(state.values)
    return Plan(
        questionnaire=questionnaire.ref,
        on_date=on_date,
        valuation=valuation,
        lines=lines,
        totals=compute_totals(lines, declared, valuation),
        declared_kwh=declared,
        obligations=obligation_checks(
            questionnaire, rules, state, {a.id for a in triggered}, numbers
        ),
        labels=label_verdicts(questionnaire, rules, state, numbers),
    )


def energy_quantities(questionnaire: Questionnaire) -> frozenset[str]:
    """Computed questions measured in kWh: the uses whose savings overlap (``overlap.py``)."""
    return frozenset(
        q.id
        for q in questionnaire.questions()
        if q.type == "computed" and (q.unit or "").lower().startswith("kwh")
    )


def open_funding(
    action: Action, reference: Reference, on_date: dt.date, values: Mapping[str, Any]
) -> list[str]:
    """The action's schemes open on the audit date whose ``applies_if`` holds on the visible
    answers: an expired scheme, or one for another situation, is never offered."""
    schemes = [reference.funding.get(scheme_id) for scheme_id in action.funding]
    return [
        s.id
        for s in schemes
        if s is not None and s.open_on(on_date) and holds(s.condition(), values, reference.numbers)
    ]


def _line(
    questionnaire: Questionnaire,
    action: Action,
    rules: Rules,
    state: AuditState,
    reference: Reference,
    valuation: Valuation,
    on_date: dt.date,
    quantities: frozenset[str],
) -> PlanLine:
    funding = open_funding(action, reference, on_date, state.values)
    aid_allowed = not action.funding or bool(funding)
    figures = estimate(action, rules, state.values, reference, valuation, aid_allowed, quantities)
    refs = action_refs(action, rules) | valuation_keys(figures.kwh)
    cee = any(reference.funding[f].kind == "cee" for f in funding)
    aid_unsure = cee or bool(aid_refs(action, rules) & reference.unverified)
    theme = action.theme
    return PlanLine(
        action_id=action.id,
        title=action.title,
        description=action.description,
        theme=theme,
        theme_title=_theme_title(questionnaire, theme),
        figures=figures,
        effort=action.effort,
        obligation=action.obligation,
        funding=funding,
        indicative=bool(refs & reference.unverified),
        aid_indicative=figures.aid > 0 and aid_unsure,
        sources=list(action.sources),
    )


def _theme_title(questionnaire: Questionnaire, theme: str | None) -> str | None:
    return next((t.title for t in questionnaire.themes if t.id == theme), None)
