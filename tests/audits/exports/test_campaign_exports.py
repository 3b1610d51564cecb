"""Exports of the 60-shop demo campaign, re-read with csv and openpyxl and compared."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from audits.exports import export_answers, export_json, export_plans
from audits.exports.cells import PLAN_COLUMNS
from audits.plan.models import ENERGIES
from audits.store import Store, open_store
from audits.store.demo_campaign import CampaignDemo
from tests.campaign_demo import demo_campaign, reference


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CampaignDemo]:
    return demo_campaign(tmp_path_factory)


@pytest.fixture(scope="module")
def store(demo: tuple[Path, CampaignDemo]) -> Iterator[Store]:
    opened = open_store(demo[0])
    yield opened
    opened.close()


def sql_lines(store: Store) -> list[tuple[str, str, float | None, str]]:
    rows = store.db.execute(
        "SELECT audit_id, action_key, kwh_year, status FROM actions WHERE deleted = 0"
    ).fetchall()
    return sorted(rows, key=lambda r: (r[0], r[1]))


def test_the_plans_csv_has_one_row_per_plan_line_with_the_stored_figures(
    store: Store, tmp_path: Path
) -> None:
    count = export_plans(store, tmp_path / "plans.csv", "csv", dialect="standard")
    with (tmp_path / "plans.csv").open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == [name for name, _ in PLAN_COLUMNS]
    expected = sql_lines(store)
    assert count == len(rows) == len(expected)
    index = {name: header.index(name) for name in ("_audit", "action", "kwh_an", "statut")}
    read = sorted(
        (r[index["_audit"]], r[index["action"]], float(r[index["kwh_an"]]) if r[index["kwh_an"]]
         else None, r[index["statut"]]) for r in rows
    )  # fmt: skip
    assert read == expected


def test_the_plans_xlsx_splits_kwh_per_energy_and_names_the_obligation(
    store: Store, tmp_path: Path
) -> None:
    export_plans(store, tmp_path / "plans.xlsx", "xlsx", questionnaire_id="energie-commerce")
    workbook = load_workbook(tmp_path / "plans.xlsx", read_only=True)
    header, *rows = list(workbook["actions"].iter_rows(values_only=True))
    workbook.close()
    # openpyxl's read-only mode drops a row's trailing empty cells: pad them back.
    named = [
        dict(zip(header, row + (None,) * (len(header) - len(row)), strict=True)) for row in rows
    ]
    assert len(named) == len(sql_lines(store))
    for row in named:
        energies = sum(row[f"kwh_{e}"] or 0 for e in ENERGIES)
        if row["kwh_an"] is not None and row["statut"] != "done":
            assert energies == pytest.approx(row["kwh_an"], abs=0.2)
    doors = [row for row in named if row["action"] == "fermer_porte"]
    assert doors and all(row["obligation"] == "portes_fermees" for row in doors)


def test_answer_exports_of_the_campaign_agree_between_csv_xlsx_and_json(
    store: Store, demo: tuple[Path, CampaignDemo], tmp_path: Path
) -> None:
    options = {"campaign_id": demo[1].campaign_id, "statuses": ["signed"],
               "reference": reference().numbers}  # fmt: skip
    count = export_answers(store, "energie-commerce", tmp_path / "a.csv", "csv", **options)
    export_answers(store, "energie-commerce", tmp_path / "a.xlsx", "xlsx", **options)
    export_json(store, tmp_path / "a.json", questionnaire_id="energie-commerce", **options)
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as handle:
        csv_rows = list(csv.reader(handle, delimiter=";"))
    workbook = load_workbook(tmp_path / "a.xlsx", read_only=True)
    xlsx_rows = list(workbook["reponses"].values)
    workbook.close()
    audits = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["audits"]
    assert count == demo[1].signed == len(csv_rows) - 1 == len(xlsx_rows) - 1 == len(audits)
    header = csv_rows[0]
    assert list(xlsx_rows[0]) == header
    column = header.index("conso_electricite_kwh")
    for csv_row, xlsx_row, item in zip(csv_rows[1:], xlsx_rows[1:], audits, strict=True):
        assert csv_row[0] == xlsx_row[0] == item["audit"]["_audit"]
        value = item["answers"]["conso_electricite_kwh"]["value"]
        assert xlsx_row[column] == value
        assert csv_row[column] == str(value).replace(".0", "").replace(".", ",")
    computed = header.index("conso_eclairage_kwh")
    assert all(row[computed] for row in csv_rows[1:])
