"""Pydantic models of a questionnaire as written in YAML (questionnaires/*.yaml).

These classes are the format: the loader validates files against them, the JSON Schema that
editors use for completion is exported from them, and the device and the server share them.
Only structure lives here; expressions are parsed and cross-checked by ``audits.checks``.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    Tag,
)

IDENTIFIER_PATTERN = r"^[a-z][a-z0-9_]*$"
IDENTIFIER_RE = re.compile(IDENTIFIER_PATTERN)
Identifier = Annotated[str, Field(pattern=IDENTIFIER_PATTERN, max_length=64)]
ExpressionText = Annotated[str, Field(min_length=1, max_length=2000)]


def _code_to_text(value: Any) -> Any:
    """Choice codes are text; an unquoted ``12`` or ``2.5`` in YAML is accepted as text.

    (An unquoted ``1.10`` becomes ``"1.1"``: expressions naming ``'1.10'`` are then refused at
    load with a hint, so the change cannot go unnoticed.)
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


ChoiceCode = Annotated[
    str, BeforeValidator(_code_to_text), Field(pattern=r"^[A-Za-z0-9_.-]+$", max_length=64)
]


class Model(BaseModel):
    """Base of every questionnaire model: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(StrEnum):
    ENERGY = "energy"
    RSE = "rse"
    LABEL = "label"
    OTHER = "other"


class QuestionType(StrEnum):
    BOOL = "bool"
    CHOICE = "choice"
    MULTI = "multi"
    INT = "int"
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"
    TIME = "time"
    PHOTO = "photo"
    SIGNATURE = "signature"
    COMPUTED = "computed"
    NOTE = "note"


ANSWERLESS_TYPES = frozenset({QuestionType.NOTE})
NUMERIC_TYPES = frozenset({QuestionType.INT, QuestionType.NUMBER})
CHOICE_TYPES = frozenset({QuestionType.CHOICE, QuestionType.MULTI})


class Source(Model):
    """A legal or technical source cited by questions, actions and reference data."""

    id: Identifier
    title: str = Field(min_length=1)
    url: str | None = None
    date: str | None = Field(default=None, description="Date of the text or of its consultation")


class Theme(Model):
    """A scoring theme (e.g. « Déchets et économie circulaire »)."""

    id: Identifier
    title: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0, description="Weight of the theme in the overall score")


class MaturityLevel(Model):
    """A maturity band: a score of at least ``min`` percent reaches this level."""

    min: float = Field(ge=0, le=100)
    label: str = Field(min_length=1)


class Choice(Model):
    code: ChoiceCode
    label: str = Field(min_length=1)
    score: float | None = Field(default=None, description="Points earned when this choice is made")


class BoolScore(Model):
    """Points of a yes/no question: ``score: {oui: 3, non: 0}``."""

    oui: float = 0
    non: float = 0


class NumericScore(Model):
    """Points of a number as a formula over ``value``, capped to ``max``."""

    formula: ExpressionText
    max: float = Field(gt=0)


SCORE_TAGS = ("oui_non", "formule")


def _score_kind(data: Any) -> str:
    """``score: {formula: …, max: …}`` scores a number; ``{oui: …, non: …}`` a yes/no."""
    if isinstance(data, NumericScore):
        return "formule"
    return "formule" if isinstance(data, dict) and "formula" in data else "oui_non"


ScoreRule = Annotated[
    Annotated[BoolScore, Tag("oui_non")] | Annotated[NumericScore, Tag("formule")],
    Discriminator(_score_kind),
]


class Question(Model):
    id: Identifier
    type: QuestionType
    label: str = Field(min_length=1, description="The question as the advisor reads it")
    help: str | None = Field(default=None, description="Help text for the advisor")
    unit: str | None = Field(default=None, description="Unit shown next to a number (m², kWh, W…)")
    min: float | None = None
    max: float | None = None
    choices: list[Choice] | None = None
    required: StrictBool = False
    required_if: ExpressionText | None = None
    visible_if: ExpressionText | None = None
    constraint: ExpressionText | None = Field(
        default=None, description="Condition on ``value``, the answer being checked"
    )
    constraint_message: str | None = None
    formula: ExpressionText | None = Field(
        default=None, description="Formula of a computed question"
    )
    theme: Identifier | None = Field(default=None, description="Overrides the section's theme")
    weight: float = Field(default=1.0, ge=0, description="Weight of the question in its theme")
    score: ScoreRule | None = None
    source: Identifier | None = Field(
        default=None, description="Id of a source of the questionnaire"
    )

    @property
    def takes_answer(self) -> bool:
        return self.type not in ANSWERLESS_TYPES


class Section(Model):
    id: Identifier
    title: str = Field(min_length=1)
    help: str | None = None
    theme: Identifier | None = None
    visible_if: ExpressionText | None = None
    questions: list[Question] = Field(min_length=1)


Energy = Literal["electricite", "gaz", "fioul", "propane", "bois", "reseau_chaleur"]
Effort = Literal["faible", "moyen", "important"]


class Action(Model):
    """A line of the action catalogue: triggered by the answers, quantified by formulas."""

    id: Identifier
    title: str = Field(min_length=1)
    description: str | None = None
    theme: Identifier | None = None
    trigger: ExpressionText
    savings_kwh: dict[Energy, ExpressionText] = Field(
        default_factory=dict, description="kWh saved per year, per energy"
    )
    use_kwh: dict[Energy, ExpressionText] = Field(
        default_factory=dict,
        description="Consumption of the use the action acts on: caps the savings estimate",
    )
    savings_eur: ExpressionText | None = Field(
        default=None, description="Euros saved per year besides energy (contract, water…)"
    )
    cost: ExpressionText | None = Field(default=None, description="Investment in euros HT")
    aid: ExpressionText | None = Field(default=None, description="Aid expected in euros")
    effort: Effort = "moyen"
    obligation: Identifier | None = Field(default=None, description="Reference data obligation id")
    funding: list[Identifier] = Field(default_factory=list, description="Funding scheme ids")
    sources: list[Identifier] = Field(default_factory=list)


class Criterion(Model):
    id: Identifier
    label: str = Field(min_length=1)
    condition: ExpressionText


class Label(Model):
    """A label the audit checks eligibility for, as a list of criteria over the answers."""

    id: Identifier
    title: str = Field(min_length=1)
    applies_if: ExpressionText | None = None
    criteria: list[Criterion] = Field(min_length=1)
    sources: list[Identifier] = Field(default_factory=list)


DEFAULT_MATURITY = (
    MaturityLevel(min=0, label="Initial"),
    MaturityLevel(min=30, label="Progression"),
    MaturityLevel(min=50, label="Confirmé"),
    MaturityLevel(min=70, label="Exemplaire"),
)


QuestionnaireId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]


class Questionnaire(Model):
    id: QuestionnaireId = Field(description="Stable id, usually the file name: energie-commerce")
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    kind: Kind
    description: str | None = None
    sources: list[Source] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    maturity: list[MaturityLevel] = Field(default_factory=lambda: list(DEFAULT_MATURITY))
    sections: list[Section] = Field(min_length=1)
    actions: list[Action] = Field(default_factory=list)
    labels: list[Label] = Field(default_factory=list)

    _rules: Any = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Equal content, whatever was compiled or cached on either side."""
        if not isinstance(other, Questionnaire):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash(self.ref)

    @property
    def ref(self) -> str:
        """``ID@VERSION``, the name an audit pins."""
        return f"{self.id}@{self.version}"

    def questions(self) -> list[Question]:
        return [q for section in self.sections for q in section.questions]

    @cached_property
    def _placement(self) -> dict[str, tuple[Question, Section]]:
        """Each question with its section, built once: the engine looks them up constantly."""
        return {q.id: (q, section) for section in self.sections for q in section.questions}

    def has_question(self, question_id: str) -> bool:
        return question_id in self._placement

    def question(self, question_id: str) -> Question:
        return self._placement[question_id][0]

    def section_of(self, question_id: str) -> Section:
        return self._placement[question_id][1]

    def section_of_id(self, question_id: str) -> str:
        """Id of the section holding the question."""
        return self._placement[question_id][1].id

    def theme_id_of(self, question_id: str) -> str | None:
        """The question's theme, or its section's."""
        question, section = self._placement[question_id]
        return question.theme or section.theme

    def theme_of(self, question: Question) -> str | None:
        return self.theme_id_of(question.id)
