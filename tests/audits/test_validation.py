"""One answer checked against its question: types, choices, bounds, constraints, statuses."""

from __future__ import annotations

import pytest

from audits.answers import Answer, AnswerStatus, answered, not_applicable, unknown
from audits.errors import AnswerError, Message
from audits.loader import load_questionnaire, load_text
from audits.validation import MAX_TEXT, validate_answer
from tests.conftest import VALID

SHA = "ab" * 32
OTHER_SHA = "cd" * 32


def check(questionnaire, question_id, value, values=None):
    return validate_answer(questionnaire, question_id, answered(value), values).value


def refusal(questionnaire, question_id, value, values=None) -> str:
    with pytest.raises(AnswerError) as caught:
        validate_answer(questionnaire, question_id, answered(value), values)
    return str(caught.value)


ACCEPTED = [
    ("a_vitrine", True, True),
    ("a_vitrine", False, False),
    ("activite", "boulangerie", "boulangerie"),
    ("portes", ["portes", "led"], ["portes", "led"]),
    ("portes", [], []),
    ("portes", ["led", "led", "portes"], ["led", "portes"]),
    ("nb_vitrines", 3, 3),
    ("nb_vitrines", 12.0, 12),
    ("nb_vitrines", 1, 1),
    ("nb_vitrines", 20, 20),
    ("surface", 120, 120),
    ("surface", 0.5, 0.5),
    ("surface", 10000.5, 10000.5),
    ("puissance_vitrine", 0, 0),
    ("siret", "12345678901234", "12345678901234"),
    ("siret", "", ""),
    ("siret", "é" * MAX_TEXT, "é" * MAX_TEXT),
    ("date_visite", "2025-03-01", "2025-03-01"),
    ("date_visite", "20250301", "2025-03-01"),
    ("ouverture", "08:30", "08:30"),
    ("ouverture", "00:00", "00:00"),
    ("ouverture", "23:59", "23:59"),
    ("photo_vitrine", SHA, [SHA]),
    ("photo_vitrine", [SHA, OTHER_SHA, SHA], [SHA, OTHER_SHA]),
    ("signature", SHA, SHA),
]


@pytest.mark.parametrize(("question", "value", "normalised"), ACCEPTED)
def test_a_valid_answer_is_accepted_and_normalised(engine, question, value, normalised):
    result = check(engine, question, value)
    assert result == normalised
    assert type(result) is type(normalised)


def test_a_whole_float_for_an_int_question_becomes_an_int(engine):
    result = check(engine, "nb_vitrines", 12.0)
    assert result == 12
    assert isinstance(result, int)


def expected_type(question, expected, found):
    return Message.ANSWER_TYPE.format(question=question, expected=expected, found=found)


REFUSED = [
    ("a_vitrine", "oui", expected_type("a_vitrine", "oui ou non (true/false)", "« oui »")),
    ("a_vitrine", 1, expected_type("a_vitrine", "oui ou non (true/false)", "« 1 »")),
    ("a_vitrine", None, expected_type("a_vitrine", "oui ou non (true/false)", "une réponse vide")),
    (
        "activite",
        "boulangrie",
        Message.ANSWER_UNKNOWN_CODE.format(
            question="activite", code="boulangrie", codes="boulangerie, coiffure, bureau"
        ),
    ),
    (
        "activite",
        ["boulangerie"],
        Message.ANSWER_UNKNOWN_CODE.format(
            question="activite", code="['boulangerie']", codes="boulangerie, coiffure, bureau"
        ),
    ),
    ("portes", "portes", expected_type("portes", "une liste de choix", "« portes »")),
    (
        "portes",
        ["portes", "volets"],
        Message.ANSWER_UNKNOWN_CODE.format(
            question="portes", code="volets", codes="portes, rideaux, led"
        ),
    ),
    ("nb_vitrines", 2.5, expected_type("nb_vitrines", "un nombre entier", "« 2.5 »")),
    ("nb_vitrines", "3", expected_type("nb_vitrines", "un nombre entier", "« 3 »")),
    ("nb_vitrines", True, expected_type("nb_vitrines", "un nombre entier", "true")),
    ("nb_vitrines", 0, Message.ANSWER_BELOW_MIN.format(question="nb_vitrines", value=0, min=1)),
    ("nb_vitrines", 21, Message.ANSWER_ABOVE_MAX.format(question="nb_vitrines", value=21, max=20)),
    ("surface", 0.4, Message.ANSWER_BELOW_MIN.format(question="surface", value=0.4, min="0.5")),
    (
        "surface",
        10001,
        Message.ANSWER_ABOVE_MAX.format(question="surface", value=10001, max="10000.5"),
    ),
    ("surface", "120", expected_type("surface", "un nombre", "« 120 »")),
    ("surface", float("nan"), expected_type("surface", "un nombre", "« nan »")),
    ("surface", float("inf"), expected_type("surface", "un nombre", "« inf »")),
    ("surface", False, expected_type("surface", "un nombre", "false")),
    (
        "siret",
        12345678901234,
        expected_type("siret", "un texte (10000 caractères au plus)", "« 12345678901234 »"),
    ),
    (
        "date_visite",
        "01/03/2025",
        expected_type("date_visite", "une date AAAA-MM-JJ", "« 01/03/2025 »"),
    ),
    (
        "date_visite",
        "2025-02-30",
        expected_type("date_visite", "une date AAAA-MM-JJ", "« 2025-02-30 »"),
    ),
    ("ouverture", "8h30", expected_type("ouverture", "une heure HH:MM", "« 8h30 »")),
    ("ouverture", "24:00", expected_type("ouverture", "une heure HH:MM", "« 24:00 »")),
    ("ouverture", "8:30", expected_type("ouverture", "une heure HH:MM", "« 8:30 »")),
    ("ouverture", 510, expected_type("ouverture", "une heure HH:MM", "« 510 »")),
    (
        "photo_vitrine",
        "photo.jpg",
        expected_type("photo_vitrine", "des empreintes SHA-256 de photos", "« photo.jpg »"),
    ),
    (
        "photo_vitrine",
        [SHA, "x"],
        expected_type("photo_vitrine", "des empreintes SHA-256 de photos", "une structure"),
    ),
    (
        "signature",
        SHA.upper(),
        expected_type("signature", "l'empreinte SHA-256 d'une signature", f"« {SHA.upper()} »"),
    ),
]


