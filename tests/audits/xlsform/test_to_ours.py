"""XPath -> our expressions: each translation evaluated on answers, against values by hand."""

from __future__ import annotations

import pytest

from audits.errors import Message
from audits.expressions import parse
from audits.questionnaire import QuestionType as T
from audits.xlsform.to_ours import translate_condition, translate_value
from audits.xlsform.translation import BOOLEAN_RESULT, Context, Field
from audits.xlsform.xpath import XPathError

CHOICE_CODES = {"boulangerie": "'boulangerie'", "boucherie": "'boucherie'", "autre": "'autre'"}
FIELDS = {
    "surface": Field("surface", T.NUMBER),
    "effectif": Field("effectif", T.INT),
    "activite": Field("activite", T.CHOICE, CHOICE_CODES),
    "annee": Field("annee", T.CHOICE, {"2022": "'2022'", "2023": "'2023'"}),
    "energies": Field("energies", T.MULTI, {c: repr(c) for c in ("gaz", "elec", "fioul")}),
    "chauffage": Field("chauffage", T.BOOL, {"yes": "True", "no": "False"}),
    "nom": Field("nom", T.TEXT),
    "ouverture": Field("ouverture", T.TIME),
    "eligible": Field("eligible", T.COMPUTED, BOOLEAN_RESULT),
    "consigne": Field("consigne", T.NOTE),
    "Surface-Vente": Field("surface_vente", T.NUMBER),
}


def context(current: str | None = None) -> Context:
    return Context(FIELDS, {"start": "start"}, FIELDS[current] if current else None)


CONDITIONS = [
    # (XPath, answers, expected truth)
    (
        "${surface} > 100 and ${activite} = 'boulangerie'",
        {"surface": 150, "activite": "boulangerie"},
        True,
    ),
    (
        "${surface} > 100 and ${activite} = 'boulangerie'",
        {"surface": 50, "activite": "boulangerie"},
        False,
    ),
    ("${surface} > 100 and ${activite} = 'boulangerie'", {}, False),
    ("${surface} > 100 or ${effectif} >= 10 and ${nom} = 'x'", {"effectif": 12}, False),
    (
        "(${surface} > 100 or ${effectif} >= 10) and ${nom} = 'x'",
        {"effectif": 12, "nom": "x"},
        True,
    ),
    ("selected(${energies}, 'gaz')", {"energies": ["elec", "gaz"]}, True),
    ("selected(${energies}, 'gaz')", {"energies": ["elec"]}, False),
    ("count-selected(${energies}) >= 2", {"energies": ["elec", "gaz"]}, True),
    ("count-selected(${energies}) >= 2", {}, False),
    ("not(selected(${energies}, 'gaz'))", {}, True),
    ("${chauffage} = 'yes'", {"chauffage": True}, True),
    ("${chauffage} = 'yes'", {"chauffage": False}, False),
    ("not(${chauffage} = 'yes')", {}, True),
    ("selected(${chauffage}, 'no')", {"chauffage": False}, True),
    ("${nom} = ''", {}, True),
    ("${nom} = ''", {"nom": "Dupont"}, False),
    ("${nom} != ''", {"nom": "Dupont"}, True),
    ("string-length(${nom}) > 0", {}, False),
    ("string-length(${nom}) = 0", {}, True),
    ("${nom}", {"nom": "Dupont"}, True),
    ("${annee} = 2022", {"annee": "2022"}, True),
    ("${annee} != 2023", {"annee": "2022"}, True),
    ("${annee} = 'zzz'", {"annee": "2022"}, False),
    ("${annee} != 'zzz'", {"annee": "2022"}, True),
    ("${activite} = 'boucherie' or ${activite}='autre'", {"activite": "autre"}, True),
    ("${energies} = 'gaz elec'", {"energies": ["gaz", "elec"]}, True),
    ("${Surface-Vente} <= ${surface}", {"surface_vente": 80, "surface": 100}, True),
    ("${eligible} = 'true'", {"eligible": True}, True),
    ("${eligible} = 'false'", {"eligible": True}, False),
    ("${effectif} = '5'", {"effectif": 5}, True),
    ("${nom} = 5", {"nom": "5"}, True),
    ("true() and not(false())", {}, True),
    ("decimal-time(${ouverture}) * 24 < 9", {"ouverture": "08:30"}, True),
    ("-${surface} < -10", {"surface": 20}, True),
]


@pytest.mark.parametrize(("xpath", "answers", "expected"), CONDITIONS)
def test_a_translated_condition_holds_exactly_when_the_xlsform_one_does(xpath, answers, expected):
    translated = translate_condition(xpath, context())
    assert parse(translated).holds(answers) is expected


