"""The README is the format's reference: it must name every key, type and function."""

from pathlib import Path

import pytest

from audits import questionnaire as models
from audits.expressions import FUNCTION_NAMES
from audits.loader import QUESTIONNAIRE_MODELS
from audits.questionnaire import QuestionType

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
FORMAT_KEYS = sorted({name for model in QUESTIONNAIRE_MODELS for name in model.model_fields})


@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_every_yaml_key_is_documented_in_the_readme(key):
    assert f"`{key}`" in README


@pytest.mark.parametrize("question_type", [t.value for t in QuestionType])
def test_every_question_type_is_documented_in_the_readme(question_type):
    assert f"`{question_type}`" in README


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_every_expression_function_is_documented_in_the_readme(function):
    assert f"`{function}(" in README


@pytest.mark.parametrize("kind", [k.value for k in models.Kind])
def test_every_questionnaire_kind_is_documented_in_the_readme(kind):
    assert f"`{kind}`" in README


def test_readme_gives_the_two_commands():
    assert "make run" in README
    assert "make test" in README
