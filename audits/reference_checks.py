"""A questionnaire checked against the reference data: every id and name it relies on exists.

Reference files are loaded on their own (``audits.reference``), questionnaires on theirs; what
ties them can only be checked with both in hand: obligation and funding ids of the actions,
``ref()`` keys, and the question names and codes a funding scheme's ``applies_if`` reads. A
scheme is shared by questionnaires, so its condition is checked against each one offering it.
"""

from __future__ import annotations

from typing import Any

from audits.errors import Message, hint
from audits.expressions import Expression
from audits.questionnaire import CHOICE_TYPES, Question, Questionnaire
from audits.reference import Reference
from audits.rules import rules_of


def missing_references(questionnaire: Questionnaire, reference: Reference) -> list[str]:
    """French lines naming each obligation, funding scheme, ``ref()`` key or question name the
    data and the questionnaire do not share."""
    missing: list[str] = []
    for action in questionnaire.actions:
        if action.obligation and action.obligation not in reference.obligations:
            missing.append(f"action {action.id} : obligation inconnue « {action.obligation} »")
        missing += [
            f"action {action.id} : financement inconnu « {funding} »"
            for funding in action.funding
            if funding not in reference.funding
        ]
    rules = rules_of(questionnaire)
    keys = {key for group in _expressions(rules) for expr in group for key in expr.refs}
    missing += [
        f"donnée de référence inconnue « {key} »" for key in sorted(keys - set(reference.values))
    ]
    return missing + funding_condition_problems(questionnaire, reference)


def funding_condition_problems(questionnaire: Questionnaire, reference: Reference) -> list[str]:
    """The ``applies_if`` of each scheme the questionnaire offers, read against its questions."""
    questions = {question.id: question for question in questionnaire.questions()}
    offered = dict.fromkeys(scheme for action in questionnaire.actions for scheme in action.funding)
    problems: list[str] = []
    for scheme_id in offered:
        scheme = reference.funding.get(scheme_id)
        expression = scheme.condition() if scheme is not None else None
        if expression is not None:
            where = f"financement {scheme_id} : "
            problems += [where + line for line in _names(expression, questions, reference)]
    return problems


def _names(
    expression: Expression, questions: dict[str, Question], reference: Reference
) -> list[str]:
    field = "applies_if"
    lines: list[str] = []
    for name in sorted(expression.names):
        question = questions.get(name)
        if question is None:
            found = hint(questions, name)
            lines.append(Message.UNKNOWN_QUESTION.format(field=field, name=name, hint=found))
        elif not question.takes_answer:
            lines.append(Message.NOTE_REFERENCED.format(field=field, name=name))
    for name, code in sorted(expression.codes):
        question = questions.get(name)
        if question is None or question.type not in CHOICE_TYPES or not question.choices:
            continue
        codes = [choice.code for choice in question.choices]
        if code not in codes:
            found = hint(codes, code)
            lines.append(
                Message.UNKNOWN_CODE.format(field=field, code=code, question=name, hint=found)
            )
    for key in sorted(expression.refs - set(reference.values)):
        found = hint(reference.values, key)
        lines.append(Message.UNKNOWN_REFERENCE.format(field=field, key=key, hint=found))
    return lines


def _expressions(rules: Any) -> list[list[Any]]:
    return [
        list(group.values())
        for group in (
            rules.visible,
            rules.section_visible,
            rules.required_if,
            rules.constraint,
            rules.formula,
            rules.score_formula,
            rules.trigger,
            rules.action_formula,
            rules.label_applies,
            rules.criterion,
        )
    ]
