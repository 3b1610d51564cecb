"""Golden plan of the clothing shop energy audit (questionnaires/exemples/habillement-energie.yaml).

Every figure below is computed by hand from the answers, the questionnaire's formulas
(questionnaires/energie-commerce.yaml) and the pinned reference values.
Profile: 10:00-19:00 = 9 h/day x 6 days x (52 - 2) weeks = 300 days -> 2 700 h open/yr;
lighting hours 2 700 + 0.5 h set-up x 300 = 2 850 h; all electric, 16 000 kWh/yr (160 kWh/m2 on
100 m2; domain.md section 4: clothing shops about 13.6 MWh/yr) at 0.20 EUR/kWh, 0.052 kgCO2e/kWh.
Avignon is in climate zone H2. Uses estimated by the computed questions:
  heating (convectors)  = 16 000 x 0.22 (shop share)                          = 3 520 kWh
  lighting              = 16 000 x 0.50 (clothing share: lighting power unknown) = 8 000 kWh
"""

from __future__ import annotations

import pytest

from audits.plan import Category
from tests.audits.plan.golden_checks import Hand, check_line, depends_only_on
from tests.audits.plan.helpers import example_plan, pinned

EXAMPLE = "habillement-energie.yaml"
PRICES = {"electricite": 0.20}
FACTORS = {"electricite": 0.052}

VALUES = {
    "prix_electricite": 0.20,
    "facteur_emission_electricite": 0.052,
    "part_chauffage_commerce": 0.22,
    "part_eclairage_habillement": 0.50,
    "economie_chauffage_par_degre": 0.07,
    "cout_horloge_programmable": 100,
    "economie_radiateurs_degages": 0.10,
    "reduction_eclairage_mise_en_place": 0.5,
    "reduction_led_halogene": 0.8,
    "cout_spot_led": 25,
    "puissance_veille_w": 5,
    "cout_multiprise_interrupteur": 15,
    "reduction_led_fluo": 0.45,
    "reduction_led_iodures": 0.5,
    "cout_luminaire_led": 140,
    "cee_bat_eq_127_kwh_cumac_par_w": 36,
    "prix_cee_kwh_cumac": 0.008,
    "reduction_detecteurs": 0.3,
    "cout_detecteur_presence": 55,
    "scop_pac_air_air": 4.2,
    "cout_pac_min": 3000,
    "cout_pac_par_m2": 100,
    "cee_bat_th_158_h2": 760,
    "cee_bat_th_158_coef_commerce": 0.9,
}

