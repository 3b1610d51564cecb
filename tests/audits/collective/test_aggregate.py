"""The aggregation on five hand-made shops, every figure computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from audits.collective.aggregate import aggregate
from audits.collective.models import CampaignHeader, CollectiveReport, ShopLine, ShopResult
from audits.collective.models import ShopTotals as T
from tests.campaign_demo import energy_questionnaire

HEADER = CampaignHeader(
    name="Rue test", questionnaire="energie-commerce@1", questionnaire_title="Énergie"
)
TITLES = {"portes_fermees": "Portes fermées"}
DAY = dt.date(2026, 11, 20)


def line(key: str, status: str, kwh: float, eur: float, **more: Any) -> ShopLine:
    return ShopLine(action_key=key, title=key, status=status, kwh=kwh, eur=eur,
                    kgco2e=kwh * 0.052, **more)  # fmt: skip


SPOTS = "led_spots_halogenes"
DOOR = "fermer_porte"
SHOPS = [
    ShopResult(
        establishment_id="a", name="Boulangerie A", activity="boulangerie", consent=True,
        status="signed", overall=60.0, themes={"eclairage": 80.0, "chauffage_climatisation": 40.0},
        gaps={"porte_ouverte": "Souvent"},
        lines=[line(SPOTS, "accepted", 1000, 200),
               line(DOOR, "proposed", 500, 100, obligation="portes_fermees")],
        totals=T(kwh=1500, eur=300, kgco2e=78, cost=400, declared_kwh=10000, kwh_on_declared=1500),
        accepted=T(kwh=1000, eur=200), quantities={"nb_spots_halogenes": 20},
        achieved_kwh=900, achieved_eur=180,
    ),
    ShopResult(
        establishment_id="b", name="Coiffure B", activity="coiffure", status="visited",
        overall=20.0, themes={"eclairage": 20.0, "chauffage_climatisation": None},
        gaps={"porte_ouverte": "Parfois", "lumiere_jour": "Non"},
        lines=[line(SPOTS, "rejected", 2000, 400),
               line(DOOR, "done", 300, 60, obligation="portes_fermees")],
        totals=T(kwh=300, eur=60, kgco2e=15.6, declared_kwh=None, kwh_on_declared=0),
        accepted=T(kwh=300, eur=60), quantities={"nb_spots_halogenes": 50},
    ),
    ShopResult(
        establishment_id="c", name="Café C", activity="café", status="signed",
        overall=50.0, themes={"eclairage": 70.0, "chauffage_climatisation": 50.0},
        gaps={"porte_ouverte": "Souvent"},
        lines=[line(SPOTS, "proposed", 600, 120)],
        totals=T(kwh=600, eur=120, kgco2e=31.2, declared_kwh=5000, kwh_on_declared=600),
        quantities={"nb_spots_halogenes": 15},
    ),
    ShopResult(establishment_id="d", name="Déco D", status="planned", consent=True),
    ShopResult(establishment_id="e", name="Épicerie E", status="none"),
]  # fmt: skip


@pytest.fixture(scope="module")
def report() -> CollectiveReport:
    return aggregate(HEADER, energy_questionnaire(), TITLES, SHOPS, "chambre", DAY)


def test_participation_counts_shops_by_the_furthest_step_their_visit_reached(
    report: CollectiveReport,
) -> None:
    p = report.participation
    # 5 shops; d planned, a b c visited (a and c signed); a and d consented.
    assert (p.establishments, p.planned, p.visited, p.handed_over, p.consenting) == (5, 4, 3, 2, 2)


def test_theme_distributions_are_over_the_visited_shops_that_have_a_score(
    report: CollectiveReport,
) -> None:
    lighting = next(d for d in report.themes if d.theme == "eclairage")
    # eclairage: 80, 20, 70 -> mean 56.7, median 70; levels: Initial [0,30) 1, Exemplaire 2.
    assert (lighting.shops, lighting.mean, lighting.median) == (3, 56.7, 70.0)
    assert (lighting.minimum, lighting.maximum) == (20.0, 80.0)
    assert [level.count for level in lighting.levels] == [1, 0, 0, 2]
    heating = next(d for d in report.themes if d.theme == "chauffage_climatisation")
    assert (heating.shops, heating.median) == (2, 45.0)  # 40 and 50
    assert report.overall is not None and report.overall.median == 50.0  # 60, 20, 50


def test_findings_count_shops_and_name_the_answer_most_often_given(
    report: CollectiveReport,
) -> None:
    door = report.findings[0]
    assert (door.question_id, door.shops, door.share, door.common_answer) == (
        "porte_ouverte",
        3,
        1.0,
        "Souvent",
    )
    assert (report.findings[1].question_id, report.findings[1].shops) == ("lumiere_jour", 1)
    assert report.findings[1].share == round(1 / 3, 4)


def test_actions_leave_rejected_lines_out_and_sum_the_kept_ones(report: CollectiveReport) -> None:
    spots = next(a for a in report.actions if a.action_key == SPOTS)
    # a accepted 1000 kWh + c proposed 600 kWh; b rejected it.
    assert (spots.shops, spots.accepted, spots.done, spots.kwh, spots.eur) == (2, 1, 0, 1600, 320)
    door = next(a for a in report.actions if a.action_key == DOOR)
    assert (door.shops, door.accepted, door.done, door.kwh) == (2, 1, 1, 800)


def test_savings_add_up_the_shops_and_compare_the_declared_part_with_minus_ten_percent(
    report: CollectiveReport,
) -> None:
    s = report.savings
    assert s is not None
    assert (s.shops, s.kwh, s.eur, s.kgco2e, s.cost) == (3, 2400, 480, 124.8, 400)
    # Declared by a and c: 15 000 kWh; saved there 1 500 + 600 = 2 100 -> 14 %, target 1 500.
    assert (s.declared_kwh, s.declared_shops, s.kwh_on_declared) == (15000, 2, 2100)
    assert (s.share, s.target_kwh, s.meets_target) == (0.14, 1500, True)
    assert (s.accepted_kwh, s.accepted_eur) == (1300, 260)
    assert (s.followed_up, s.achieved_kwh, s.achieved_eur) == (1, 900, 180)


def test_group_purchases_add_the_quantities_of_the_shops_keeping_the_action(
    report: CollectiveReport,
) -> None:
    spots = next(p for p in report.purchases if p.action_key == SPOTS)
    # b rejected the LED line: its 50 spots do not count; 20 + 15 = 35.
    assert (spots.shops, spots.quantity) == (2, 35)
    assert (
        spots.text
        == "2 commerces ont des spots halogènes : environ 35 spots à remplacer par des LED"
    )


def test_obligations_count_each_shop_whose_plan_had_the_regulatory_line(
    report: CollectiveReport,
) -> None:
    assert [(o.obligation, o.title, o.shops) for o in report.obligations] == [
        ("portes_fermees", "Portes fermées", 2)
    ]


def test_the_chamber_sees_every_shop_by_name_with_its_progress(report: CollectiveReport) -> None:
    assert [(row.name, row.status) for row in report.shops] == [
        ("Boulangerie A", "signed"), ("Café C", "signed"), ("Coiffure B", "visited"),
        ("Déco D", "planned"), ("Épicerie E", "none"),
    ]  # fmt: skip
    assert report.shops[0].accepted == 1 and report.shops[0].actions == 2


def test_the_association_sees_only_consenting_shops_and_no_figure_about_fewer_than_three() -> None:
    view = aggregate(HEADER, energy_questionnaire(), TITLES, SHOPS, "association", DAY)
    assert [row.name for row in view.shops] == ["Boulangerie A", "Déco D"]
    assert view.unnamed_shops == 3
    assert [f.question_id for f in view.findings] == ["porte_ouverte"]  # 3 shops; lumiere_jour 1
    assert view.actions == [] and view.purchases == [] and view.obligations == []  # 2 shops each
    assert [d.theme for d in view.themes if d.theme == "chauffage_climatisation"] == []
    assert view.savings is not None and view.savings.kwh == 2400
    assert view.participation.by_activity == [("autres activités", 5)]
    dumped = view.model_dump_json()
    assert "Coiffure B" not in dumped and "Café C" not in dumped


def test_with_fewer_than_three_visited_shops_the_association_sees_participation_only() -> None:
    view = aggregate(HEADER, energy_questionnaire(), TITLES, SHOPS[:2], "association", DAY)
    assert view.suppressed
    assert view.savings is None and view.themes == [] and view.findings == []
    assert view.participation.visited == 2


FRENCH_NAMES = ["Zinc Z", "Épicerie É", "Eau vive", "Œnothèque Œ", "Boulangerie", "Éclair", "ébène"]
FRENCH_ORDER = ["Boulangerie", "Eau vive", "ébène", "Éclair", "Épicerie É", "Œnothèque Œ", "Zinc Z"]


def test_the_association_lists_names_in_french_order_accents_ignored_first() -> None:
    shops = [
        ShopResult(establishment_id=str(i), name=name, consent=True, status="signed")
        for i, name in enumerate(FRENCH_NAMES)
    ]
    view = aggregate(HEADER, energy_questionnaire(), TITLES, shops, "association", DAY)
    assert [row.name for row in view.shops] == FRENCH_ORDER


def test_the_chamber_lists_names_and_activities_in_french_order_too() -> None:
    activities = ["zinguerie", "épicerie", "électricité", "fleuriste"]
    shops = [
        ShopResult(establishment_id=str(i), name=name, activity=activities[i % 4], status="none")
        for i, name in enumerate([*FRENCH_NAMES, "Élan", "Fleurs", "Zèbre", "Étal", "Ébéniste"])
    ]
    report = aggregate(HEADER, energy_questionnaire(), TITLES, shops, "chambre", DAY)
    assert [row.name for row in report.shops][-1] == "Zinc Z"
    assert [name for name, _ in report.participation.by_activity] == [
        "électricité", "épicerie", "fleuriste", "zinguerie",
    ]  # fmt: skip
