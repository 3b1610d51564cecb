"""Answers files (CLI ``plan --answers``, examples, tests): YAML -> checked answers.

The format is in ARCHITECTURE.md and README: ``questionnaire: ID@VERSION``, optional
``establishment:``, ``date:``, ``advisor:``, ``notes:`` and ``photos:`` (per question), and
``answers:``. Every answer goes through ``validate_answer`` like one typed on the device, and
every problem is reported at once as ``file:line: message``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audits.answers import Answer, AnswerStatus
from audits.errors import AnswerError, DiagError, Message, Problem, QuestionnaireError, hint
from audits.loader import display_name
from audits.questionnaire import Questionnaire
from audits.validation import validate_answer
from audits.yamlfile import YamlSyntaxError, parse_yaml

KEYS = ("questionnaire", "establishment", "date", "advisor", "notes", "photos", "answers")


@dataclass
class AnswersFile:
    questionnaire: str
    answers: dict[str, Answer]
    establishment: dict[str, Any] = field(default_factory=dict)
    date: dt.date | None = None
    advisor: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    photos: dict[str, list[Path]] = field(default_factory=dict)


class AnswersFileError(QuestionnaireError):
    """An answers file with problems, each located ``file:line``."""


def parse_date(value: Any) -> dt.date:
    """An ISO date, or DiagError in French (CLI ``--date`` and the file's ``date:``)."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise AnswerError(Message.PLAN_DATE_INVALID.format(value=value)) from None


def load_answers_file(
    path: Path, find: Callable[[str], Questionnaire]
) -> tuple[Questionnaire, AnswersFile]:
    """Read and check ``path``; ``find`` resolves ``ID@VERSION`` (a catalog's ``get``)."""
    name = display_name(path)
    try:
        document, problems = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(Message.FILE_UNREADABLE.format(problem=exc))
        raise AnswersFileError(name, [problem]) from None
    except YamlSyntaxError as exc:
        raise AnswersFileError(name, [exc.problem]) from None
    data = document.data if isinstance(document.data, dict) else {}
    reader = _Reader(data, path.parent, problems)
    result = reader.read(find)
    if reader.problems or result is None:
        located = [p.locate(document.line_of) for p in reader.problems]
        raise AnswersFileError(name, sorted(located, key=lambda p: p.line or 0))
    return result


class _Reader:
    def __init__(self, data: dict[str, Any], folder: Path, problems: list[Problem]) -> None:
        self.data = data
        self.folder = folder
        self.problems = problems

    def fail(self, message: str, *path: str | int) -> None:
        self.problems.append(Problem(message, tuple(path)))

    def read(
        self, find: Callable[[str], Questionnaire]
    ) -> tuple[Questionnaire, AnswersFile] | None:
        for key in self.data:
            if key not in KEYS:
                self.fail(Message.UNKNOWN_KEY.format(key=key, hint=hint(KEYS, str(key))), key)
        ref = self.data.get("questionnaire")
        if not isinstance(ref, str):
            self.fail(Message.PLAN_NO_QUESTIONNAIRE.value, "questionnaire")
            return None
        try:
            questionnaire = find(ref)
        except QuestionnaireError:
            raise
        except DiagError as exc:
            self.fail(str(exc), "questionnaire")
            return None
        answers = self._answers(questionnaire)
        result = AnswersFile(
            questionnaire=ref,
            answers=answers,
            establishment=self._mapping("establishment"),
            date=self._date(),
            advisor=str(self.data["advisor"]) if self.data.get("advisor") else None,
            notes={str(k): str(v) for k, v in self._mapping("notes").items()},
            photos=self._photos(),
        )
        return questionnaire, result

    def _mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            self.fail(Message.NOT_A_MAPPING.format(where=f"« {key} »", found="autre chose"), key)
            return {}
        return value

    def _date(self) -> dt.date | None:
        if "date" not in self.data:
            return None
        try:
            return parse_date(self.data["date"])
        except AnswerError as exc:
            self.fail(str(exc), "date")
            return None

    def _photos(self) -> dict[str, list[Path]]:
        photos: dict[str, list[Path]] = {}
        for qid, files in self._mapping("photos").items():
            items = files if isinstance(files, list) else [files]
            photos[str(qid)] = [self.folder / str(item) for item in items]
        return photos

    def _answers(self, questionnaire: Questionnaire) -> dict[str, Answer]:
        raw = self.data.get("answers")
        if not isinstance(raw, dict):
            self.fail(Message.PLAN_ANSWERS_NOT_MAPPING.value, "answers")
            return {}
        plain = {qid: value for qid, value in raw.items() if not isinstance(value, dict)}
        answers: dict[str, Answer] = {}
        for qid, value in raw.items():
            answer = self._answer(str(qid), value)
            if answer is None:
                continue
            try:
                answers[str(qid)] = validate_answer(questionnaire, str(qid), answer, plain)
            except AnswerError as exc:
                self.fail(str(exc), "answers", qid)
        return answers

    def _answer(self, qid: str, value: Any) -> Answer | None:
        if not isinstance(value, dict):
            return Answer(value=value)
        status = value.get("status")
        if status not in (AnswerStatus.NOT_APPLICABLE.value, AnswerStatus.UNKNOWN.value):
            self.fail(
                Message.PLAN_STATUS_INVALID.format(question=qid, status=status), "answers", qid
            )
            return None
        return Answer(status=AnswerStatus(status))
