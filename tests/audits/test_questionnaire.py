"""The pydantic models of the questionnaire format, and the JSON Schema exported from them."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from audits import schema as schema_module
from audits.questionnaire import (
    DEFAULT_MATURITY,
    BoolScore,
    Choice,
    NumericScore,
    Question,
    Questionnaire,
    QuestionType,
)
from audits.schema import SCHEMA_PATH, export_schema


def minimal(**overrides) -> dict:
    data = {
        "id": "energie-commerce",
        "version": 3,
        "title": "Diagnostic énergie",
        "kind": "energy",
        "sections": [
            {
                "id": "profil",
                "title": "Profil",
                "theme": "general",
                "questions": [
                    {"id": "surface", "type": "number", "label": "Surface"},
                    {"id": "led", "type": "bool", "label": "LED ?", "theme": "eclairage"},
                    {"id": "info", "type": "note", "label": "Merci"},
                ],
            }
        ],
    }
    data.update(overrides)
    return data


def question(**fields) -> Question:
    return Question.model_validate({"id": "q", "type": "text", "label": "Question", **fields})


def error_types(error: ValidationError) -> list[tuple[tuple, str]]:
    return [(detail["loc"], detail["type"]) for detail in error.errors()]


# --- the JSON Schema ------------------------------------------------------------------------


def test_the_committed_json_schema_is_the_one_the_models_export():
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == export_schema(), "schéma périmé : lancez python -m audits.schema"


def test_the_exported_schema_is_the_models_json_schema_with_its_header():
    exported = json.loads(export_schema())
    assert exported.pop("$schema") == "https://json-schema.org/draft/2020-12/schema"
    assert exported.pop("title") == "Questionnaire Diag Terrain"
    expected = Questionnaire.model_json_schema()
    expected.pop("title")
    assert exported == expected


def test_the_schema_refuses_unknown_keys_everywhere():
    exported = json.loads(export_schema())
    assert exported["additionalProperties"] is False
    objects = {name: d for name, d in exported["$defs"].items() if d.get("type") == "object"}
    assert {"Question", "Section", "Choice", "Action", "Label"} <= set(objects)
    assert all(d["additionalProperties"] is False for d in objects.values())


def test_the_schema_lists_the_required_keys_and_the_question_types():
    exported = json.loads(export_schema())
    assert set(exported["required"]) == {"id", "version", "title", "kind", "sections"}
    assert set(exported["$defs"]["Question"]["required"]) == {"id", "type", "label"}
    assert exported["$defs"]["QuestionType"]["enum"] == [t.value for t in QuestionType]


def test_python_m_audits_schema_rewrites_the_file(tmp_path, monkeypatch, capsys):
    target = tmp_path / "questionnaire.schema.json"
    monkeypatch.setattr(schema_module, "SCHEMA_PATH", target)
    assert schema_module.main() == 0
    assert target.read_text(encoding="utf-8") == export_schema()
    assert str(target) in capsys.readouterr().err


# --- the models -----------------------------------------------------------------------------


def test_a_minimal_questionnaire_validates_with_its_defaults():
    questionnaire = Questionnaire.model_validate(minimal())
    assert questionnaire.ref == "energie-commerce@3"
    assert questionnaire.sources == questionnaire.themes == questionnaire.actions == []
    assert questionnaire.labels == []
    assert questionnaire.maturity == list(DEFAULT_MATURITY)
    surface = questionnaire.question("surface")
    assert (surface.required, surface.weight, surface.score, surface.choices) == (
        False,
        1.0,
        None,
        None,
    )


def test_questions_are_found_in_document_order_with_their_section_and_theme():
    questionnaire = Questionnaire.model_validate(minimal())
    assert [q.id for q in questionnaire.questions()] == ["surface", "led", "info"]
    assert questionnaire.has_question("led")
    assert not questionnaire.has_question("absente")
    assert questionnaire.section_of("led").id == "profil"
    assert questionnaire.section_of_id("led") == "profil"
    assert questionnaire.theme_of(questionnaire.question("surface")) == "general"
    assert questionnaire.theme_of(questionnaire.question("led")) == "eclairage"


def test_a_note_takes_no_answer():
    questionnaire = Questionnaire.model_validate(minimal())
    assert not questionnaire.question("info").takes_answer
    assert questionnaire.question("surface").takes_answer


@pytest.mark.parametrize(
    ("where", "data"),
    [
        ((), minimal(auteur="moi")),
        (
            ("sections", 0),
            minimal(
                sections=[
                    {
                        "id": "s",
                        "title": "S",
                        "questions": [{"id": "q", "type": "text", "label": "Q"}],
                        "themes": "x",
                    }
                ]
            ),
        ),
        (
            ("sections", 0, "questions", 0),
            minimal(
                sections=[
                    {
                        "id": "s",
                        "title": "S",
                        "questions": [{"id": "q", "type": "text", "label": "Q", "visible": "true"}],
                    }
                ]
            ),
        ),
    ],
)
def test_unknown_keys_are_refused_at_every_level(where, data):
    with pytest.raises(ValidationError) as caught:
        Questionnaire.model_validate(data)
    [(loc, kind)] = error_types(caught.value)
    assert kind == "extra_forbidden"
    assert loc[: len(where)] == where


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "Energie"),
        ("id", "1energie"),
        ("id", "énergie"),
        ("id", "x" * 65),
        ("version", 0),
        ("version", 1.5),
        ("kind", "energie"),
        ("title", ""),
        ("sections", []),
    ],
)
def test_invalid_top_level_values_are_refused(field, value):
    with pytest.raises(ValidationError) as caught:
        Questionnaire.model_validate(minimal(**{field: value}))
    assert [loc for loc, _ in error_types(caught.value)] == [(field,)]


def test_a_questionnaire_id_may_hold_hyphens_but_a_question_id_may_not():
    assert Questionnaire.model_validate(minimal(id="label-artisanat")).id == "label-artisanat"
    with pytest.raises(ValidationError):
        question(id="surface-vente")


@pytest.mark.parametrize("identifier", ["surface", "a", "q1", "surface_vente_m2", "x" * 64])
def test_valid_question_ids(identifier):
    assert question(id=identifier).id == identifier


@pytest.mark.parametrize("identifier", ["", "Surface", "1a", "_a", "a-b", "a b", "é", "x" * 65])
def test_invalid_question_ids(identifier):
    with pytest.raises(ValidationError):
        question(id=identifier)


@pytest.mark.parametrize(
    ("code", "text"), [(12, "12"), (0, "0"), (2.5, "2.5"), ("A-1.b_2", "A-1.b_2")]
)
def test_choice_codes_are_text(code, text):
    assert Choice(code=code, label="x").code == text


@pytest.mark.parametrize("code", [True, False, None, "", "a b", "é", "x" * 65, "a/b"])
def test_invalid_choice_codes_are_refused(code):
    with pytest.raises(ValidationError):
        Choice(code=code, label="x")


def test_a_yes_no_score_and_a_formula_score_are_told_apart_by_their_keys():
    assert question(type="bool", score={"oui": 2}).score == BoolScore(oui=2, non=0)
    score = question(type="number", score={"formula": "value / 10", "max": 5}).score
    assert score == NumericScore(formula="value / 10", max=5)


@pytest.mark.parametrize(
    "score",
    [
        {"formula": "value"},
        {"formula": "value", "max": 0},
        {"oui": 1, "formula": "value", "max": 1},
        {"oui": "beaucoup"},
        {"peut_etre": 1},
        3,
        [1],
    ],
)
def test_malformed_scores_are_refused(score):
    with pytest.raises(ValidationError):
        question(type="number", score=score)


@pytest.mark.parametrize("key", ["visible_if", "required_if", "constraint", "formula"])
def test_expressions_are_limited_to_2000_characters(key):
    assert getattr(question(**{key: "a" * 2000}), key) == "a" * 2000
    with pytest.raises(ValidationError):
        question(**{key: "a" * 2001})
    with pytest.raises(ValidationError):
        question(**{key: ""})


@pytest.mark.parametrize(("field", "value"), [("weight", -1), ("type", "booleen"), ("label", "")])
def test_invalid_question_values_are_refused(field, value):
    with pytest.raises(ValidationError):
        question(**{field: value})


def test_a_zero_weight_is_allowed_to_take_a_question_out_of_its_theme():
    assert question(weight=0).weight == 0


def test_theme_weight_and_maturity_bounds_are_checked():
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(minimal(themes=[{"id": "t", "title": "T", "weight": 0}]))
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(minimal(maturity=[{"min": 101, "label": "Trop"}]))


def test_actions_refuse_unknown_energies_and_efforts():
    action = {"id": "led", "title": "LED", "trigger": "true"}
    Questionnaire.model_validate(minimal(actions=[{**action, "savings_kwh": {"gaz": "1"}}]))
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(minimal(actions=[{**action, "savings_kwh": {"charbon": "1"}}]))
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(minimal(actions=[{**action, "effort": "enorme"}]))


def test_a_label_needs_at_least_one_criterion():
    label = {"id": "epv", "title": "EPV", "criteria": []}
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(minimal(labels=[label]))


def test_models_are_frozen():
    questionnaire = Questionnaire.model_validate(minimal())
    with pytest.raises(ValidationError):
        questionnaire.title = "Autre"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        questionnaire.question("led").label = "Autre"  # type: ignore[misc]


def test_a_questionnaire_round_trips_through_json():
    questionnaire = Questionnaire.model_validate(
        minimal(
            themes=[{"id": "general", "title": "Général"}, {"id": "eclairage", "title": "Lumière"}],
            sources=[{"id": "arrete", "title": "Arrêté", "date": "2022-12-27"}],
            actions=[
                {
                    "id": "led",
                    "title": "LED",
                    "trigger": "not led",
                    "savings_kwh": {"electricite": "surface * 10"},
                    "funding": ["cee"],
                }
            ],
        )
    )
    again = Questionnaire.model_validate_json(questionnaire.model_dump_json())
    assert again.model_dump() == questionnaire.model_dump()
    assert Questionnaire.model_validate(questionnaire.model_dump()).model_dump() == (
        questionnaire.model_dump()
    )
