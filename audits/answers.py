"""Answers as the engine sees them: a value and a status per question id.

An advisor can answer, say the question does not apply, or say « je ne sais pas »; the three
are different facts and the engine keeps them apart (N/A leaves the score denominator,
« je ne sais pas » is reported as a gap, and only ``answered`` counts for ``answered(q)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class AnswerStatus(StrEnum):
    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    value: Any = None
    status: AnswerStatus = AnswerStatus.ANSWERED

    @property
    def is_answered(self) -> bool:
        return self.status is AnswerStatus.ANSWERED


Answers = Mapping[str, Answer]


def answered(value: Any) -> Answer:
    return Answer(value=value)


def not_applicable() -> Answer:
    return Answer(status=AnswerStatus.NOT_APPLICABLE)


def unknown() -> Answer:
    return Answer(status=AnswerStatus.UNKNOWN)


def from_plain(raw: Mapping[str, Any]) -> dict[str, Answer]:
    """Answers from an answers file: bare values, or ``{status: not_applicable|unknown}``."""
    result: dict[str, Answer] = {}
    for question_id, item in raw.items():
        if isinstance(item, Mapping) and "status" in item:
            result[question_id] = Answer(
                status=AnswerStatus(item["status"]), value=item.get("value")
            )
        else:
            result[question_id] = Answer(value=item)
    return result


def values_of(answers: Answers) -> dict[str, Any]:
    """The values the expression language sees: only answered questions have one."""
    return {qid: a.value for qid, a in answers.items() if a.is_answered}