E = "electricite"
EXPECTED = {
    # setpoint 20 degC: 3 520 x 0.07 x (20 - 19) = 246.4 kWh; free
    "consigne_chauffage_19": Hand({E: 246.4}),
    # window 250 W lit all night: 250 x (8 760 - 2 700) h / 1000 = 1 515 kWh; no clock: 100 EUR;
    # 100 / 303 = 0.33 year
    "conformite_vitrine_interieur": Hand({E: 1515.0}, cost=100, payback=0.33),
    # gallery of 6 500 m2 >= 1 000 m2 and no OPERAT declaration: compliance only
    "declarer_operat": Hand({}, payback=None),
    # fixed-price offer, TPE: 3 400 EUR paid - 16 000 x 0.20 = 200 EUR/yr, no kWh
    "contrat_tarif_reglemente": Hand({}, other_eur=200.0),
    # convectors behind the racks: 3 520 x 10 % = 352 kWh (no water radiators to bleed)
    "degager_purger_emetteurs": Hand({E: 352.0}),
    # 8 000 x (0.5 h x 300 d / 2 850 h) x 50 % = 210.53 kWh
    "reduire_eclairage_hors_ouverture": Hand({E: 210.5}),
    # 16 spots x 50 W x 2 850 h x 80 % / 1000 = 1 824 kWh; 16 x 25 = 400 EUR;
    # 400 / 364.80 = 1.10 years (ADEME Tremplin closed: no aid)
    "led_spots_halogenes": Hand({E: 1824.0}, cost=400, payback=1.10),
    # 6 devices x 5 W x (8 760 - 2 700) h / 1000 = 181.8 kWh; (6 // 3 + 1) x 15 = 45 EUR;
    # 45 / 36.36 = 1.24 years
    "couper_veilles": Hand({E: 181.8}, cost=45, payback=1.24),
    # (6 x 120 W x 45 % + 4 x 80 W x 50 %) x 2 850 h / 1000 = (324 + 160) x 2.85 = 1 379.4 kWh;
    # (6 + 4) x 140 = 1 400 EUR; CEE BAT-EQ-127 on the LED watts left:
    # (720 x 0.55 + 320 x 0.5) x 36 x 0.008 = 556 x 0.288 = 160.13 EUR;
    # (1 400 - 160.13) / 275.88 = 4.49 years
    "led_luminaires": Hand({E: 1379.4}, cost=1400, aid=160.13, payback=4.49),
    # storeroom and toilets 120 W x 2 850 h x 30 % / 1000 = 102.6 kWh; 2 x 55 = 110 EUR;
    # 110 / 20.52 = 5.36 years
    "detecteurs_presence": Hand({E: 102.6}, cost=110, payback=5.36),
    # sign 200 W switched off by hand at 20:00 (compliant), one hour after closing on the
    # 300 open days: 200 x 300 / 1000 = 60 kWh; a clock 100 EUR; 100 / 12 = 8.33 years
    "eteindre_enseigne_vitrine_fermeture": Hand({E: 60.0}, cost=100, payback=8.33),
    # heat pump instead of convectors: 3 520 x (1 - 1 / 4.2) = 2 681.9 kWh;
    # max(3 000, 90 m2 x 100) = 9 000 EUR; CEE BAT-TH-158 in H2: 760 x 0.9 x 90 x 0.008 = 492.48;
    # (9 000 - 492.48) / 536.38 = 15.86 years
    "pac_air_air": Hand({E: 2681.9}, cost=9000, aid=492.48, payback=15.86),
}


@pytest.fixture(scope="module")
def plan():
    return example_plan(EXAMPLE, pinned(VALUES))


def test_exactly_the_expected_actions_are_triggered(plan):
    # not triggered: door (never open), sign compliance (off at 20:00), programming (done),
    # cold and refrigerants (none), monitoring (monthly), hot water (aerators fitted)
    assert {line.action_id for line in plan.lines} == set(EXPECTED)


@pytest.mark.parametrize("action_id", sorted(EXPECTED))
def test_each_line_matches_the_hand_computation(plan, action_id):
    check_line(plan.line(action_id), EXPECTED[action_id], PRICES, FACTORS)


def test_obligations_come_first_then_the_rest_by_payback(plan):
    # obligations by payback (0, 0.33, none); then 0 (200 > 70.40 > 42.10 EUR), 1.10, 1.24,
    # 4.49, 5.36, 8.33, 15.86
    assert [line.action_id for line in plan.lines] == [
        "consigne_chauffage_19",
        "conformite_vitrine_interieur",
        "declarer_operat",
        "contrat_tarif_reglemente",
        "degager_purger_emetteurs",
        "reduire_eclairage_hors_ouverture",
        "led_spots_halogenes",
        "couper_veilles",
        "led_luminaires",
        "detecteurs_presence",
        "eteindre_enseigne_vitrine_fermeture",
        "pac_air_air",
    ]
    categories = [line.category for line in plan.lines]
    assert (
        categories
        == [Category.OBLIGATION] * 3 + [Category.QUICK_WIN] * 3 + [Category.INVESTMENT] * 6
    )