VALUES = [
    ("if(${effectif} > 10, 'grande', 'petite')", {"effectif": 11}, "grande"),
    ("if(${effectif} > 10, 'grande', 'petite')", {"effectif": 3}, "petite"),
    ("(${surface} + ${effectif}) div 2", {"surface": 3, "effectif": 4}, 3.5),
    ("${effectif} mod 3", {"effectif": 10}, 1),
    ("${effectif} - (${surface} - 1)", {"effectif": 10, "surface": 4}, 7),
    ("round(${effectif} div 3, 2)", {"effectif": 10}, 3.33),
    ("coalesce(${surface}, 0) + 1", {}, 1),
    ("coalesce(${surface}, 0) + 1", {"surface": 4}, 5),
    ("int(${surface})", {"surface": 7.8}, 7),
    ("int(${surface})", {"surface": -7.8}, -7),
    ("floor(${effectif} div 4)", {"effectif": 10}, 2),
    ("ceiling(${surface})", {"surface": 2.1}, 3),
    ("pow(${effectif}, 2)", {"effectif": 3}, 9),
    ("max(${surface}, ${effectif}, 4)", {"surface": 1, "effectif": 9}, 9),
    ("abs(${surface})", {"surface": -2.5}, 2.5),
    ("number('12.5') * 2", {}, 25.0),
    ("decimal-time(${ouverture}) * 24", {"ouverture": "08:30"}, 8.5),
    ("if(${effectif} > 10, ${effectif}, '')", {"effectif": 3}, None),
    ("${surface} * .5", {"surface": 10}, 5.0),
]


@pytest.mark.parametrize(("xpath", "answers", "expected"), VALUES)
def test_a_translated_calculation_computes_what_the_xlsform_one_does(xpath, answers, expected):
    translated, _ = translate_value(xpath, context())
    assert parse(translated).evaluate(answers) == pytest.approx(expected)


def test_a_calculation_that_is_a_condition_is_known_as_a_yes_no():
    assert translate_value("${surface} > 100", context()) == ("surface > 100", True)
    assert translate_value("${surface} * 2", context())[1] is False


@pytest.mark.parametrize(
    ("xpath", "value", "answers", "expected"),
    [
        (". >= ${effectif} and . <= 100", 50, {"effectif": 10}, True),
        (". >= ${effectif} and . <= 100", 5, {"effectif": 10}, False),
        ("not(selected(., 'gaz') and selected(., 'fioul'))", ["gaz", "fioul"], {}, False),
        ("not(selected(., 'gaz') and selected(., 'fioul'))", ["gaz"], {}, True),
    ],
)
def test_a_constraint_reads_the_answer_being_checked_as_value(xpath, value, answers, expected):
    current = "energies" if "selected" in xpath else "surface"
    translated = translate_condition(xpath, context(current))
    assert parse(translated).holds(answers, value=value) is expected


def test_a_comparison_with_a_code_the_list_lacks_is_replaced_by_its_constant_and_reported():
    found = context()
    assert translate_condition("${annee} = 'zzz'", found) == "False"
    assert found.notes == [
        Message.XLSFORM_CONSTANT_CODE.format(
            column="relevant", code="zzz", name="annee", constant=False
        )
    ]


def test_parentheses_are_written_only_where_the_meaning_needs_them():
    assert translate_condition("${surface} > 1 and ${effectif} > 2", context()) == (
        "surface > 1 and effectif > 2"
    )
    assert translate_condition(
        "(${surface} > 1 or ${effectif} > 2) and ${nom} = 'a'", context()
    ) == ("(surface > 1 or effectif > 2) and nom == 'a'")
    assert translate_value("${surface} - (${effectif} - 1)", context())[0] == (
        "surface - (effectif - 1)"
    )


REFUSED = [
    ("regex(${nom}, '^[0-9]+$')", Message.XPATH_FUNCTION.format(name="regex")),
    ("today() > ${ouverture}", Message.XPATH_FUNCTION.format(name="today")),
    ("${inconnue} > 1", Message.XPATH_UNKNOWN_NAME.format(name="inconnue")),
    ("${start} != ''", Message.XPATH_NOT_IMPORTED.format(name="start")),
    ("${consigne} = 'x'", Message.XPATH_NOTE.format(name="consigne")),
    ("/data/surface > 1", Message.XPATH_PATH.format(path="/data/surface")),
    ("region=${activite}", Message.XPATH_PATH.format(path="region")),
    ("count(${energies}[. = 'gaz']) > 0", Message.XPATH_PATH.format(path="[.")),
    ("${surface} | ${effectif}", Message.XPATH_UNION.value),
    (". > 1", Message.XPATH_CURRENT.value),
    ("${activite} > 'a'", Message.XPATH_TEXT_ORDER.format(name="activite")),
    ("${nom} + 1 > 2", Message.XPATH_ARITHMETIC.format(name="nom")),
    ("${surface} * 2", Message.XPATH_NOT_CONDITION.format(expression="surface * 2")),
    ("${surface} >", Message.XPATH_SYNTAX.format(near="${surface} >")),
    ("pow(${surface}, 0.5) > 1", Message.XPATH_ARGUMENTS.format(name="pow")),
]


@pytest.mark.parametrize(("xpath", "reason"), REFUSED)
def test_what_has_no_faithful_translation_is_refused_with_its_reason(xpath, reason):
    with pytest.raises(XPathError) as refused:
        translate_condition(xpath, context())
    assert refused.value.reason == reason
