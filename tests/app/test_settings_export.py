"""Settings: answers and plans of one questionnaire's audits exported as XLSX, CSV or JSON."""

from __future__ import annotations

import io
import json
import zipfile

import flet as ft
import pytest
from openpyxl import load_workbook

from app.state.context import AppContext
from app.state.settings_vm import SettingsVM
from tests.app.conftest import TODAY, start_app


def counts(ctx: AppContext, questionnaire_id: str) -> tuple[int, int]:
    audits = ctx.store.db.execute(
        "SELECT count(*) FROM audits WHERE questionnaire_id = ? AND deleted = 0",
        [questionnaire_id],
    ).fetchone()[0]
    lines = ctx.store.db.execute(
        "SELECT count(*) FROM actions x JOIN audits a ON a.id = x.audit_id"
        " WHERE a.questionnaire_id = ? AND a.deleted = 0 AND x.deleted = 0",
        [questionnaire_id],
    ).fetchone()[0]
    return audits, lines


async def open_settings(db, device):
    h = await start_app(db, device)
    rail = next(c for c in h.walk() if isinstance(c, ft.NavigationRail))
    h.type_into(rail, 3, "selected_index")
    await h.fire(rail, "change")
    assert h.find("title").value == "Réglages"
    return h


@pytest.mark.asyncio
async def test_the_chosen_questionnaires_audits_are_exported_as_one_workbook(demo_db, device, ctx):
    audits, lines = counts(ctx, "rse-dear")
    h = await open_settings(demo_db, device)
    await h.select("export-questionnaire", "rse-dear")
    assert h.find("export-count").value == f"{audits} audits de ce questionnaire sur cet appareil."
    await h.click("audits-export-xlsx")
    name, content, _ = device.delivered[-1]
    assert name.startswith("export-") and name.endswith(f"-{TODAY.isoformat()}.xlsx")
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        answers = list(workbook["reponses"].iter_rows(values_only=True))
        plans = list(workbook["actions"].iter_rows(values_only=True))
    finally:
        workbook.close()
    assert {row[1] for row in answers[1:]} == {"rse-dear"}
    assert (len(answers) - 1, len(plans) - 1) == (audits, lines)
    assert h.has_text(f"{audits} audits et {lines} action")


@pytest.mark.asyncio
async def test_csv_comes_zipped_and_json_as_one_document(demo_db, device, ctx):
    audits, lines = counts(ctx, "energie-commerce")
    h = await open_settings(demo_db, device)
    await h.select("export-questionnaire", "energie-commerce")
    await h.click("audits-export-csv")
    await h.click("audits-export-json")
    (_, zipped, zip_mime), (_, document, json_mime) = device.delivered[-2:]
    assert zip_mime == "application/zip" and json_mime == "application/json"
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        answers = archive.read("reponses.csv").decode("utf-8-sig").splitlines()
        plans = archive.read("actions.csv").decode("utf-8-sig").splitlines()
    assert (len(answers) - 1, len(plans) - 1) == (audits, lines)
    assert len(json.loads(document)["audits"]) == audits


@pytest.mark.asyncio
async def test_a_questionnaire_without_audits_says_so_instead_of_handing_an_empty_file(
    empty_db, device
):
    h = await open_settings(empty_db, device)
    assert h.find("export-count").value == "Aucun audit de ce questionnaire sur cet appareil."
    await h.click("audits-export-xlsx")
    assert device.delivered == []
    assert h.has_text("Aucun audit à exporter pour « ")


def test_the_picker_lists_every_stored_questionnaire_most_used_first(ctx):
    vm = SettingsVM(ctx)
    ids = [qid for qid, _ in vm.questionnaire_options()]
    assert sorted(ids) == ["energie-commerce", "label-artisanat", "rse-dear"]
    assert vm.export_questionnaire == ids[0] == "energie-commerce"
    vm.choose_questionnaire("inconnu")
    assert vm.export_questionnaire == "energie-commerce"
