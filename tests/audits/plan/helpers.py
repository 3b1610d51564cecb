"""Loading the shipped questionnaires, reference data and example answers for plan tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from audits.answers_file import AnswersFile, load_answers_file
from audits.catalog import Catalog, load_catalog
from audits.plan import Plan, build_plan
from audits.questionnaire import Questionnaire
from audits.reference import Reference, load_reference

ROOT = Path(__file__).resolve().parents[3]
QUESTIONNAIRES = ROOT / "questionnaires"
REFERENCE = QUESTIONNAIRES / "reference"
EXAMPLES = QUESTIONNAIRES / "exemples"
AUDIT_DAY = dt.date(2026, 11, 23)


@cache
def catalog() -> Catalog:
    return load_catalog(QUESTIONNAIRES, REFERENCE)


@cache
def shipped_reference() -> Reference:
    return load_reference(REFERENCE)


def pinned(values: Mapping[str, float]) -> Reference:
    """The shipped reference with the values of a hand computation pinned.

    Chambers (and the reference data's authors) change figures; a golden test must fail when
    the *engine or the formulas* change, not when a price is updated.
    """
    reference = shipped_reference()
    merged = dict(reference.values)
    for key, value in values.items():
        merged[key] = merged[key].model_copy(update={"value": value})
    return Reference(values=merged, obligations=reference.obligations, funding=reference.funding)


def example(name: str) -> tuple[Questionnaire, AnswersFile]:
    return load_answers_file(EXAMPLES / name, catalog().get)


def example_plan(name: str, reference: Reference, day: dt.date = AUDIT_DAY) -> Plan:
    questionnaire, answers = example(name)
    return build_plan(questionnaire, answers.answers, reference, day)