@pytest.mark.parametrize(("question", "value", "message"), REFUSED)
def test_an_invalid_answer_is_refused_with_its_message(engine, question, value, message):
    assert refusal(engine, question, value) == message


def test_an_unquoted_number_answers_the_choice_of_that_code():
    traps = load_questionnaire(VALID / "yaml_traps.yaml")
    assert check(traps, "taille", 12) == "12"
    assert check(traps, "taille", "012") == "012"
    assert refusal(traps, "taille", 13).startswith("« taille » : « 13 » n'est pas un choix")
    assert refusal(traps, "accord", True).startswith("« accord » : « True » n'est pas un choix")


def test_a_text_longer_than_the_limit_is_refused(engine):
    assert refusal(engine, "siret", "x" * (MAX_TEXT + 1)).startswith("« siret » attend un texte")


def test_a_constraint_on_other_answers_is_checked(engine):
    assert check(engine, "effectif", 5, {"surface": 80}) == 5
    assert refusal(engine, "effectif", 90, {"surface": 80}) == Message.ANSWER_CONSTRAINT.format(
        question="effectif", message="plus de salariés que de m², vérifiez la saisie"
    )


def test_a_constraint_on_times_accepts_a_closing_after_the_opening(engine):
    assert check(engine, "fermeture", "19:00", {"ouverture": "08:30"}) == "19:00"
    assert refusal(engine, "fermeture", "07:00", {"ouverture": "08:30"}) == (
        Message.ANSWER_CONSTRAINT.format(
            question="fermeture", message="la fermeture doit suivre l'ouverture"
        )
    )


def test_bounds_are_checked_before_the_constraint(engine):
    assert refusal(engine, "effectif", 300, {"surface": 1000}) == Message.ANSWER_ABOVE_MAX.format(
        question="effectif", value=300, max=250
    )


@pytest.mark.parametrize("status", [AnswerStatus.NOT_APPLICABLE, AnswerStatus.UNKNOWN])
def test_not_applicable_and_unknown_are_accepted_on_any_question_and_drop_the_value(engine, status):
    for question in ("activite", "surface", "effectif", "a_vitrine", "ouverture", "signature"):
        result = validate_answer(engine, question, Answer(status=status, value="ignorée"))
        assert result == Answer(status=status)


def test_not_applicable_skips_the_constraint(engine):
    assert validate_answer(engine, "effectif", not_applicable()).status is (
        AnswerStatus.NOT_APPLICABLE
    )
    assert validate_answer(engine, "effectif", unknown()).value is None


def test_an_unknown_question_is_refused_with_the_nearest_id(engine):
    with pytest.raises(AnswerError) as caught:
        validate_answer(engine, "surfase", answered(12))
    assert str(caught.value) == Message.ANSWER_NO_QUESTION.format(
        question="surfase", hint=" (vouliez-vous dire « surface » ?)"
    )


@pytest.mark.parametrize(
    ("question", "type_name"), [("bienvenue", "note"), ("conso_froid", "computed")]
)
def test_notes_and_computed_questions_take_no_answer(engine, question, type_name):
    with pytest.raises(AnswerError) as caught:
        validate_answer(engine, question, answered(1))
    assert str(caught.value) == Message.ANSWER_NOT_ANSWERABLE.format(
        question=question, type=type_name
    )


def test_a_valid_answer_comes_back_as_answered(engine):
    result = validate_answer(engine, "surface", answered(80))
    assert result == Answer(value=80, status=AnswerStatus.ANSWERED)


def test_a_constraint_without_its_message_quotes_the_rule():
    text = (VALID / "engine.yaml").read_text(encoding="utf-8")
    text = text.replace('        constraint_message: "la fermeture doit suivre l\'ouverture"\n', "")
    questionnaire = load_text(text, "engine.yaml")
    assert refusal(questionnaire, "fermeture", "07:00", {"ouverture": "08:30"}) == (
        Message.ANSWER_CONSTRAINT.format(
            question="fermeture",
            message="la valeur ne respecte pas la règle « hours(value) > hours(ouverture) »",
        )
    )


def test_a_constraint_that_cannot_be_computed_refuses_with_the_reason():
    text = (VALID / "engine.yaml").read_text(encoding="utf-8")
    text = text.replace('        constraint_message: "la fermeture doit suivre l\'ouverture"\n', "")
    questionnaire = load_text(text, "engine.yaml")
    assert refusal(questionnaire, "fermeture", "19:00", {"ouverture": "midi"}) == (
        Message.ANSWER_CONSTRAINT.format(
            question="fermeture", message="heure illisible : « midi » (format HH:MM)"
        )
    )
