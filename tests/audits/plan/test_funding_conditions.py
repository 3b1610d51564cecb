"""Funding schemes offered on their own condition (``applies_if`` in financements.yaml).

The clothing shop's golden test pins the negative case (convectors: no Coup de pouce); here the
same shop on a fuel-oil boiler is offered it, and a missing answer offers nothing rather than
guessing.
"""

from __future__ import annotations

from audits.answers import answered
from audits.plan import build_plan
from audits.plan.build import open_funding
from tests.audits.plan.helpers import AUDIT_DAY, catalog, example, shipped_reference

COUP_DE_POUCE = "coup_de_pouce_chauffage_tertiaire"


def _action(questionnaire_id: str, action_id: str):
    return next(a for a in catalog().get(questionnaire_id).actions if a.id == action_id)


def test_the_coup_de_pouce_goes_with_a_fossil_boiler_only():
    heat_pump = _action("energie-commerce", "pac_air_air")
    reference = shipped_reference()

    def offered(values):
        return open_funding(heat_pump, reference, AUDIT_DAY, values)

    assert COUP_DE_POUCE in offered({"systeme_chauffage": "chaudiere_fioul"})
    assert COUP_DE_POUCE in offered({"systeme_chauffage": "chaudiere_propane"})
    assert COUP_DE_POUCE not in offered({"systeme_chauffage": "convecteurs"})
    # unanswered: the condition is unknown, the scheme is not offered
    assert offered({}) == ["cee_bat_th_158", "region_sud_cedre"]


def test_the_clothing_shop_on_a_fuel_oil_boiler_is_offered_the_coup_de_pouce():
    questionnaire, answers = example("habillement-energie.yaml")
    changed = dict(answers.answers)
    changed.update(
        systeme_chauffage=answered("chaudiere_fioul"),
        energies=answered(["electricite", "fioul"]),
        conso_fioul_kwh=answered(12000),
    )
    plan = build_plan(questionnaire, changed, shipped_reference(), AUDIT_DAY)
    assert plan.line("pac_air_air").funding == ["cee_bat_th_158", COUP_DE_POUCE, "region_sud_cedre"]


def test_diag_eco_flux_is_for_firms_of_20_employees_and_more():
    flows = _action("rse-dear", "diagnostic_flux")
    reference = shipped_reference()
    assert open_funding(flows, reference, AUDIT_DAY, {"effectif": 3}) == []
    assert open_funding(flows, reference, AUDIT_DAY, {"effectif": 24}) == [
        "bpifrance_diag_eco_flux"
    ]
