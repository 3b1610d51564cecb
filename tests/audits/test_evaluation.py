"""The state of an audit from its answers: visibility cascades, computed values, what is missing.

Runs on tests/fixtures/questionnaires/valid/engine.yaml: the « equipements » section shows for a
boulangerie only; inside it nb_vitrines and portes show when a_vitrine is yes, puissance_vitrine
when nb_vitrines > 0; conso_froid, nb_equipements, amplitude and tarif are computed.
"""

from __future__ import annotations

import copy

from audits.answers import Answer, AnswerStatus, answered, from_plain, not_applicable, unknown
from audits.evaluation import evaluate, missing_required

EQUIPMENT = [
    "a_vitrine",
    "nb_vitrines",
    "puissance_vitrine",
    "conso_froid",
    "portes",
    "nb_equipements",
]


def state_of(questionnaire, reference=None, **plain):
    return evaluate(questionnaire, from_plain(plain), reference)


def visible(state) -> set[str]:
    return {qid for qid, shown in state.visible.items() if shown}


def test_with_no_answer_the_section_for_food_trades_is_hidden(engine):
    state = state_of(engine)
    assert not visible(state) & set(EQUIPMENT)
    assert {"activite", "surface", "siret", "effectif", "bienvenue", "ouverture"} <= visible(state)


def test_every_question_gets_a_visibility(engine):
    state = state_of(engine)
    assert set(state.visible) == {q.id for q in engine.questions()}
    assert not state.is_visible("question_inexistante")


def test_a_section_condition_shows_its_questions(engine):
    state = state_of(engine, activite="boulangerie")
    assert {"a_vitrine", "conso_froid", "nb_equipements"} <= visible(state)
    assert not {"nb_vitrines", "portes", "puissance_vitrine"} & visible(state)


def test_questions_appear_one_after_the_other_as_answers_come(engine):
    state = state_of(engine, activite="boulangerie", a_vitrine=True)
    assert {"nb_vitrines", "portes"} <= visible(state)
    assert not state.is_visible("puissance_vitrine")
    state = state_of(engine, activite="boulangerie", a_vitrine=True, nb_vitrines=2)
    assert state.is_visible("puissance_vitrine")


def test_hiding_a_section_hides_everything_that_depends_on_it(engine):
    answers = {"a_vitrine": True, "nb_vitrines": 4, "puissance_vitrine": 500, "portes": ["led"]}
    shown = state_of(engine, activite="boulangerie", **answers)
    assert set(EQUIPMENT) <= visible(shown)
    hidden = state_of(engine, activite="coiffure", **answers)
    assert not visible(hidden) & set(EQUIPMENT)
    assert not set(hidden.values) & set(EQUIPMENT)
    assert not set(hidden.statuses) & set(EQUIPMENT)


def test_an_answer_to_a_hidden_question_does_not_make_others_visible(engine):
    state = state_of(engine, activite="coiffure", a_vitrine=True, nb_vitrines=4)
    assert not state.is_visible("nb_vitrines")
    assert not state.is_visible("puissance_vitrine")
    assert "a_vitrine" not in state.values


def test_a_hidden_answer_inside_a_visible_section_does_not_count_either(engine):
    state = state_of(engine, activite="boulangerie", a_vitrine=False, nb_vitrines=4)
    assert state.is_visible("a_vitrine")
    assert not state.is_visible("nb_vitrines")
    assert not state.is_visible("puissance_vitrine")
    assert "nb_vitrines" not in state.values


def test_a_computed_question_is_computed_from_visible_answers(engine):
    state = state_of(
        engine, activite="boulangerie", a_vitrine=True, nb_vitrines=4, puissance_vitrine=500
    )
    # 4 vitrines x 500 W x 8760 h / 1000 = 17520 kWh
    assert state.values["conso_froid"] == 17520
    assert state.statuses["conso_froid"] is AnswerStatus.ANSWERED


def test_a_computed_question_counts_the_codes_of_a_multi(engine):
    state = state_of(engine, activite="boulangerie", a_vitrine=True, portes=["portes", "led"])
    assert state.values["nb_equipements"] == 2


