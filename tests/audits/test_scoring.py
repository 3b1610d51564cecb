"""Scores per theme and overall, against golden files computed by hand.

Each tests/fixtures/scoring/NAME.yaml is an answers file for
tests/fixtures/questionnaires/valid/scoring.yaml whose comments give the hand computation;
NAME.json is the expected ScoreCard, compared field by field.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml

from audits.answers import answered, from_plain, not_applicable, unknown
from audits.loader import load_text
from audits.scoring import ScoreCard, level_for, max_points, points, score
from audits.yamlfile import Loader
from tests.conftest import FIXTURES, VALID

GOLDEN = FIXTURES / "scoring"
CASES = sorted(path.stem for path in GOLDEN.glob("*.yaml"))


def answers_file(name: str):
    data = yaml.load((GOLDEN / f"{name}.yaml").read_text(encoding="utf-8"), Loader=Loader)
    assert data["questionnaire"] == "bareme@1"
    return from_plain(data["answers"])


def golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def test_every_answers_file_has_its_golden_score_card():
    assert {p.stem for p in GOLDEN.glob("*.json")} == set(CASES)
    assert {"all_good", "mixed", "not_applicable", "unknown", "hidden"} <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_score_card_matches_the_hand_computed_golden_file(scoring, name):
    card = score(scoring, answers_file(name))
    expected = golden(name)
    assert isinstance(card, ScoreCard)
    assert card.percent == expected["percent"]
    assert card.level == expected["level"]
    assert [theme.theme for theme in card.themes] == [t["theme"] for t in expected["themes"]]
    for theme, wanted in zip(card.themes, expected["themes"], strict=True):
        actual = dataclasses.asdict(theme)
        for key, value in wanted.items():
            assert actual[key] == pytest.approx(value), f"{name}: {theme.theme}.{key}"
        assert set(actual) == set(wanted)


def test_not_applicable_leaves_the_denominator(scoring):
    base = {
        "activite": answered("boulangerie"),
        "led": answered(True),
        "thermostat": answered("aucun"),
    }
    energy = score(scoring, base).themes[0]
    assert (energy.points, energy.max_points, energy.percent) == (3, 9, 33.3)
    energy = score(scoring, {**base, "thermostat": not_applicable()}).themes[0]
    assert (energy.points, energy.max_points, energy.percent) == (3, 3, 100.0)
    assert energy.not_applicable == 1


def test_unknown_and_unanswered_are_not_counted_as_zero(scoring):
    base = {"activite": answered("boulangerie"), "led": answered(True)}
    for gap in ({"thermostat": unknown()}, {}):
        energy = score(scoring, {**base, **gap}).themes[0]
        assert (energy.points, energy.max_points, energy.percent) == (3, 3, 100.0)
    assert score(scoring, {**base, "thermostat": unknown()}).themes[0].unknown == 1
    assert score(scoring, base).themes[0].unanswered == 3  # thermostat, vitrine, consommation


def test_hidden_answers_are_ignored(scoring):
    best = {"led": answered(True), "vitrine_froid": answered(True)}
    office = score(scoring, {"activite": answered("bureau"), **best}).themes[0]
    bakery = score(scoring, {"activite": answered("boulangerie"), **best}).themes[0]
    assert (office.points, office.max_points, office.scored) == (3, 3, 1)
    assert (bakery.points, bakery.max_points, bakery.scored) == (5, 5, 2)


def test_a_theme_with_nothing_scored_has_no_percentage_and_no_level(scoring):
    card = score(scoring, {})
    assert all(theme.percent is None and theme.level is None for theme in card.themes)
    assert (card.percent, card.level) == (None, None)


def test_the_overall_score_weighs_themes_by_their_weight(scoring):
    # energie 100 % (weight 2), social 0 % (weight 1): (100 x 2 + 0) / 3 = 66.7
    card = score(
        scoring,
        {"activite": answered("coiffure"), "led": answered(True), "formation": answered(False)},
    )
    assert [t.percent for t in card.themes] == [100.0, None, 0.0]
    assert card.percent == 66.7


def test_a_numeric_score_is_capped_between_zero_and_its_maximum(scoring):
    question = scoring.question("consommation")
    assert max_points(question) == 10
    assert points(scoring, question, -50000) == 10  # 10 + 25 capped to 10
    assert points(scoring, question, 8000) == 6
    assert points(scoring, question, 50000) == 0  # 10 - 25 floored to 0


def test_a_multi_earns_the_sum_of_its_choices_capped_to_the_positive_ones(scoring):
    question = scoring.question("tri")
    assert max_points(question) == 4
    assert points(scoring, question, ["carton", "biodechets"]) == 3
    assert points(scoring, question, ["aucun"]) == 0


def test_a_bool_earns_its_oui_or_non_points(scoring):
    question = scoring.question("sac_plastique")
    assert max_points(question) == 1
    assert points(scoring, question, True) == 0
    assert points(scoring, question, False) == 1


def test_questions_without_points_do_not_count(scoring):
    assert max_points(scoring.question("remarque")) == 0
    assert max_points(scoring.question("activite")) == 0


@pytest.mark.parametrize(
    ("percent", "level"),
    [
        (None, None),
        (0, "Débutant"),
        (39.9, "Débutant"),
        (40, "Intermédiaire"),
        (74.9, "Intermédiaire"),
        (75, "Avancé"),
        (100, "Avancé"),
    ],
)
def test_maturity_level_is_the_highest_band_reached(scoring, percent, level):
    assert level_for(scoring, percent) == level


def test_default_maturity_levels_apply_when_none_are_declared():
    text = (VALID / "scoring.yaml").read_text(encoding="utf-8")
    start, end = text.index("maturity:"), text.index("sections:")
    questionnaire = load_text(text[:start] + text[end:], "sans_maturite.yaml")
    assert [level_for(questionnaire, p) for p in (0, 29.9, 30, 50, 70)] == [
        "Initial",
        "Initial",
        "Progression",
        "Confirmé",
        "Exemplaire",
    ]


def test_scoring_is_a_pure_function_of_the_answers(scoring):
    answers = answers_file("mixed")
    assert score(scoring, answers) == score(scoring, answers)


def test_golden_files_are_in_the_answers_file_format():
    for name in CASES:
        data = yaml.load((GOLDEN / f"{name}.yaml").read_text(encoding="utf-8"), Loader=Loader)
        assert set(data) == {"questionnaire", "answers"}
        assert Path(GOLDEN / f"{name}.yaml").read_text(encoding="utf-8").startswith("# ")


RATIO = """
id: ratio
version: 1
title: "Ratio"
kind: energy
themes: [{id: energie, title: "Énergie"}]
sections:
  - id: batiment
    title: "Bâtiment"
    theme: energie
    questions:
      - {id: surface, type: number, label: "Surface"}
      - id: conso
        type: number
        label: "Consommation"
        score: {formula: "10 - value / surface / ref('ratio_cible') * 5", max: 10}
"""


def test_a_score_formula_reads_other_answers_and_reference_data():
    questionnaire = load_text(RATIO, "ratio.yaml")
    answers = {"surface": answered(100), "conso": answered(10000)}
    # 10000 kWh / 100 m² = 100 kWh/m², the target ratio: 10 - 100 / 100 x 5 = 5 points of 10
    theme = score(questionnaire, answers, {"ratio_cible": 100}).themes[0]
    assert (theme.points, theme.max_points, theme.percent) == (5, 10, 50.0)
