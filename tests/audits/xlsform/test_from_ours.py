"""Our expressions -> XLSForm XPath, written as an XLSForm author would write them."""

from __future__ import annotations

import pytest

from audits.errors import Message
from audits.questionnaire import QuestionType as T
from audits.xlsform.from_ours import ToXPath, is_boolean_formula
from audits.xlsform.xpath import XPathError

TYPES = {
    "surface": T.NUMBER,
    "activite": T.CHOICE,
    "energies": T.MULTI,
    "chauffe": T.BOOL,
    "nom": T.TEXT,
    "ouverture": T.TIME,
    "eligible": T.COMPUTED,
}


def xpath(source: str, condition: bool = True, current: str | None = None) -> str:
    translator = ToXPath(TYPES, frozenset({"eligible"}), current, {"prix": 0.25})
    return translator.translate(source, condition)


@pytest.mark.parametrize(
    ("ours", "expected"),
    [
        (
            "surface > 100 and activite == 'boulangerie'",
            "${surface} > 100 and ${activite} = 'boulangerie'",
        ),
        ("activite in ['a', 'b']", "${activite} = 'a' or ${activite} = 'b'"),
        (
            "activite not in ['a', 'b']",
            "${activite} != '' and not(${activite} = 'a' or ${activite} = 'b')",
        ),
        ("'gaz' in energies", "selected(${energies}, 'gaz')"),
        ("count(energies) >= 2", "count-selected(${energies}) >= 2"),
        ("chauffe", "${chauffe} = 'oui'"),
        ("chauffe == false", "${chauffe} = 'non'"),
        ("not chauffe", "not(${chauffe} = 'oui')"),
        ("eligible", "${eligible} = 'true'"),
        ("surface", "${surface} != '' and ${surface} != 0"),
        ("energies", "count-selected(${energies}) > 0"),
        ("nom", "${nom} != ''"),
        ("answered(nom)", "${nom} != ''"),
        ("nom == None", "${nom} = ''"),
        ("0 < surface < 10", "0 < ${surface} and ${surface} < 10"),
        (
            '(surface > 1 or chauffe) and nom == "l\'atelier"',
            "(${surface} > 1 or ${chauffe} = 'oui') and ${nom} = \"l'atelier\"",
        ),
    ],
)
def test_a_condition_is_written_in_xpath(ours, expected):
    assert xpath(ours) == expected


@pytest.mark.parametrize(
    ("ours", "expected"),
    [
        ("surface / 2 - (surface - 1)", "${surface} div 2 - (${surface} - 1)"),
        ("surface // 3 + surface % 3", "floor(${surface} div 3) + ${surface} mod 3"),
        ("-surface * 2", "-${surface} * 2"),
        ("round(surface * ref('prix'), 2)", "round(${surface} * 0.25, 2)"),
        ("default(surface, 0)", "coalesce(${surface}, 0)"),
        ("'grand' if surface > 100 else None", "if(${surface} > 100, 'grand', '')"),
        ("hours(ouverture)", "decimal-time(${ouverture}) * 24"),
        ("max(surface, 1e-07)", "max(${surface}, 0.0000001)"),
    ],
)
def test_a_formula_is_written_in_xpath(ours, expected):
    assert xpath(ours, condition=False) == expected


def test_in_a_constraint_value_is_the_current_answer_with_its_question_type():
    assert xpath("value <= surface", current="surface") == ". <= ${surface}"
    assert xpath("value", current="chauffe") == ". = 'oui'"


@pytest.mark.parametrize(
    ("ours", "reason"),
    [
        ("ref('inconnue') > 1", Message.EXPORT_FUNCTION.format(name="ref")),
        (
            "nom == 'il a dit \"l\\'atelier\"'",
            Message.EXPORT_CONSTRUCT.format(what="texte contenant ' et \""),
        ),
        ("[1, 2]", Message.EXPORT_CONSTRUCT.format(what="List")),
    ],
)
def test_what_xpath_cannot_say_is_refused_with_its_reason(ours, reason):
    with pytest.raises(XPathError) as refused:
        xpath(ours, condition=False)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("activite in ['a']", True),
        ("None if surface == None else (false if surface < 1 else surface > 10)", True),
        ("surface * 2", False),
        ("surface if chauffe else None", False),
        ("None", False),
    ],
)
def test_a_computed_question_holding_a_yes_no_is_recognised(formula, expected):
    assert is_boolean_formula(formula) is expected
