"""« Non concerné »: an obligation the answers put out of scope is not a compliance finding.

The restaurant of the golden test (140 m², not in a 1 000 m² ensemble) with its answers
changed one at a time around the décret tertiaire's threshold (domain.md, section 2).
"""

from __future__ import annotations

from audits.answers import answered
from audits.plan import build_plan
from tests.audits.plan.helpers import AUDIT_DAY, example, shipped_reference


def decret_tertiaire(**changes: object) -> str:
    questionnaire, answers = example("restaurant-energie.yaml")
    edited = {**answers.answers, **{key: answered(value) for key, value in changes.items()}}
    for key in [key for key, value in changes.items() if value is None]:
        del edited[key]
    plan = build_plan(questionnaire, edited, shipped_reference(), AUDIT_DAY)
    return {check.obligation: check.status for check in plan.obligations}["decret_tertiaire"]


def test_a_shop_under_1000_m2_outside_any_ensemble_is_not_concerned():
    assert decret_tertiaire() == "sans_objet"
    assert decret_tertiaire(surface_totale=999) == "sans_objet"


def test_a_shop_of_1000_m2_that_does_not_declare_on_operat_must_regularise():
    assert decret_tertiaire(surface_totale=1000, declaration_operat=False) == "a_regulariser"


def test_a_small_cell_of_a_1000_m2_gallery_that_declares_has_no_gap():
    assert decret_tertiaire(ensemble_1000=True, declaration_operat=True) == "conforme"


def test_a_shop_subject_to_the_decree_but_not_asked_about_operat_is_not_verified():
    assert decret_tertiaire(ensemble_1000=True) == "non_verifie"


def test_a_shop_whose_size_is_not_known_yet_is_not_verified_rather_than_not_concerned():
    assert decret_tertiaire(surface_totale=None, ensemble_1000=None) == "non_verifie"


def test_a_number_is_probed_inside_the_ranges_a_trigger_compares_it_with():
    from audits.expressions import parse
    from audits.plan.scope import landmarks

    marks = landmarks(parse("x > 5 and x < ref('seuil') and y == 2.5"), {"seuil": 10.0})
    inside = [mark for mark in marks if 5 < mark < 10]
    assert inside, marks  # without them, « 5 < x < 10 » would look impossible
    assert 2.5 in marks and 11.0 in marks
