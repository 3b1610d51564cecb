"""Pydantic validation errors rewritten as French problems with document paths."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from audits.errors import Message, Path, Problem, hint
from audits.questionnaire import SCORE_TAGS

TYPE_NAMES = {
    "string": "un texte",
    "int": "un nombre entier",
    "float": "un nombre",
    "bool": "true ou false",
    "list": "une liste",
    "dict": "une table de clés",
    "model": "une table de clés",
}


def problems_from(error: ValidationError, models: list[type[BaseModel]]) -> list[Problem]:
    known_keys = sorted({name for model in models for name in model.model_fields})
    return [_problem(detail, known_keys) for detail in error.errors(include_url=False)]


def _document_path(loc: tuple[str | int, ...]) -> Path:
    return tuple(step for step in loc if step not in SCORE_TAGS and step != "[key]")


def _problem(detail: ErrorDetails, known_keys: list[str]) -> Problem:
    path = _document_path(detail["loc"])
    field = ".".join(str(step) for step in path) or "document"
    return Problem(_message(detail, field, path, known_keys), path)


def _message(detail: ErrorDetails, field: str, path: Path, known_keys: list[str]) -> str:
    kind, value = detail["type"], detail.get("input")
    key = str(path[-1]) if path else ""
    if kind in ("extra_forbidden", "invalid_key"):  # invalid_key: a number as a key (``12:``)
        others = [name for name in known_keys if name != key]
        return Message.UNKNOWN_KEY.format(key=key, hint=hint(others, key))
    if kind == "missing":
        return Message.MISSING_KEY.format(key=key)
    if key == "code" and isinstance(value, bool):
        return Message.BOOLEAN_CODE.format(value=str(value).lower())
    return Message.INVALID_VALUE.format(field=field, problem=_value_problem(detail, value))


def _value_problem(detail: ErrorDetails, value: Any) -> str:
    kind, ctx = detail["type"], detail.get("ctx", {})
    if value is None:
        shown = "un champ vide"
    else:
        shown = f"« {value} »" if not isinstance(value, dict | list) else "cette valeur"
    for prefix, name in TYPE_NAMES.items():
        if kind in (f"{prefix}_type", f"{prefix}_parsing", f"{prefix}_from_float"):
            return f"{shown} n'est pas {name}"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " ou ")
        return f"{shown} n'est pas permis (valeurs possibles : {expected})"
    if kind == "finite_number":
        return f"{shown} n'est pas un nombre fini"
    if kind == "string_pattern_mismatch":
        return (
            f"{shown} n'est pas un identifiant valide : minuscules sans accent, chiffres et _, "
            "en commençant par une lettre"
        )
    return _bound_problem(kind, ctx, shown) or f"{shown} invalide ({detail['msg']})"


def _bound_problem(kind: str, ctx: dict[str, Any], shown: str) -> str | None:
    bounds = {
        "greater_than": ("doit être supérieur à", "gt"),
        "greater_than_equal": ("doit être au moins", "ge"),
        "less_than": ("doit être inférieur à", "lt"),
        "less_than_equal": ("doit être au plus", "le"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"{shown} {words} {ctx.get(key)}"
    if kind == "too_short":
        return "ne doit pas être vide"
    if kind in ("string_too_short",):
        return "ne doit pas être vide"
    if kind == "string_too_long":
        return f"texte trop long ({ctx.get('max_length')} caractères au plus)"
    return None
