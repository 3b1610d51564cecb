"""A chamber whose advisor synced the 60-shop demo campaign: for the KPI and dashboard tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from audits.store import open_store
from sync import device
from sync.client import SyncClient
from sync.runner import synchronise
from tests.campaign_demo import TODAY, demo_campaign, energy_questionnaire
from tests.sync.servers import Account, Server


@dataclass
class Chamber:
    admin: Account
    advisor: Account
    campaign_id: str
    device_db: Path
    year: int

    def kpis(self, account: Account | None = None, **params: Any) -> dict[str, Any]:
        params.setdefault("from", f"{self.year}-01-01")
        params.setdefault("to", f"{self.year}-12-31")
        response = (account or self.admin).get("/kpis", params=params)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    def sql(self, query: str, *params: Any) -> Any:
        with open_store(self.device_db) as store:
            return store.db.execute(query, list(params)).fetchone()[0]


def publish(admin: Account) -> None:
    questionnaire = energy_questionnaire()
    body = {"title": questionnaire.title, "kind": questionnaire.kind.value,
            "body": questionnaire.model_dump(mode="json")}  # fmt: skip
    response = admin.put(f"/questionnaires/{questionnaire.id}/{questionnaire.version}", json=body)
    assert response.status_code in (200, 201), response.text


def make_chamber(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Chamber:
    """A chamber whose advisor synced the demo campaign, with its questionnaire published."""
    source, summary = demo_campaign(tmp_path_factory)
    copy = tmp_path_factory.mktemp("kpi-device") / "device.db"
    shutil.copyfile(source, copy)
    admin = server.account("admin")
    advisor = server.account("advisor", org_id=admin.org_id)
    publish(admin)
    with open_store(copy) as store:
        device.save_login(store, server_url=server.url, token=advisor.token,
                          user_id=advisor.user_id, org_id=advisor.org_id)  # fmt: skip
        report = synchronise(store, SyncClient(server.url, advisor.token))
    assert report.conflicts == 0 and report.pushed > 3000
    return Chamber(admin, advisor, summary.campaign_id, copy, TODAY.year)
