"""Questions and sections read from the survey sheet, before their expressions are translated.

Expressions can name questions further down the sheet, so an import reads every row first
(drafts keep the raw XPath and their row number) and translates once all names are known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audits.questionnaire import QuestionType


@dataclass
class QuestionDraft:
    row: int
    name: str  # as in the XLSForm, what ``${name}`` refers to
    id: str
    type: QuestionType
    label: str
    help: str | None = None
    choices: list[dict[str, str]] | None = None
    codes: dict[str, str] = field(default_factory=dict)  # XLSForm code -> our literal
    relevant: str | None = None
    required: str | None = None
    constraint: str | None = None
    constraint_message: str | None = None
    calculation: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unit, min, max


@dataclass
class SectionDraft:
    id: str
    title: str
    conditions: list[tuple[int, str]]  # (row, relevant) of the enclosing groups, outer first
    questions: list[QuestionDraft] = field(default_factory=list)
    row: int | None = None  # of the innermost ``begin group``
    help: str | None = None


@dataclass(frozen=True)
class Frame:
    """An open ``begin group`` / ``begin repeat``."""

    name: str
    title: str
    row: int
    repeat: bool
    relevant: str | None
    help: str | None = None
