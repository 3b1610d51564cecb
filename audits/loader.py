"""Loading questionnaire files: YAML -> checked ``Questionnaire`` with compiled rules.

Every problem of a file is reported at once, each as ``file:LINE: message``, and raised as
one ``QuestionnaireError``; nothing here lets a traceback reach the author.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from pydantic import BaseModel, ValidationError

from audits import questionnaire as models
from audits.errors import Message, Problem, QuestionnaireError
from audits.model_errors import problems_from
from audits.questionnaire import Questionnaire
from audits.rules import compile_rules
from audits.salvage import salvage
from audits.yamlfile import YamlDocument, YamlSyntaxError, parse_yaml

QUESTIONNAIRE_MODELS: list[type[BaseModel]] = [
    models.Questionnaire,
    models.Section,
    models.Question,
    models.Choice,
    models.Source,
    models.Theme,
    models.MaturityLevel,
    models.BoolScore,
    models.NumericScore,
    models.Action,
    models.Label,
    models.Criterion,
]


def display_name(path: Path) -> str:
    """The path as the author typed it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
    return str(path) if outside else relative


def load_questionnaire(
    path: Path | str, reference_keys: Collection[str] | None = None
) -> Questionnaire:
    """Load, validate and compile one questionnaire file, or raise QuestionnaireError."""
    path = Path(path)
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(Message.FILE_UNREADABLE.format(problem=_os_reason(exc)))
        raise QuestionnaireError(name, [problem]) from None
    return load_text(text, name, reference_keys)


def load_text(text: str, name: str, reference_keys: Collection[str] | None = None) -> Questionnaire:
    try:
        document, problems = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise QuestionnaireError(name, [exc.problem]) from None
    questionnaire, more = _validate(document)
    problems += more
    if questionnaire is not None:
        rules, rule_problems = compile_rules(questionnaire, reference_keys)
        problems += rule_problems
        questionnaire._rules = rules
    if problems:
        problems = list(dict.fromkeys(problems))
        located = [problem.locate(document.line_of) for problem in problems]
        raise QuestionnaireError(name, sorted(located, key=lambda p: p.line or 0))
    assert questionnaire is not None
    return questionnaire


def _validate(document: YamlDocument) -> tuple[Questionnaire | None, list[Problem]]:
    if document.data is None:
        return None, [Problem(Message.FILE_EMPTY.value, line=1)]
    if not isinstance(document.data, dict):
        found = "une liste" if isinstance(document.data, list) else "une valeur simple"
        message = Message.NOT_A_MAPPING.format(where="le questionnaire", found=found)
        return None, [Problem(message, line=1)]
    try:
        return Questionnaire.model_validate(document.data), []
    except ValidationError as exc:
        problems = problems_from(exc, QUESTIONNAIRE_MODELS)
        return _salvaged(document.data, exc), problems


def _salvaged(data: dict[str, object], error: ValidationError) -> Questionnaire | None:
    """The document with refused values patched, so its rules can still be checked."""
    for _ in range(3):
        data = salvage(data, error)
        try:
            return Questionnaire.model_validate(data)
        except ValidationError as again:
            error = again
    return None


def _os_reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "fichier introuvable"
    if isinstance(exc, PermissionError):
        return "lecture non autorisée"
    if isinstance(exc, UnicodeDecodeError):
        return "le fichier n'est pas encodé en UTF-8"
    return str(exc)
