"""Golden plan of the food craft label audit (questionnaires/exemples/confiseur-label.yaml).

A calisson maker in Aix-en-Provence (Bouches-du-Rhône), family « bouche », holding the quality
« artisan », a brevet de maîtrise and 18 years of practice. Each verdict below is derived by hand
from the criteria of questionnaires/label-artisanat.yaml; the label audit reads no reference
value, so nothing needs pinning.
"""

from __future__ import annotations

import pytest

from audits.answers import Answer
from audits.plan import Category, build_plan
from tests.audits.plan.helpers import AUDIT_DAY, example, example_plan, pinned

EXAMPLE = "confiseur-label.yaml"


@pytest.fixture(scope="module")
def plan():
    return example_plan(EXAMPLE, pinned({}))


def verdicts_of(plan):
    return {verdict.label: verdict for verdict in plan.labels}


def test_the_route_des_arts_et_gourmandises_for_food_trades_is_granted(plan):
    route = verdicts_of(plan)["route_arts_gourmandises_bouche"]
    # registered; calissons all year; 60 % local >= 50 % and fresh produce; made on site and sold
    # by the maker; shop open to the public; laboratory visible behind a window; department 13 in
    # [13, 84]; accepts the jury's visit: all nine criteria met
    assert route.applies and route.eligible
    assert [c.status for c in route.criteria] == ["rempli"] * 9
    assert route.missing == []


def test_the_master_craftsman_title_is_within_reach(plan):
    master = verdicts_of(plan)["maitre_artisan"]
    # quality « artisan » (applies); brevet de maîtrise and 18 >= 2 years of practice
    assert master.applies and master.eligible
    assert master.missing == []


def test_the_epv_waits_for_the_tax_and_social_certificates(plan):
    epv = verdicts_of(plan)["epv"]
    # heritage: rare equipment + own trademark = 2 >= 2; rare know-how: specific know-how +
    # in-house training = 2 >= 2; territory: historic location + reputation = 2 >= 2; but
    # « à jour de ses obligations » is shown and unanswered: to check, not failed
    assert epv.applies and not epv.eligible
    assert {c.id: c.status for c in epv.missing} == {"obligations": "a_verifier"}


def test_the_food_quality_mark_misses_home_made_share_and_allergen_display(plan):
    mark = verdicts_of(plan)["artisan_gourmand"]
    # 70 % home-made < 80 %; allergens not displayed in writing; PMS and traceability are fine
    assert mark.applies and not mark.eligible
    assert {c.id: c.status for c in mark.missing} == {
        "fait_maison": "non_rempli",
        "allergenes": "non_rempli",
    }


def test_the_art_labels_do_not_apply_to_a_food_trade(plan):
    verdicts = verdicts_of(plan)
    for label in ("route_arts_gourmandises_art", "artisan_art"):
        assert not verdicts[label].applies
        assert not verdicts[label].eligible


def test_the_plan_puts_the_hygiene_obligation_first_then_the_applications(plan):
    # the PMS line is the only obligation (allergens not displayed). The others carry no figure
    # (no payback): ordered by effort (« moyen » before « important ») then by title
    assert [line.action_id for line in plan.lines] == [
        "mettre_a_jour_pms",
        "candidater_marque_bouche",
        "demander_titre_maitre_artisan",
        "dossier_route_arts_gourmandises",
        "accueillir_apprenti",
        "candidater_epv",
    ]
    assert [line.category for line in plan.lines] == [Category.OBLIGATION] + [Category.PROGRESS] * 5
    statuses = {check.obligation: check.status for check in plan.obligations}
    assert statuses == {"plan_maitrise_sanitaire": "a_regulariser"}


def test_label_lines_carry_no_energy_figure(plan):
    for line in plan.lines:
        assert line.figures.kwh == {} and line.figures.eur == 0
        assert line.figures.payback_years is None
    # only the Route application has a cost formula (free); the others are not priced
    assert plan.line("dossier_route_arts_gourmandises").figures.cost == 0
    assert plan.line("candidater_epv").figures.cost is None
    assert plan.totals.kwh == 0 and plan.totals.share is None


def test_showing_the_certificates_and_fixing_the_shop_make_every_label_eligible():
    questionnaire, answers = example(EXAMPLE)
    fixed = {
        **answers.answers,
        "a_jour_obligations": Answer(value=True),
        "part_fait_maison": Answer(value=85),
        "allergenes_information": Answer(value=True),
    }
    plan = build_plan(questionnaire, fixed, pinned({}), AUDIT_DAY)
    verdicts = verdicts_of(plan)
    assert all(verdicts[label].eligible for label in ("epv", "artisan_gourmand"))
    assert "mettre_a_jour_pms" not in {line.action_id for line in plan.lines}
    statuses = {check.obligation: check.status for check in plan.obligations}
    assert statuses == {"plan_maitrise_sanitaire": "conforme"}
