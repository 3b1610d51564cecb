"""Reference data of the plans: values (prices, factors…), obligations and funding schemes.

Three YAML files in ``questionnaires/reference/`` hold every figure with its source and date, so
an advisor can tell the owner where a number comes from and a chamber can update it without a
release. A chamber overrides *values* (its negotiated prices, say) with a small config file
merged over the defaults; obligations and funding schemes are national and stay as shipped.
Files are read like questionnaires: every problem reported at once as ``file:line: message``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from audits.errors import RELATED_LINE, Message, Problem, QuestionnaireError, hint
from audits.expressions import Expression, ExpressionError, parse
from audits.loader import display_name
from audits.model_errors import problems_from
from audits.questionnaire import Identifier
from audits.yamlfile import YamlDocument, YamlSyntaxError, parse_yaml

VALUES_FILE = "valeurs.yaml"
OBLIGATIONS_FILE = "obligations.yaml"
FUNDING_FILE = "financements.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReferenceValue(_Model):
    """One figure read by ``ref('key')``: never a bare number, always its source and date."""

    value: float
    unit: str = ""
    label: str = ""
    source: str = ""
    date: str | None = None
    verified: bool = True
    note: str | None = None


class Obligation(_Model):
    """A regulatory obligation a plan line answers; printed in the PDF's checklist."""

    id: Identifier
    title: str = Field(min_length=1)
    text: str = Field(min_length=1, description="Legal reference")
    rule: str = Field(min_length=1)
    sanction: str = ""
    source: str = ""
    date: str | None = None
    verified: bool = True


class FundingScheme(_Model):
    """A funding scheme with its validity window: one past its end date is never offered.

    ``applies_if`` is the scheme's eligibility over the audit's answers, in the questionnaires'
    expression language (``systeme_chauffage in ['chaudiere_fioul', 'chaudiere_gaz']``): a
    Coup de pouce for fossil boilers must not be offered to a shop replacing convectors.
    """

    id: Identifier
    title: str = Field(min_length=1)
    organisme: str = Field(min_length=1)
    kind: Literal["cee", "subvention", "pret", "accompagnement"] = "subvention"
    eligibility: str = Field(min_length=1)
    applies_if: str | None = Field(default=None, description="Condition on the answers")
    how_to_apply: str = Field(min_length=1)
    url: str | None = None
    amount: str | None = None
    start: dt.date
    end: dt.date | None = Field(default=None, description="null: « sans date de fin »")
    source: str = ""
    date: str | None = None
    verified: bool = True

    def open_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def condition(self) -> Expression | None:
        """The parsed ``applies_if`` (checked when the file is loaded; parsing is cached)."""
        return None if self.applies_if is None else parse(self.applies_if)


class ValueOverride(_Model):
    """A chamber's own figure for a reference value; what it leaves out keeps the default."""

    value: float
    source: str | None = None
    date: str | None = None
    verified: bool | None = None


class _ValuesFile(_Model):
    values: dict[str, ReferenceValue]


class _ObligationsFile(_Model):
    obligations: list[Obligation] = Field(default_factory=list)


class _FundingFile(_Model):
    funding: list[FundingScheme] = Field(default_factory=list)


class _OverridesFile(_Model):
    chamber: str | None = None
    date: str | None = None
    values: dict[str, ValueOverride | float] = Field(default_factory=dict)


class Reference(_Model):
    """Everything a plan reads besides the answers."""

    values: dict[str, ReferenceValue] = Field(default_factory=dict)
    obligations: dict[str, Obligation] = Field(default_factory=dict)
    funding: dict[str, FundingScheme] = Field(default_factory=dict)

    @cached_property
    def numbers(self) -> dict[str, float]:
        """The mapping the expression language's ``ref()`` reads."""
        return {key: item.value for key, item in self.values.items()}

    @cached_property
    def unverified(self) -> frozenset[str]:
        """Keys of values still to confirm: results using them print « estimation indicative »."""
        return frozenset(key for key, item in self.values.items() if not item.verified)


class ReferenceError(QuestionnaireError):
    """A reference data file with problems, each located ``file:line``."""


def load_reference(folder: Path, overrides: Path | None = None) -> Reference:
    """The three files of ``folder`` (a missing file reads as empty)."""
    values = _read(folder / VALUES_FILE, _ValuesFile, required=False)
    obligations = _read(folder / OBLIGATIONS_FILE, _ObligationsFile, required=False)
    funding = _read(folder / FUNDING_FILE, _FundingFile, required=False)
    reference = Reference(
        values=dict(values.values) if values else {},
        obligations={item.id: item for item in (obligations.obligations if obligations else [])},
        funding={item.id: item for item in (funding.funding if funding else [])},
    )
    return apply_overrides(reference, overrides) if overrides else reference