def test_a_computed_question_whose_inputs_are_hidden_counts_nothing(engine):
    state = state_of(engine, activite="boulangerie", a_vitrine=False, portes=["portes", "led"])
    assert state.values["nb_equipements"] == 0


def test_a_computed_question_with_an_unanswered_input_has_no_value(engine):
    state = state_of(engine, activite="boulangerie", a_vitrine=True, nb_vitrines=4)
    assert state.is_visible("conso_froid")
    assert state.values.get("conso_froid") is None


def test_a_computed_question_reads_times(engine):
    state = state_of(engine, ouverture="08:30", fermeture="19:00")
    assert state.values["amplitude"] == 10.5


def test_a_computed_question_reads_reference_data(engine):
    assert state_of(engine, {"prix_electricite": 0.25}).values["tarif"] == 0.5


def test_a_computed_question_missing_its_reference_data_has_no_value(engine):
    assert state_of(engine).values.get("tarif") is None


def test_a_condition_that_cannot_be_computed_hides_instead_of_failing(engine):
    state = state_of(engine, activite="boulangerie", a_vitrine=True, nb_vitrines="beaucoup")
    assert not state.is_visible("puissance_vitrine")


def test_statuses_keep_not_applicable_and_unknown_apart(engine):
    answers = {
        "activite": answered("boulangerie"),
        "surface": not_applicable(),
        "effectif": unknown(),
    }
    state = evaluate(engine, answers)
    assert state.statuses["surface"] is AnswerStatus.NOT_APPLICABLE
    assert state.statuses["effectif"] is AnswerStatus.UNKNOWN
    assert "surface" not in state.values
    assert "effectif" not in state.values
    assert "siret" not in state.statuses


def test_evaluation_does_not_change_the_answers_and_gives_the_same_state_twice(engine):
    answers = from_plain({"activite": "boulangerie", "a_vitrine": True, "portes": ["led"]})
    before = copy.deepcopy(answers)
    first, second = evaluate(engine, answers), evaluate(engine, answers)
    assert answers == before
    assert first == second


# --- required answers -----------------------------------------------------------------------


def missing(questionnaire, **plain) -> list[str]:
    return missing_required(questionnaire, from_plain(plain))


def test_visible_required_questions_without_answer_are_missing(engine):
    assert missing(engine) == ["activite", "surface"]


def test_required_questions_of_a_hidden_section_are_not_missing(engine):
    assert missing(engine, activite="coiffure", surface=50) == []


def test_required_questions_appear_in_the_missing_list_as_they_become_visible(engine):
    assert missing(engine, activite="boulangerie", surface=50) == ["a_vitrine"]
    assert missing(engine, activite="boulangerie", surface=50, a_vitrine=True) == ["nb_vitrines"]
    assert missing(engine, activite="boulangerie", surface=50, a_vitrine=False) == []


def test_required_if_makes_a_question_required_only_when_it_holds(engine):
    assert missing(engine, activite="bureau", surface=50) == ["siret"]
    assert missing(engine, activite="coiffure", surface=50) == []


def test_required_if_on_answered_ignores_not_applicable(engine):
    assert missing(engine, activite="coiffure", surface=50, date_visite="2025-03-01") == [
        "signature"
    ]
    not_dated = {"date_visite": {"status": "not_applicable"}}
    assert missing(engine, activite="coiffure", surface=50, **not_dated) == []


def test_not_applicable_and_unknown_satisfy_required(engine):
    assert (
        missing(engine, activite={"status": "not_applicable"}, surface={"status": "unknown"}) == []
    )


def test_a_cleared_answer_is_missing_and_not_answered(engine):
    answers = {
        "activite": answered("coiffure"),
        "surface": Answer(value=None),
        "date_visite": Answer(value=None),
    }
    assert missing_required(engine, answers) == ["surface"]
    assert "surface" not in evaluate(engine, answers).values


def test_notes_and_computed_questions_are_never_missing(engine):
    missing_ids = missing(engine, activite="boulangerie", surface=50, a_vitrine=True, nb_vitrines=1)
    assert "bienvenue" not in missing_ids
    assert "conso_froid" not in missing_ids
    assert missing_ids == []
