"""Whether an obligation's action is out of the audit's scope: « non concerné ».

A shop of 140 m² outside any 1 000 m² ensemble is not subject to the décret tertiaire: the
questionnaire hides the OPERAT question, so the action's trigger is false. That must not read
« pas d'écart constaté », which would tell the owner they comply with a rule that does not
apply to them. The test is generic, not a list of obligations: the trigger reads a question
the questionnaire hid, and no answer to the questions left without a value could make it fire
(every possible answer of a yes/no or a choice is tried, and the bounds of a number).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import Any

from audits.evaluation import AuditState
from audits.expressions import EvaluationError, Expression
from audits.questionnaire import Question, Questionnaire, QuestionType

MAX_PROBES = 4096
"""Combinations tried at most; beyond, the scope is left undecided (never « non concerné »)."""

HUGE = 1e15
"""Stands for « any number however large » when a number question has no bounds."""

NUMBERS = frozenset({QuestionType.INT, QuestionType.NUMBER, QuestionType.COMPUTED})


LITERAL = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
REFERENCE = re.compile(r"ref\(\s*['\"]([^'\"]+)['\"]\s*\)")


def landmarks(expression: Expression, numbers: Mapping[str, float]) -> list[float]:
    """The numbers a trigger compares with (its literals, the reference values it reads), each
    with its neighbours: so a range such as ``5 < x < 10`` is probed inside, not only at the
    extremes."""
    found = [float(text) for text in LITERAL.findall(expression.source)]
    found += [numbers[key] for key in REFERENCE.findall(expression.source) if key in numbers]
    return sorted({n + step for n in found for step in (-1.0, -0.5, 0.0, 0.5, 1.0)})


def probes(question: Question, marks: list[float] = []) -> list[Any] | None:  # noqa: B006
    """Values standing for every answer the question could get, or None if they cannot be listed
    (free text, dates: a trigger reading one is never declared out of scope)."""
    codes = [choice.code for choice in question.choices or []]
    if question.type is QuestionType.BOOL:
        return [None, True, False]
    if question.type is QuestionType.CHOICE:
        return [None, *codes]
    if question.type is QuestionType.MULTI:
        return [None, [], codes, *([code] for code in codes)]
    if question.type in NUMBERS:
        bounds = [b for b in (question.min, question.max) if b is not None]
        return [None, 0, -HUGE, HUGE, *bounds, *marks]
    return None


def out_of_scope(
    expression: Expression,
    questionnaire: Questionnaire,
    state: AuditState,
    numbers: Mapping[str, float],
) -> bool:
    """The questionnaire hid a question the trigger reads, and the answers given already rule
    the trigger out, whatever the questions without a value would say."""
    names = sorted(expression.names)
    if not any(not state.is_visible(name) for name in names):
        return False
    missing = [name for name in names if state.values.get(name) is None]
    choices = []
    marks = landmarks(expression, numbers)
    for name in missing:
        known = questionnaire.has_question(name)
        values = probes(questionnaire.question(name), marks) if known else None
        if values is None:
            return False
        choices.append(values)
    if _count(choices) > MAX_PROBES:
        return False
    return not any(
        _fires(
            expression, {**state.values, **dict(zip(missing, combination, strict=True))}, numbers
        )
        for combination in itertools.product(*choices)
    )


def _count(choices: list[list[Any]]) -> int:
    total = 1
    for values in choices:
        total *= len(values)
    return total


def _fires(expression: Expression, values: Mapping[str, Any], numbers: Mapping[str, float]) -> bool:
    """A probe the expression cannot compute counts as firing: undecided is never out of scope."""
    try:
        return bool(expression.evaluate(values, numbers))
    except EvaluationError:
        return True
