"""Shared paths and helpers of the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from audits.loader import load_questionnaire
from audits.questionnaire import Questionnaire

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "questionnaires" / "valid"
INVALID = FIXTURES / "questionnaires" / "invalid"


@pytest.fixture(scope="session")
def engine() -> Questionnaire:
    """Skip logic, computed and required questions, one question of every type."""
    return load_questionnaire(VALID / "engine.yaml")


@pytest.fixture(scope="session")
def scoring() -> Questionnaire:
    """The questionnaire of the scoring golden files (tests/fixtures/scoring/)."""
    return load_questionnaire(VALID / "scoring.yaml")
