"""Checking one answer against its question: type, choices, bounds and constraint.

The store calls this before writing, the app before showing a field as valid, the answers
file reader before building a plan: one rule set, one set of French messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from audits.answers import Answer
from audits.errors import AnswerError, Message, hint
from audits.expressions import EvaluationError
from audits.questionnaire import Question, Questionnaire, QuestionType
from audits.rules import rules_of

TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_TEXT = 10_000


def validate_answer(
    questionnaire: Questionnaire,
    question_id: str,
    answer: Answer,
    values: Mapping[str, Any] | None = None,
) -> Answer:
    """Return the answer normalised (e.g. ``12.0`` -> ``12`` for an int), or raise AnswerError.

    ``values`` are the other answers, read by constraints that compare questions.
    """
    if not questionnaire.has_question(question_id):
        ids = [q.id for q in questionnaire.questions()]
        found = hint(ids, question_id)
        raise AnswerError(Message.ANSWER_NO_QUESTION.format(question=question_id, hint=found))
    question = questionnaire.question(question_id)
    if not question.takes_answer or question.type is QuestionType.COMPUTED:
        message = Message.ANSWER_NOT_ANSWERABLE.format(
            question=question_id, type=question.type.value
        )
        raise AnswerError(message)
    if not answer.is_answered:
        return Answer(status=answer.status)
    value = _checked_value(question, answer.value)
    _check_constraint(questionnaire, question, value, values or {})
    return Answer(value=value)


def _type_error(question: Question, expected: str, value: Any) -> AnswerError:
    if value is None:
        found = "une réponse vide"
    elif isinstance(value, bool):
        found = "true" if value else "false"
    else:
        found = f"« {value} »" if not isinstance(value, list | dict) else "une structure"
    return AnswerError(
        Message.ANSWER_TYPE.format(question=question.id, expected=expected, found=found)
    )


def _checked_value(question: Question, value: Any) -> Any:
    checker = CHECKERS[question.type]
    return checker(question, value)


def _bool(question: Question, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _type_error(question, "oui ou non (true/false)", value)
    return value


def _codes(question: Question) -> list[str]:
    return [choice.code for choice in question.choices or []]


def _code(question: Question, value: Any) -> str:
    codes = _codes(question)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # an unquoted ``12`` in an answers file, as in the questionnaire
    if not isinstance(value, str) or value not in codes:
        message = Message.ANSWER_UNKNOWN_CODE.format(
            question=question.id, code=value, codes=", ".join(codes)
        )
        raise AnswerError(message)
    return value


def _multi(question: Question, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _type_error(question, "une liste de choix", value)
    codes = [_code(question, item) for item in value]
    return list(dict.fromkeys(codes))


def _number(question: Question, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _type_error(question, "un nombre", value)
    _check_bounds(question, value)
    return value


def _int(question: Question, value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(question, "un nombre entier", value)
    _check_bounds(question, value)
    return value


def _check_bounds(question: Question, value: float) -> None:
    if question.min is not None and value < question.min:
        raise AnswerError(
            Message.ANSWER_BELOW_MIN.format(question=question.id, value=value, min=_n(question.min))
        )
    if question.max is not None and value > question.max:
        raise AnswerError(
            Message.ANSWER_ABOVE_MAX.format(question=question.id, value=value, max=_n(question.max))
        )


def _n(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _text(question: Question, value: Any) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _type_error(question, f"un texte ({MAX_TEXT} caractères au plus)", value)
    return value


def _date(question: Question, value: Any) -> str:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise _type_error(question, "une date AAAA-MM-JJ", value)


def _time(question: Question, value: Any) -> str:
    if not isinstance(value, str) or not TIME_RE.match(value):
        raise _type_error(question, "une heure HH:MM", value)
    return value


def _photos(question: Question, value: Any) -> list[str]:
    """Photo answers are the SHA-256 hashes of stored images."""
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) and SHA256_RE.match(item) for item in items):
        raise _type_error(question, "des empreintes SHA-256 de photos", value)
    return list(dict.fromkeys(items))


def _signature(question: Question, value: Any) -> str:
    if not isinstance(value, str) or not SHA256_RE.match(value):
        raise _type_error(question, "l'empreinte SHA-256 d'une signature", value)
    return value


CHECKERS: dict[QuestionType, Callable[[Question, Any], Any]] = {
    QuestionType.BOOL: _bool,
    QuestionType.CHOICE: _code,
    QuestionType.MULTI: _multi,
    QuestionType.INT: _int,
    QuestionType.NUMBER: _number,
    QuestionType.TEXT: _text,
    QuestionType.DATE: _date,
    QuestionType.TIME: _time,
    QuestionType.PHOTO: _photos,
    QuestionType.SIGNATURE: _signature,
}


def _check_constraint(
    questionnaire: Questionnaire, question: Question, value: Any, values: Mapping[str, Any]
) -> None:
    constraint = rules_of(questionnaire).constraint.get(question.id)
    if constraint is None or not constraint.names <= values.keys():
        # A rule comparing with another answer waits for it: two advisors may fill the
        # sections in any order, so the rule only applies once both answers are known.
        return
    try:
        accepted = constraint.holds(values, {}, value)
    except EvaluationError as exc:
        accepted, question_message = False, str(exc)
    else:
        question_message = question.constraint_message or (
            f"la valeur ne respecte pas la règle « {question.constraint} »"
        )
    if not accepted:
        raise AnswerError(
            Message.ANSWER_CONSTRAINT.format(question=question.id, message=question_message)
        )
