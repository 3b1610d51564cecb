"""What one audit contributes to the collective counts: its findings and its quantities.

A finding is a visible, answered, scored question that earned less than its maximum: the same
rule as the « constats » of the shop's own PDF, so the collective report counts exactly what
each owner was shown. Quantities are the numeric answers (spots, metres of cases…) that group
purchases add up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from audits.answers import Answers
from audits.evaluation import AuditState
from audits.questionnaire import Questionnaire, QuestionType
from audits.report.builder import answer_text
from audits.scoring import max_points, points

NUMERIC = (QuestionType.INT, QuestionType.NUMBER, QuestionType.COMPUTED)


def gaps(
    questionnaire: Questionnaire,
    answers: Answers,
    state: AuditState,
    reference: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Question id -> the answer as the owner read it, for every question below its maximum."""
    found: dict[str, str] = {}
    for question in questionnaire.questions():
        value = state.values.get(question.id)
        best = max_points(question)
        if value is None or best <= 0 or not state.is_visible(question.id):
            continue
        if points(questionnaire, question, value, state.values, reference) < best:
            answer = answers.get(question.id)
            found[question.id] = answer_text(question, value, answer.status if answer else None)
    return found


def quantities(questionnaire: Questionnaire, values: Mapping[str, Any]) -> dict[str, float]:
    """The numeric answers and computed values of the audit."""
    found: dict[str, float] = {}
    for question in questionnaire.questions():
        value = values.get(question.id)
        if question.type in NUMERIC and isinstance(value, int | float):
            found[question.id] = float(value)
    return found