def load_values(folder: Path) -> dict[str, ReferenceValue] | None:
    """The values file alone, or None when the folder has none (``ref()`` is then unchecked)."""
    values = _read(folder / VALUES_FILE, _ValuesFile, required=False)
    return dict(values.values) if values else None


def apply_overrides(reference: Reference, path: Path) -> Reference:
    """Merge a chamber's config file over the defaults; unknown keys are errors, not additions."""
    overrides = _read(path, _OverridesFile, required=True)
    assert overrides is not None
    problems = [
        Problem(Message.UNKNOWN_REFERENCE.format(field="values", key=key, hint=""), ("values", key))
        for key in overrides.values
        if key not in reference.values
    ]
    if problems:
        _raise(path, None, [_with_hint(p, reference.values) for p in problems])
    values = dict(reference.values)
    for key, override in overrides.values.items():
        values[key] = _merged(values[key], override, overrides)
    return Reference(values=values, obligations=reference.obligations, funding=reference.funding)


def _merged(
    default: ReferenceValue, override: ValueOverride | float, file: _OverridesFile
) -> ReferenceValue:
    if not isinstance(override, ValueOverride):
        override = ValueOverride(value=override)
    chamber = file.chamber or "la chambre"
    return default.model_copy(
        update={
            "value": override.value,
            "source": override.source or f"Valeur fixée par {chamber}",
            "date": override.date or file.date,
            "verified": default.verified if override.verified is None else override.verified,
        }
    )


def _with_hint(problem: Problem, values: Mapping[str, Any]) -> Problem:
    key = str(problem.path[-1])
    message = Message.UNKNOWN_REFERENCE.format(field="values", key=key, hint=hint(values, key))
    return Problem(message, problem.path)


M = TypeVar("M", bound=BaseModel)


def _read(path: Path, model: type[M], required: bool) -> M | None:
    if not path.exists() and not required:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(Message.FILE_UNREADABLE.format(problem=exc))
        raise ReferenceError(display_name(path), [problem]) from None
    try:
        document, problems = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise ReferenceError(display_name(path), [exc.problem]) from None
    try:
        result = model.model_validate(document.data or {})
    except ValidationError as exc:
        _raise(path, document, problems + problems_from(exc, _MODELS))
    problems += _duplicates(document.data) + _conditions(document.data)
    if problems:
        _raise(path, document, problems)
    return result


def _raise(path: Path, document: YamlDocument | None, problems: list[Problem]) -> Any:
    if document is None:
        document = parse_yaml(path.read_text(encoding="utf-8"))[0]
    located = [problem.locate(document.line_of) for problem in problems]
    raise ReferenceError(display_name(path), sorted(located, key=lambda p: p.line or 0))


def _duplicates(data: Any) -> list[Problem]:
    """Two obligations or schemes with one id: the second would silently replace the first."""
    problems: list[Problem] = []
    for family in ("obligations", "funding"):
        items = data.get(family) if isinstance(data, dict) else None
        first: dict[str, int] = {}
        for index, item in enumerate(items if isinstance(items, list) else []):
            item_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(item_id, str) and item_id in first:
                message = Message.DUPLICATE_ID.format(
                    id=item_id, first_line=RELATED_LINE, what="entrée"
                )
                related = (family, first[item_id], "id")
                problems.append(Problem(message, (family, index, "id"), related=related))
            elif isinstance(item_id, str):
                first[item_id] = index
    return problems


def _conditions(data: Any) -> list[Problem]:
    """Each scheme's ``applies_if`` parses, without ``value`` (it tests answers, not one answer).

    Question names are checked against a questionnaire by ``missing_references``: a scheme
    is shared by several questionnaires, so only the one offering it can say a name is unknown.
    """
    items = data.get("funding") if isinstance(data, dict) else None
    problems: list[Problem] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        source = item.get("applies_if") if isinstance(item, dict) else None
        if not isinstance(source, str):
            continue
        path = ("funding", index, "applies_if")
        try:
            expression = parse(source)
        except ExpressionError as exc:
            message = Message.BAD_EXPRESSION.format(field="applies_if", problem=exc)
            problems.append(Problem(message, path))
            continue
        if expression.uses_value:
            message = Message.VALUE_OUTSIDE_CONSTRAINT.format(field="applies_if")
            problems.append(Problem(message, path))
    return problems


_MODELS: list[type[BaseModel]] = [
    ReferenceValue,
    Obligation,
    FundingScheme,
    ValueOverride,
    _ValuesFile,
    _ObligationsFile,
    _FundingFile,
    _OverridesFile,
]
