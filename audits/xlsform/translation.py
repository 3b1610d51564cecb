"""Shared pieces of the XPath -> expression translation: what a translated piece is.

Translated text carries its Python precedence so that parentheses are added only where the
meaning needs them, and whether it is a question (for literal coercion) or a condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from audits.questionnaire import QuestionType

IFEXP, OR, AND, NOT, CMP, ADD, MUL, UNARY, ATOM = range(1, 10)
NUMERIC = frozenset({QuestionType.INT, QuestionType.NUMBER, QuestionType.COMPUTED})
CODED = frozenset({QuestionType.CHOICE, QuestionType.MULTI, QuestionType.BOOL})
BOOLEAN_RESULT = {"true": "True", "false": "False"}  # what XForms stores for a yes/no calculate


@dataclass(frozen=True)
class Field:
    """An imported question as expressions see it; ``codes`` maps XLSForm codes to literals."""

    id: str
    type: QuestionType
    codes: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Context:
    """The questions an expression may name, and where it stands."""

    fields: Mapping[str, Field]
    excluded: Mapping[str, str] = field(default_factory=dict)
    current: Field | None = None
    column: str = "relevant"
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Out:
    """Translated text with its precedence, and what it is (a question, a condition)."""

    text: str
    prec: int
    field: Field | None = None
    condition: bool = False


class ConstantResult(Exception):
    """A comparison whose result is known (a code the list lacks): replaced by ``value``."""

    def __init__(self, value: bool) -> None:
        super().__init__(value)
        self.value = value


def wrap(out: Out, prec: int, strict: bool = False) -> str:
    """``out`` parenthesised when it binds looser than its place (or as loose, if strict)."""
    loose = out.prec <= prec if strict else out.prec < prec
    return f"({out.text})" if loose else out.text


def number_text(text: str) -> str:
    """XPath ``.5`` and ``5.`` as Python numbers."""
    if text.startswith("."):
        text = "0" + text
    return text + "0" if text.endswith(".") else text
