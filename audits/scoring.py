"""Scores per theme and overall, as percentages and maturity levels.

A question counts in its theme only when it is visible and answered: its points over its
maximum, both times its weight. « Non applicable » leaves the denominator; a question not
answered yet or answered « je ne sais pas » is not counted as zero either, it is reported in
the theme's gaps so the advisor sees how much of the score is still unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from audits.answers import Answers, AnswerStatus
from audits.evaluation import AuditState, evaluate
from audits.expressions import EvaluationError
from audits.questionnaire import BoolScore, NumericScore, Question, Questionnaire, QuestionType
from audits.rules import rules_of


@dataclass(frozen=True)
class ThemeScore:
    theme: str
    title: str
    points: float
    max_points: float
    percent: float | None
    level: str | None
    scored: int
    not_applicable: int
    unknown: int
    unanswered: int


@dataclass(frozen=True)
class ScoreCard:
    themes: list[ThemeScore]
    percent: float | None
    level: str | None


@dataclass
class _Tally:
    points: float = 0.0
    max_points: float = 0.0
    scored: int = 0
    not_applicable: int = 0
    unknown: int = 0
    unanswered: int = 0


def max_points(question: Question) -> float:
    """The most a question can earn, before its weight."""
    if isinstance(question.score, BoolScore):
        return max(question.score.oui, question.score.non)
    if isinstance(question.score, NumericScore):
        return question.score.max
    scores = [c.score for c in question.choices or [] if c.score is not None]
    if not scores:
        return 0.0
    if question.type is QuestionType.MULTI:
        return sum(s for s in scores if s > 0)
    return max(scores)


def points(
    questionnaire: Questionnaire,
    question: Question,
    value: Any,
    values: Mapping[str, Any] | None = None,
    reference: Mapping[str, Any] | None = None,
) -> float:
    """Points earned by ``value``, capped to ``max_points``; 0 when a formula cannot compute.

    ``values`` (the other visible answers) and ``reference`` are what a score formula reads
    besides ``value``.
    """
    if isinstance(question.score, BoolScore):
        return question.score.oui if value else question.score.non
    if isinstance(question.score, NumericScore):
        formula = rules_of(questionnaire).score_formula[question.id]
        try:
            earned = formula.evaluate(values or {}, reference, value)
        except EvaluationError:
            earned = None
        return min(max(float(earned or 0), 0.0), question.score.max)
    by_code = {c.code: c.score or 0.0 for c in question.choices or []}
    chosen = value if isinstance(value, list) else [value]
    return min(sum(by_code.get(code, 0.0) for code in chosen), max_points(question))


def level_for(questionnaire: Questionnaire, percent: float | None) -> str | None:
    if percent is None:
        return None
    reached = [m for m in questionnaire.maturity if percent >= m.min]
    return max(reached, key=lambda m: m.min).label if reached else None


def score(
    questionnaire: Questionnaire, answers: Answers, reference: Mapping[str, Any] | None = None
) -> ScoreCard:
    state = evaluate(questionnaire, answers, reference)
    tallies: dict[str, _Tally] = {theme.id: _Tally() for theme in questionnaire.themes}
    for question in questionnaire.questions():
        theme = questionnaire.theme_of(question)
        if theme in tallies and max_points(question) > 0 and state.is_visible(question.id):
            _count(questionnaire, question, state, tallies[theme], reference)
    themes = [
        _theme_score(questionnaire, t.id, t.title, tallies[t.id]) for t in questionnaire.themes
    ]
    percent = _overall(questionnaire, themes)
    return ScoreCard(themes, percent, level_for(questionnaire, percent))


def _count(
    questionnaire: Questionnaire,
    question: Question,
    state: AuditState,
    tally: _Tally,
    reference: Mapping[str, Any] | None,
) -> None:
    status = state.statuses.get(question.id)
    if status is AnswerStatus.NOT_APPLICABLE:
        tally.not_applicable += 1
    elif status is AnswerStatus.UNKNOWN:
        tally.unknown += 1
    elif status is None or state.values.get(question.id) is None:
        tally.unanswered += 1
    else:
        value = state.values[question.id]
        earned = points(questionnaire, question, value, state.values, reference)
        tally.points += earned * question.weight
        tally.max_points += max_points(question) * question.weight
        tally.scored += 1


def _theme_score(questionnaire: Questionnaire, theme: str, title: str, tally: _Tally) -> ThemeScore:
    percent = round(100 * tally.points / tally.max_points, 1) if tally.max_points else None
    return ThemeScore(
        theme=theme,
        title=title,
        points=tally.points,
        max_points=tally.max_points,
        percent=percent,
        level=level_for(questionnaire, percent),
        scored=tally.scored,
        not_applicable=tally.not_applicable,
        unknown=tally.unknown,
        unanswered=tally.unanswered,
    )


def _overall(questionnaire: Questionnaire, themes: list[ThemeScore]) -> float | None:
    """Weighted mean of the themes that have a score; themes with nothing scored are left out."""
    weights = {theme.id: theme.weight for theme in questionnaire.themes}
    scored = [(t.percent, weights[t.theme]) for t in themes if t.percent is not None]
    total_weight = sum(weight for _, weight in scored)
    if not total_weight:
        return None
    return round(sum(p * w for p, w in scored) / total_weight, 1)
