"""The state of an audit derived from its answers: what is visible, computed and still missing.

One pass over the questions in dependency order decides each question's visibility from the
answers that are themselves visible (an answer to a hidden question no longer counts), and
computes the ``computed`` questions. It is a pure function, cheap enough to rerun after
every answer the advisor gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from audits.answers import Answer, Answers, AnswerStatus
from audits.expressions import EvaluationError, Expression, Scope
from audits.questionnaire import Question, Questionnaire, QuestionType
from audits.rules import Rules, rules_of


@dataclass(frozen=True)
class AuditState:
    """Visibility, effective values and statuses of every question of one audit."""

    visible: dict[str, bool]
    values: dict[str, Any]
    statuses: dict[str, AnswerStatus] = field(default_factory=dict)

    def is_visible(self, question_id: str) -> bool:
        return self.visible.get(question_id, False)


def evaluate(
    questionnaire: Questionnaire,
    answers: Answers,
    reference: Mapping[str, Any] | None = None,
) -> AuditState:
    """Decide visibility and computed values, question by question in dependency order."""
    visible: dict[str, bool] = {}
    values: dict[str, Any] = {}
    statuses: dict[str, AnswerStatus] = {}
    scope = Scope(values, reference)
    for step in rules_of(questionnaire).steps:
        qid = step.question_id
        shown = all(_holds(condition, scope) for condition in step.conditions)
        visible[qid] = shown
        if not shown:
            continue
        if step.formula is not None:
            computed = _compute(step.formula, scope)
            if computed is not None:  # a formula missing its inputs leaves the question unanswered
                values[qid] = computed
                statuses[qid] = AnswerStatus.ANSWERED
        elif (answer := answers.get(qid)) is not None:
            statuses[qid] = answer.status
            if answer.is_answered and answer.value is not None:
                values[qid] = answer.value
    return AuditState(visible, values, statuses)


def _holds(expression: Expression, scope: Scope) -> bool:
    """A condition that cannot be computed on these answers hides rather than crashes."""
    try:
        return bool(expression.run(scope))
    except EvaluationError:
        return False


def _compute(expression: Expression, scope: Scope) -> Any:
    try:
        return expression.run(scope)
    except EvaluationError:
        return None


def is_required(
    question: Question,
    rules: Rules,
    state: AuditState,
    reference: Mapping[str, Any] | None = None,
) -> bool:
    if not question.takes_answer or question.type is QuestionType.COMPUTED:
        return False
    if not state.is_visible(question.id):
        return False
    condition = rules.required_if.get(question.id)
    if condition is not None:
        return _holds(condition, Scope(state.values, reference))
    return question.required


def missing_required(
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    reference: Mapping[str, Any] | None = None,
) -> list[str]:
    """Visible required questions with no answer at all (N/A and « je ne sais pas » count).

    ``reference`` is needed when visibility conditions read ``ref()``.
    """
    rules = rules_of(questionnaire)
    state = evaluate(questionnaire, answers, reference)
    return [
        q.id
        for q in questionnaire.questions()
        if is_required(q, rules, state, reference) and _no_answer(answers.get(q.id))
    ]


def _no_answer(answer: Answer | None) -> bool:
    """No row, or an ``answered`` row whose value was cleared."""
    return answer is None or (answer.is_answered and answer.value is None)
