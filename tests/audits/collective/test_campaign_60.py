"""The collective report of the 60-shop demo campaign, checked against plain SQL counts.

Each expected figure is recomputed here straight from the database tables (the « hand
computation »), without the gather/aggregate code under test.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from audits.collective import collective_report
from audits.collective.models import CollectiveReport
from audits.collective.pdf import render_collective_pdf
from audits.scoring import score
from audits.store import Store, open_store
from audits.store.answers import answers_of
from audits.store.consent import consenting, set_consent
from audits.store.demo_campaign import CampaignDemo
from tests.campaign_demo import TODAY, demo_campaign, energy_questionnaire, fresh_copy, reference

VISITS = """
SELECT a.id, a.establishment_id, a.status FROM audits a
WHERE a.campaign_id = ? AND a.follow_up_of IS NULL AND a.deleted = 0
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CampaignDemo]:
    return demo_campaign(tmp_path_factory)


@pytest.fixture(scope="module")
def store(demo: tuple[Path, CampaignDemo]) -> Iterator[Store]:
    opened = open_store(demo[0])
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def report(store: Store, demo: tuple[Path, CampaignDemo]) -> CollectiveReport:
    return collective_report(store, demo[1].campaign_id, reference(), "chambre", TODAY)


def visited_audits(store: Store, campaign_id: str) -> list[str]:
    rows = store.db.execute(VISITS, [campaign_id]).fetchall()
    return [row[0] for row in rows if row[2] in ("completed", "signed")]


