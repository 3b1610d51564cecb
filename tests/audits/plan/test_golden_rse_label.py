"""Golden plans of the hairdresser RSE audit and the ceramicist label audit (examples)."""

from __future__ import annotations

import pytest

from audits.plan import Category
from tests.audits.plan.helpers import example_plan, pinned

RSE_VALUES = {"prix_electricite": 0.20, "facteur_emission_electricite": 0.052, "prix_eau_m3": 4.0}


@pytest.fixture(scope="module")
def rse():
    return example_plan("coiffure-rse.yaml", pinned(RSE_VALUES))


def test_rse_regulatory_gaps_come_first(rse):
    ids = [line.action_id for line in rse.lines]
    assert set(ids[:3]) == {"organiser_tri_5_flux", "gerer_dechets_dangereux", "rediger_duerp"}
    assert all(line.category is Category.OBLIGATION for line in rse.lines[:3])
    assert rse.lines[3].category is not Category.OBLIGATION


def test_rse_figures_by_hand(rse):
    # 18 000 kWh x 5 % monitoring
    assert rse.line("suivre_energie_ecogestes").figures.kwh_total == 900
    # electric heating: 18 000 x 0.22 x ((21 - 19) x 0.07 + 0.20 unprogrammed) = 1 346.4 kWh
    heating = rse.line("regler_chauffage").figures
    assert heating.kwh_total == pytest.approx(1346.4)
    assert heating.payback_years == pytest.approx(150 / (1346.4 * 0.2), abs=0.01)
    # LED partly done: 18 000 x 0.25 x 0.5 x 0.5 = 1 125 kWh, 225 EUR, no cost given
    assert rse.line("passer_led").figures.eur == pytest.approx(225)
    # water: 220 m3 x 20 % x 4 EUR = 176 EUR (no kWh)
    water = rse.line("economiser_eau").figures
    assert water.kwh == {} and water.eur == pytest.approx(176)


def test_rse_totals_add_water_to_energy_savings(rse):
    # 900 + 1 346.4 + 1 125 = 3 371.4 kWh (no shared use: no overlap); 674.28 + 176 EUR
    assert rse.totals.kwh == pytest.approx(3371.4)
    assert rse.totals.eur == pytest.approx(3371.4 * 0.2 + 176, abs=0.01)
    assert rse.totals.share == pytest.approx(3371.4 / 18_000, abs=1e-4)


def test_rse_obligations_out_of_scope_are_said_so(rse):
    statuses = {check.obligation: check.status for check in rse.obligations}
    assert statuses["duerp"] == "a_regulariser"
    assert statuses["dechets_dangereux"] == "a_regulariser"
    assert statuses["formation_hygiene"] == "sans_objet"
    assert statuses["accessibilite_erp"] == "conforme"


def test_expired_tremplin_is_never_offered_in_2026(rse):
    # passer_led lists ademe_tremplin, which ended on 2025-12-31
    assert rse.line("passer_led").funding == []


def test_label_verdicts_with_missing_criteria():
    plan = example_plan("ceramiste-label.yaml", pinned({}))
    verdicts = {v.label: v for v in plan.labels}
    assert verdicts["artisan_art"].eligible
    route = verdicts["route_arts_gourmandises_art"]
    assert route.applies and not route.eligible
    assert [c.id for c in route.missing] == ["atelier_visitable"]
    # EPV: savoir-faire rare 1 of 3 (rare know-how only) -> missing; heritage 2, territory 2
    assert [c.id for c in verdicts["epv"].missing] == ["savoir_faire_rare"]
    # master craftsman: BMA is level 4, not a brevet de maîtrise; 8 years registered < 10
    assert [c.id for c in verdicts["maitre_artisan"].missing] == ["voie_acces"]
    assert not verdicts["artisan_gourmand"].applies


def test_label_criterion_on_an_unanswered_question_is_to_check():
    from audits.answers import Answer
    from audits.plan import build_plan
    from tests.audits.plan.helpers import AUDIT_DAY, example

    questionnaire, answers = example("ceramiste-label.yaml")
    partial = {k: v for k, v in answers.answers.items() if k != "atelier_visitable"}
    partial["famille"] = Answer(value="art")
    plan = build_plan(questionnaire, partial, pinned({}), AUDIT_DAY)
    route = next(v for v in plan.labels if v.label == "route_arts_gourmandises_art")
    assert {c.id: c.status for c in route.missing} == {"atelier_visitable": "a_verifier"}
