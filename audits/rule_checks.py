"""Structural checks of a questionnaire that pydantic's per-field validation cannot see.

Unique ids, choices where (and only where) a type needs them, formulas on computed questions,
scores that fit their question type, bounds in order, and themes and sources that exist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from audits.errors import RELATED_LINE, Message, Path, Problem, hint
from audits.questionnaire import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    BoolScore,
    NumericScore,
    Question,
    Questionnaire,
    QuestionType,
)


def structural_problems(questionnaire: Questionnaire) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicate_ids(_id_sites(questionnaire))
    for path, question in _question_sites(questionnaire):
        problems += [Problem(message, path) for message in _question_problems(question)]
    problems += _theme_problems(questionnaire)
    problems += _source_problems(questionnaire)
    return problems


def _question_sites(questionnaire: Questionnaire) -> Iterator[tuple[Path, Question]]:
    for s_index, section in enumerate(questionnaire.sections):
        for q_index, question in enumerate(section.questions):
            yield ("sections", s_index, "questions", q_index), question


def _id_sites(questionnaire: Questionnaire) -> Iterator[tuple[str, str, Path]]:
    """(family, id, path) for every identifier that must be unique in its family."""
    for s_index, section in enumerate(questionnaire.sections):
        yield "section", section.id, ("sections", s_index, "id")
    for path, question in _question_sites(questionnaire):
        yield "question", question.id, (*path, "id")
    families: list[tuple[str, str, list[str]]] = [
        ("thème", "themes", [theme.id for theme in questionnaire.themes]),
        ("source", "sources", [source.id for source in questionnaire.sources]),
        ("action", "actions", [action.id for action in questionnaire.actions]),
        ("label", "labels", [label.id for label in questionnaire.labels]),
    ]
    for family, key, ids in families:
        for index, item_id in enumerate(ids):
            yield family, item_id, (key, index, "id")
    for l_index, label in enumerate(questionnaire.labels):
        for c_index, criterion in enumerate(label.criteria):
            path = ("labels", l_index, "criteria", c_index, "id")
            yield f"critère de {label.id}", criterion.id, path


def _duplicate_ids(sites: Iterable[tuple[str, str, Path]]) -> list[Problem]:
    seen: dict[tuple[str, str], Path] = {}
    problems = []
    for family, item_id, path in sites:
        first = seen.setdefault((family, item_id), path)
        if first is not path:
            message = Message.DUPLICATE_ID.format(id=item_id, first_line=RELATED_LINE, what=family)
            problems.append(Problem(message, path, related=first))
    return problems


def _question_problems(question: Question) -> Iterator[str]:
    qid, qtype = question.id, question.type.value
    if question.type in CHOICE_TYPES:
        if not question.choices:
            yield Message.CHOICES_MISSING.format(question=qid, type=qtype)
        else:
            yield from _duplicate_codes(question)
    elif question.choices is not None:
        yield Message.CHOICES_UNEXPECTED.format(question=qid, type=qtype)
    if question.type is QuestionType.COMPUTED and question.formula is None:
        yield Message.FORMULA_MISSING.format(question=qid)
    if question.type is not QuestionType.COMPUTED and question.formula is not None:
        yield Message.FORMULA_UNEXPECTED.format(question=qid)
    if question.type is QuestionType.NOTE and (question.required or question.required_if):
        yield Message.NOTE_NOT_REQUIRED.format(question=qid)
    yield from _bounds_problems(question)
    yield from _score_problems(question)


def _duplicate_codes(question: Question) -> Iterator[str]:
    counts = Counter(choice.code for choice in question.choices or [])
    for code in sorted(code for code, seen in counts.items() if seen > 1):
        yield Message.DUPLICATE_CODE.format(code=code, question=question.id)


def _bounds_problems(question: Question) -> Iterator[str]:
    has_bounds = question.min is not None or question.max is not None
    numeric = question.type in NUMERIC_TYPES or question.type is QuestionType.COMPUTED
    if has_bounds and not numeric:
        yield Message.BOUNDS_UNEXPECTED.format(question=question.id)
    if question.min is not None and question.max is not None and question.min > question.max:
        yield Message.BOUNDS_INVERTED.format(
            min=question.min, max=question.max, question=question.id
        )


def _score_problems(question: Question) -> Iterator[str]:
    score, qtype = question.score, question.type
    if isinstance(score, BoolScore) and qtype is not QuestionType.BOOL:
        yield Message.SCORE_MISMATCH.format(score="oui/non", type=qtype.value)
    if isinstance(score, NumericScore) and qtype not in NUMERIC_TYPES | {QuestionType.COMPUTED}:
        yield Message.SCORE_MISMATCH.format(score="formula", type=qtype.value)


def _theme_problems(questionnaire: Questionnaire) -> list[Problem]:
    themes = [theme.id for theme in questionnaire.themes]
    sites: list[tuple[Path, str | None]] = []
    for s_index, section in enumerate(questionnaire.sections):
        sites.append((("sections", s_index, "theme"), section.theme))
    sites += [((*path, "theme"), q.theme) for path, q in _question_sites(questionnaire)]
    sites += [(("actions", i, "theme"), a.theme) for i, a in enumerate(questionnaire.actions)]
    return [
        Problem(Message.UNKNOWN_THEME.format(theme=theme, hint=hint(themes, theme)), path)
        for path, theme in sites
        if theme is not None and theme not in themes
    ]


def _source_problems(questionnaire: Questionnaire) -> list[Problem]:
    sources = [source.id for source in questionnaire.sources]
    sites: list[tuple[Path, str]] = [
        ((*path, "source"), q.source) for path, q in _question_sites(questionnaire) if q.source
    ]
    for index, action in enumerate(questionnaire.actions):
        sites += [(("actions", index, "sources", j), s) for j, s in enumerate(action.sources)]
    for index, label in enumerate(questionnaire.labels):
        sites += [(("labels", index, "sources", j), s) for j, s in enumerate(label.sources)]
    return [
        Problem(Message.UNKNOWN_SOURCE.format(source=source, hint=hint(sources, source)), path)
        for path, source in sites
        if source not in sources
    ]