def test_the_demo_campaign_has_sixty_shops_at_every_stage(
    report: CollectiveReport, store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    rows = store.db.execute(VISITS, [demo[1].campaign_id]).fetchall()
    statuses = [row[2] for row in rows]
    p = report.participation
    assert p.establishments == 60
    assert p.planned == len(rows)
    assert p.visited == statuses.count("completed") + statuses.count("signed")
    assert p.handed_over == statuses.count("signed") == demo[1].signed
    assert 0 < p.handed_over < p.visited < p.planned < 60
    assert p.consenting == len(consenting(store, demo[1].campaign_id))


def test_action_counts_and_kwh_match_a_sql_count_of_the_kept_plan_lines(
    report: CollectiveReport, store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    ids = visited_audits(store, demo[1].campaign_id)
    marks = ", ".join("?" for _ in ids)
    expected = {
        key: (count, round(kwh or 0.0, 1))
        for key, count, kwh in store.db.execute(
            "SELECT action_key, count(DISTINCT audit_id), sum(kwh_year) FROM actions"
            f" WHERE audit_id IN ({marks}) AND status != 'rejected' GROUP BY action_key",
            ids,
        )
    }
    assert report.actions
    for stat in report.actions:
        assert (stat.shops, stat.kwh) == pytest.approx(expected[stat.action_key], abs=0.2)
    top = max(count for count, _ in expected.values())
    assert report.actions[0].shops == top


def test_obligations_match_a_sql_count_of_regulatory_lines(
    report: CollectiveReport, store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    ids = visited_audits(store, demo[1].campaign_id)
    marks = ", ".join("?" for _ in ids)
    expected = dict(
        store.db.execute(
            "SELECT json_extract(details, '$.line.obligation'), count(DISTINCT audit_id)"
            " FROM actions"
            f" WHERE audit_id IN ({marks}) AND regulatory = 1 GROUP BY 1",
            ids,
        ).fetchall()
    )
    assert {o.obligation: o.shops for o in report.obligations} == expected
    assert all(o.title != o.obligation for o in report.obligations)


def test_the_halogen_spots_to_buy_are_the_sum_of_the_answers_of_shops_keeping_the_led_action(
    report: CollectiveReport, store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    spots = 0
    shops = 0
    for audit_id in visited_audits(store, demo[1].campaign_id):
        kept = store.db.execute(
            "SELECT 1 FROM actions WHERE audit_id = ? AND action_key = 'led_spots_halogenes'"
            " AND status != 'rejected'",
            [audit_id],
        ).fetchone()
        answer = store.db.execute(
            "SELECT value FROM answers WHERE audit_id = ? AND question_id = 'nb_spots_halogenes'",
            [audit_id],
        ).fetchone()
        if kept:
            shops += 1
            spots += json.loads(answer[0])
    purchase = next(p for p in report.purchases if p.action_key == "led_spots_halogenes")
    assert (purchase.shops, purchase.quantity) == (shops, spots)
    assert purchase.text == (
        f"{shops} commerces ont des spots halogènes : environ {spots} spots à remplacer par des LED"
    )


def test_savings_combine_overlaps_below_the_plain_sum_and_declared_kwh_match_the_bills(
    report: CollectiveReport, store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    ids = visited_audits(store, demo[1].campaign_id)
    marks = ", ".join("?" for _ in ids)
    plain = store.db.execute(
        f"SELECT sum(kwh_year) FROM actions WHERE audit_id IN ({marks}) AND status != 'rejected'",
        ids,
    ).fetchone()[0]
    declared = store.db.execute(
        "SELECT sum(json_extract(value, '$')) FROM answers WHERE question_id IN"
        f" ('conso_electricite_kwh', 'conso_gaz_kwh') AND audit_id IN ({marks})",
        ids,
    ).fetchone()[0]
    achieved = store.db.execute(
        "SELECT sum(x.achieved_kwh_year) FROM actions x JOIN audits a ON a.id = x.audit_id"
        " WHERE a.campaign_id = ? AND a.follow_up_of IS NOT NULL AND x.status = 'done'",
        [demo[1].campaign_id],
    ).fetchone()[0]
    s = report.savings
    assert s is not None
    assert 0.6 * plain < s.kwh < plain
    assert s.declared_kwh == pytest.approx(declared)
    assert s.share == pytest.approx(s.kwh_on_declared / declared, abs=1e-4)
    assert s.target_kwh == pytest.approx(declared * 0.10, abs=0.1)
    assert s.achieved_kwh == pytest.approx(achieved, abs=0.1)
    assert s.followed_up == demo[1].follow_ups
    assert s.kgco2e > 0 and s.eur > 0


def test_the_overall_median_is_the_median_of_each_visited_audit_scored_alone(
    report: CollectiveReport, store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    questionnaire = energy_questionnaire()
    numbers = reference().numbers
    scores = [
        score(questionnaire, answers_of(store, audit_id), numbers).percent
        for audit_id in visited_audits(store, demo[1].campaign_id)
    ]
    assert report.overall is not None
    assert report.overall.median == round(statistics.median(s for s in scores if s is not None), 1)
    assert sum(level.count for level in report.overall.levels) == report.participation.visited


def test_the_association_pdf_names_consenting_shops_only(
    store: Store, demo: tuple[Path, CampaignDemo], tmp_path: Path
) -> None:
    campaign_id = demo[1].campaign_id
    report = collective_report(store, campaign_id, reference(), "association", TODAY)
    path = render_collective_pdf(report, tmp_path / "association.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    names = dict(store.db.execute("SELECT id, name FROM establishments").fetchall())
    agreed = consenting(store, campaign_id)
    assert "Bilan collectif de campagne" in text and "Achats groupés possibles" in text
    assert all(names[shop_id] in text for shop_id in agreed)
    named = [names[shop_id] for shop_id in agreed]
    hidden = [n for i, n in names.items() if i not in agreed and not any(n in m for m in named)]
    assert hidden and not any(name in text for name in hidden)


def test_a_withdrawn_consent_takes_the_shop_out_of_the_association_view(
    demo: tuple[Path, CampaignDemo], tmp_path: Path
) -> None:
    with open_store(fresh_copy(demo[0], tmp_path)) as store:
        campaign_id = demo[1].campaign_id
        shop_id = sorted(consenting(store, campaign_id))[0]
        name = store.db.execute(
            "SELECT name FROM establishments WHERE id = ?", [shop_id]
        ).fetchone()
        before = collective_report(store, campaign_id, reference(), "association", TODAY)
        set_consent(store, campaign_id, shop_id, agreed=False)
        after = collective_report(store, campaign_id, reference(), "association", TODAY)
        pending = store.db.execute(
            "SELECT count(*) FROM outbox WHERE table_name = 'campaign_establishments'"
        ).fetchone()[0]
    assert len(after.shops) == len(before.shops) - 1
    assert name[0] not in after.model_dump_json()
    assert pending >= 1  # the withdrawal syncs like any change


def test_the_chamber_pdf_is_deterministic_and_lists_every_shop(
    report: CollectiveReport, tmp_path: Path
) -> None:
    first = render_collective_pdf(report, tmp_path / "a.pdf").read_bytes()
    second = render_collective_pdf(report, tmp_path / "b.pdf").read_bytes()
    assert first == second
    pages = PdfReader(tmp_path / "a.pdf").pages
    assert len(pages) >= 6
    text = "\n".join(page.extract_text() for page in pages)
    assert all(row.name in text for row in report.shops)
    assert "page 1 / " in text
