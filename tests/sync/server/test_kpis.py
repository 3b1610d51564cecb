"""KPIs on both backends, over the 60-shop demo campaign synced by the real client.

Expected figures are computed here with plain SQL on the device database that was synced
(the « hand computation »), then compared with ``GET /api/v1/kpis``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from audits.store import open_store
from audits.store.audits import sign_audit
from sync.client import SyncClient
from sync.runner import synchronise
from tests.campaign_demo import TODAY
from tests.sync.server.kpi_chamber import Chamber, make_chamber
from tests.sync.servers import Server

MAIN = "follow_up_of IS NULL AND revision_of IS NULL AND status IN ('completed', 'signed')"
FOLLOW = "follow_up_of IS NOT NULL AND status IN ('completed', 'signed')"


@pytest.fixture(scope="module")
def chamber(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Chamber:
    return make_chamber(server, tmp_path_factory)


def test_audits_plans_actions_and_savings_match_a_sql_count_on_the_synced_device(
    chamber: Chamber,
) -> None:
    kpis = chamber.kpis()
    done = chamber.sql(f"SELECT count(*) FROM audits WHERE {MAIN}")
    main_lines = f"SELECT {{}} FROM actions WHERE audit_id IN (SELECT id FROM audits WHERE {MAIN})"
    follow_lines = (
        f"SELECT {{}} FROM actions WHERE audit_id IN (SELECT id FROM audits WHERE {FOLLOW})"
    )
    assert kpis["total_done"] == done > 40
    assert kpis["plans_handed_over"] == chamber.sql(
        f"SELECT count(*) FROM audits WHERE {MAIN} AND status = 'signed'"
    )
    assert kpis["audits"] == [
        {
            "kind": "energy",
            "label": "Sobriété énergétique",
            "done": done,
            "signed": kpis["plans_handed_over"],
            "target": None,
            "target_share": None,
        }
    ]
    actions = kpis["actions"]
    assert actions["proposed"] == chamber.sql(main_lines.format("count(*)"))
    assert actions["accepted"] == chamber.sql(
        main_lines.format("count(*)") + " AND status IN ('accepted', 'done')"
    )
    assert actions["rejected"] == chamber.sql(
        main_lines.format("count(*)") + " AND status = 'rejected'"
    )
    assert (
        actions["done"] == chamber.sql(follow_lines.format("count(*)") + " AND status = 'done'") > 0
    )
    estimated = chamber.sql(main_lines.format("sum(kwh_year)") + " AND status != 'rejected'")
    assert kpis["savings_estimated"]["kwh"] == pytest.approx(estimated, abs=0.5)
    achieved = chamber.sql(follow_lines.format("sum(achieved_kwh_year)") + " AND status = 'done'")
    follow_up = kpis["follow_up"]
    assert follow_up["achieved"]["kwh"] == pytest.approx(achieved, abs=0.5)
    assert follow_up["follow_ups"] == chamber.sql(f"SELECT count(*) FROM audits WHERE {FOLLOW}")
    assert 0.5 < follow_up["achieved_share"] < 1.2
    assert sum(sum(p["counts"].values()) for p in kpis["by_period"]) == done
    assert [c["key"] for c in kpis["campaigns"]] == [chamber.campaign_id]


def test_the_advisor_filter_and_the_period_grouping_split_the_same_audits(chamber: Chamber) -> None:
    total = chamber.kpis()["total_done"]
    advisors = chamber.kpis()["advisors"]
    assert sum(a["done"] for a in advisors) == total
    first = advisors[0]["key"]
    expected = chamber.sql(f"SELECT count(*) FROM audits WHERE {MAIN} AND advisor = ?", first)
    assert chamber.kpis(advisor=first)["total_done"] == expected
    quarters = chamber.kpis(granularity="quarter")
    assert quarters["periods"][:1] == [f"{chamber.year}-T1"]
    assert len(quarters["periods"]) == 4
    assert sum(sum(p["counts"].values()) for p in quarters["by_period"]) == total
    assert chamber.kpis(**{"from": "2001-01-01", "to": "2001-12-31"})["total_done"] == 0


def test_yearly_targets_are_set_by_an_admin_and_pro_rated_to_the_period(chamber: Chamber) -> None:
    year = chamber.year
    body = {"year": year, "targets": {"energy": 200, "rse": 80}}
    assert chamber.advisor.put(f"/kpis/targets/{year}", json=body).status_code == 403
    assert chamber.admin.put(f"/kpis/targets/{year}", json=body).json() == body
    bad = chamber.admin.put(f"/kpis/targets/{year}", json={"year": year, "targets": {"x": 1}})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "VALIDATION_ERROR"
    assert chamber.advisor.get(f"/kpis/targets/{year}").json()["targets"] == body["targets"]
    kinds = {k["kind"]: k for k in chamber.kpis()["audits"]}
    energy = kinds["energy"]
    assert energy["target"] == 200 and energy["target_share"] == round(energy["done"] / 200, 4)
    assert (kinds["rse"]["done"], kinds["rse"]["target"]) == (0, 80)
    half = chamber.kpis(**{"from": f"{year}-01-01", "to": f"{year}-06-30"})
    days_in_half = (dt.date(year, 6, 30) - dt.date(year, 1, 1)).days + 1
    days_in_year = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    energy_half = {k["kind"]: k for k in half["audits"]}["energy"]
    assert energy_half["target"] == round(200 * days_in_half / days_in_year, 1)


def test_an_association_viewer_sees_only_its_shared_campaign_in_aggregate(
    chamber: Chamber, server: Server
) -> None:
    viewer = server.account("viewer", kind="association")
    nothing = chamber.kpis(viewer)
    assert (nothing["total_done"], nothing["suppressed"], nothing["scope"]["campaigns"]) == (
        0,
        True,
        [],
    )
    assert nothing["actions"] is None and nothing["savings_estimated"] is None
    shared = chamber.admin.put(f"/campaigns/{chamber.campaign_id}/viewers/{viewer.org_id}")
    assert shared.status_code == 204
    seen = chamber.kpis(viewer)
    chamber_view = chamber.kpis(campaign=chamber.campaign_id)
    assert seen["scope"] == {
        "org_id": viewer.org_id,
        "role": "viewer",
        "campaigns": [chamber.campaign_id],
    }
    for key in ("total_done", "plans_handed_over", "actions", "savings_estimated", "follow_up"):
        assert seen[key] == chamber_view[key]
    assert seen["advisors"] == [] and all(k["target"] is None for k in seen["audits"])
    refused = viewer.get("/kpis", params={"advisor": "Claire Martin"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "FORBIDDEN"
    other = viewer.get("/kpis", params={"campaign": "01890a5d-ac96-7000-8000-00000000dead"})
    assert other.status_code == 404
    assert viewer.get(f"/kpis/targets/{chamber.year}").status_code == 403


def test_another_chamber_sees_none_of_these_audits(chamber: Chamber, server: Server) -> None:
    stranger = server.account("admin")
    assert chamber.kpis(stranger)["total_done"] == 0
    assert chamber.kpis(stranger)["campaigns"] == []


def test_a_new_signed_audit_shows_in_the_kpis_after_the_next_sync(chamber: Chamber) -> None:
    before = chamber.kpis()["plans_handed_over"]
    signing_day = dt.datetime.combine(TODAY, dt.time(15, 0), tzinfo=dt.UTC).timestamp() * 1000
    with open_store(chamber.device_db, now=lambda: int(signing_day)) as store:
        audit_id = store.db.execute(
            "SELECT id FROM audits WHERE status = 'completed' AND follow_up_of IS NULL LIMIT 1"
        ).fetchone()[0]
        sign_audit(store, audit_id)
        synchronise(store, SyncClient(chamber.admin.server.url, chamber.advisor.token))
    assert chamber.kpis()["plans_handed_over"] == before + 1


def test_bad_periods_are_refused_in_the_error_shape(chamber: Chamber) -> None:
    response = chamber.admin.get("/kpis", params={"from": "2026-12-31", "to": "2026-01-01"})
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "Période invalide (au plus dix ans)."