# Heating: setpoint, radiators and heat pump act on the 3 520 kWh of heating, in cascade:
#   3 520 x (1 - (1 - 246.4/3 520)(1 - 352/3 520)(1 - 2 681.9/3 520))
#   = 3 520 x (1 - 0.93 x 0.90 x 0.238097) = 3 520 x 0.800713 = 2 818.51 kWh
# Lighting: halogen spots, fluorescent luminaires and storeroom lights are different fittings
# (they only share the lighting hours) and add up, as do the window, sign, standby and set-up:
#   1 824 + 1 379.4 + 102.6 + 1 515 + 60 + 181.8 + 210.5 = 5 273.3 kWh
HEATING = 2818.51
TOTAL_KWH = HEATING + 5273.3  # 8 091.81 kWh


def test_relamping_lines_on_different_fittings_add_up(plan):
    total = plan.totals.energies[0]
    assert total.kwh == pytest.approx(TOTAL_KWH, abs=0.1)
    lighting_and_others = 1824 + 1379.4 + 102.6 + 1515 + 60 + 181.8 + 210.5
    assert total.kwh - HEATING == pytest.approx(lighting_and_others, abs=0.1)
    # plain sum of all lines: 246.4 + 352 + 2 681.9 + 5 273.3 = 8 553.6
    assert total.lines_kwh == pytest.approx(8553.6, abs=0.05)


def test_totals_and_share_of_declared_consumption(plan):
    totals = plan.totals
    assert totals.kwh == pytest.approx(TOTAL_KWH, abs=0.1)
    # 8 091.81 x 0.20 = 1 618.36 EUR + 200 EUR of contract
    assert totals.eur == pytest.approx(1818.36, abs=0.02)
    # 8 091.81 x 0.052 = 420.8 kgCO2e
    assert totals.kgco2e == pytest.approx(420.8, abs=0.1)
    # 100 + 400 + 45 + 1 400 + 110 + 100 + 9 000 = 11 155 EUR; aid 160.13 + 492.48 = 652.61
    assert totals.cost == pytest.approx(11155.0)
    assert totals.aid == pytest.approx(652.61)
    # (11 155 - 652.61) / 1 818.36 = 5.78 years
    assert totals.payback_years == pytest.approx(5.78)
    # 8 091.81 / 16 000 = 50.6 % (with the heat pump; 33.8 % without its 2 681.9 kWh)
    assert totals.share == pytest.approx(0.5057, abs=1e-4)
    assert totals.meets_target


def test_obligations_checklist(plan):
    statuses = {check.obligation: check.status for check in plan.obligations}
    assert statuses == {
        "consigne_19": "a_regulariser",
        "extinction_vitrines": "a_regulariser",
        "decret_tertiaire": "a_regulariser",
        # the door to the gallery is never left open
        "portes_fermees": "conforme",
        # off by hand at 20:00 <= max(25 h, 19 h + 1): compliant; no screen
        "extinction_enseignes": "conforme",
        # no cold, no air conditioning, no heat pump: the refrigerant section is not even shown
        "controle_etancheite_fluides": "sans_objet",
    }


def test_funding_offered_is_open_on_the_audit_date(plan):
    # ADEME Tremplin (ended 2025-12-31) is dropped; the CEE schemes stay
    assert plan.line("led_luminaires").funding == ["cee_bat_eq_127"]
    assert {"cee_bat_th_158", "region_sud_cedre"} <= set(plan.line("pac_air_air").funding)
    assert plan.line("pac_air_air").aid_indicative


def test_the_coup_de_pouce_for_fossil_boilers_is_not_offered_to_a_shop_on_convectors(plan):
    # « Coup de pouce chauffage des bâtiments tertiaires »: replacing oil, gas or coal heating
    # (financements.yaml, applies_if on systeme_chauffage); this shop replaces electric convectors
    assert plan.line("pac_air_air").funding == ["cee_bat_th_158", "region_sud_cedre"]


def test_the_golden_depends_on_the_pinned_reference_values_only():
    assert depends_only_on(EXAMPLE, VALUES)
