"""The campaign screen on the 60-shop demo campaign: progress, collective report, association
version, PDF and exports, driven through the real page from the home screen.

Expected figures are counted straight from the database tables where a count is enough
(visits, consents, audits, plan lines); the report's finer figures (savings, medians) are
compared with ``audits.collective.collective_report``, the function the CLI and PDF use.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import flet as ft
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.main import prepare
from app.state.campaign import CampaignVM
from app.state.context import AppContext, close_stores
from audits.collective import collective_report
from audits.collective.models import CollectiveReport
from audits.exports.cells import PLAN_COLUMNS
from audits.exports.columns import META_COLUMNS
from audits.report import fmt
from audits.store.demo_campaign import CampaignDemo
from tests.app.conftest import TODAY, FakeDevice, start_app
from tests.app.flet_harness import Harness
from tests.campaign_demo import demo_campaign, energy_questionnaire, fresh_copy

CAMPAIGN = "Commerces économes du centre-ville d'Apt"
REACHED = """
SELECT m.establishment_id, max(CASE a.status WHEN 'signed' THEN 3 WHEN 'completed' THEN 2
                                             WHEN 'draft' THEN 1 ELSE 0 END)
FROM campaign_establishments m
LEFT JOIN audits a ON a.establishment_id = m.establishment_id AND a.campaign_id = m.campaign_id
     AND a.follow_up_of IS NULL AND a.deleted = 0
WHERE m.campaign_id = ? AND m.deleted = 0 GROUP BY m.establishment_id
"""


@pytest.fixture(scope="module")
def campaign_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CampaignDemo]:
    """The shared 60-shop demo campaign, plus the shipped questionnaires the app imports."""
    source, summary = demo_campaign(tmp_path_factory)
    path = fresh_copy(source, tmp_path_factory.mktemp("campaign-app"))
    prepare(path, demo=False, today=TODAY)
    close_stores()
    return path, summary


@pytest.fixture
def campaign_db(tmp_path: Path, campaign_template: tuple[Path, CampaignDemo]) -> Path:
    return fresh_copy(campaign_template[0], tmp_path)


@pytest.fixture
def campaign_id(campaign_template: tuple[Path, CampaignDemo]) -> str:
    return campaign_template[1].campaign_id


@pytest.fixture
def app_ctx(campaign_db: Path) -> AppContext:
    return AppContext(campaign_db, today=lambda: TODAY)


def report_of(ctx: AppContext, campaign_id: str, audience: str = "chambre") -> CollectiveReport:
    return collective_report(ctx.store, campaign_id, ctx.reference, audience, TODAY)  # type: ignore[arg-type]


def reached(ctx: AppContext, campaign_id: str) -> list[int]:
    """How far each establishment's campaign visit went: 0 none, 1 draft, 2 done, 3 signed."""
    return [row[1] for row in ctx.store.db.execute(REACHED, [campaign_id]).fetchall()]


def names(ctx: AppContext, campaign_id: str, consent: bool) -> list[str]:
    test = "IS NOT NULL" if consent else "IS NULL"
    rows = ctx.store.db.execute(
        "SELECT e.name FROM campaign_establishments m JOIN establishments e"
        " ON e.id = m.establishment_id"
        f" WHERE m.campaign_id = ? AND m.deleted = 0 AND m.consent_at {test}",
        [campaign_id],
    )
    return [row[0] for row in rows]


def campaign_counts(ctx: AppContext, campaign_id: str) -> tuple[int, int]:
    """Audits of the campaign (follow-ups and drafts included) and their plan lines."""
    audits = ctx.store.db.execute(
        "SELECT count(*) FROM audits WHERE campaign_id = ? AND deleted = 0", [campaign_id]
    ).fetchone()[0]
    lines = ctx.store.db.execute(
        "SELECT count(*) FROM actions x JOIN audits a ON a.id = x.audit_id"
        " WHERE a.campaign_id = ? AND a.deleted = 0 AND x.deleted = 0",
        [campaign_id],
    ).fetchone()[0]
    return audits, lines


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


async def open_campaign(db: Path, device: FakeDevice, campaign_id: str, width: float = 1280):
    h = await start_app(db, device, width=width)
    await h.click(f"campaign-{campaign_id}")
    return h


async def export(h: Harness, form: str) -> None:
    await h.click("campaign-export")
    await h.click(f"export-{form}")


@pytest.mark.asyncio
async def test_a_campaign_card_on_home_opens_the_campaign_with_its_organiser_dates_and_advisors(
    campaign_db, device, campaign_id
):
    h = await open_campaign(campaign_db, device, campaign_id)
    assert h.find("title").value == "Campagne"
    for text in (
        CAMPAIGN,
        "Union des commerçants et artisans d'Apt",
        "Claire Martin, Youssef Haddad, Élodie Roche",
        f"{energy_questionnaire().title} (energie-commerce@{energy_questionnaire().version})",
        "du 22/08/2026 au 20/12/2026",
    ):
        assert h.has_text(text), text
    await h.click("back")
    assert h.find("title").value == "Accueil"


@pytest.mark.asyncio
async def test_progress_shows_the_shops_planned_visited_and_handed_over_counted_in_the_store(
    campaign_db, device, campaign_id, app_ctx
):
    levels = reached(app_ctx, campaign_id)
    h = await open_campaign(campaign_db, device, campaign_id)
    assert len(levels) == 60
    assert h.find("stage-planned").value == f"{sum(1 for x in levels if x >= 1)} / 60"
    assert h.find("stage-visited").value == f"{sum(1 for x in levels if x >= 2)} / 60"
    assert h.find("stage-handed").value == f"{levels.count(3)} / 60"
    assert h.find("figure-visited").value == str(sum(1 for x in levels if x >= 2))
    bars = [c for c in h.walk() if isinstance(c, ft.ProgressBar)]
    assert any(bar.value == pytest.approx(levels.count(3) / 60) for bar in bars)


@pytest.mark.asyncio
async def test_the_collective_figures_are_those_of_the_aggregation_the_pdf_prints(
    campaign_db, device, campaign_id, app_ctx
):
    report = report_of(app_ctx, campaign_id)
    savings = report.savings
    assert savings is not None and savings.share is not None
    h = await open_campaign(campaign_db, device, campaign_id)
    assert h.find("figure-kwh").value == f"{fmt.number(savings.kwh / 1000)} MWh"
    assert h.find("figure-eur").value == fmt.euros(savings.eur)
    assert h.find("figure-co2").value == f"{fmt.number(savings.kgco2e / 1000, 1)} t CO2e"
    assert fmt.percent(savings.share, 1) in h.find("target-potential").value
    assert h.find("target-verdict").value.startswith("Le potentiel cumulé dépasse")
    assert h.has_text(fmt.kwh(savings.target_kwh))
    themes = [d for d in report.themes if d.shops]
    assert len(themes) > 5
    for distribution in themes:
        assert h.is_shown(f"score-{distribution.theme}")
        segments = h.find(f"levels-{distribution.theme}").controls
        assert [int(s.expand) for s in segments] == [
            level.count for level in distribution.levels if level.count
        ]
    assert report.purchases and all(h.has_text(p.text) for p in report.purchases)
    assert report.obligations and all(h.has_text(o.title) for o in report.obligations)
    assert report.findings and all(h.has_text(f.question) for f in report.findings)
    assert report.actions and all(h.has_text(a.title) for a in report.actions)


@pytest.mark.asyncio
async def test_every_establishment_is_listed_with_its_state_and_opens_its_card(
    campaign_db, device, campaign_id, app_ctx
):
    h = await open_campaign(campaign_db, device, campaign_id)
    rows = app_ctx.store.db.execute(
        "SELECT e.id, e.name FROM campaign_establishments m JOIN establishments e"
        " ON e.id = m.establishment_id WHERE m.campaign_id = ? AND m.deleted = 0",
        [campaign_id],
    ).fetchall()
    assert len(rows) == 60 and all(h.find(f"shop-{shop_id}") for shop_id, _ in rows)
    assert h.has_text("Établissements de la campagne (60)")
    levels = reached(app_ctx, campaign_id)
    pills = [
        t for t in h.texts() if t in ("Pas encore vu", "Visite prévue", "Visité", "Plan remis")
    ]
    assert pills.count("Plan remis") == levels.count(3)
    assert pills.count("Pas encore vu") == levels.count(0)
    shop_id, name = rows[0]
    await h.click(f"shop-{shop_id}")
    assert h.find("title").value == "Établissement" and h.has_text(name)


@pytest.mark.asyncio
async def test_the_association_version_names_consenting_shops_only_and_offers_no_export(
    campaign_db, device, campaign_id, app_ctx
):
    agreed = names(app_ctx, campaign_id, consent=True)
    refused = names(app_ctx, campaign_id, consent=False)
    hidden = [n for n in refused if not any(n in shown for shown in agreed)]
    h = await open_campaign(campaign_db, device, campaign_id)
    assert all(h.has_text(name) for name in hidden)  # the chamber sees every shop
    await h.select("audience", True)
    assert h.has_text("Ce que voit l'association")
    assert agreed and all(h.has_text(name) for name in agreed)
    assert hidden and not any(h.has_text(name) for name in hidden)
    count = len(refused)
    assert h.find("unnamed-shops").value.startswith(f"{count} autres commerces sans accord")
    with pytest.raises(LookupError):
        h.find("campaign-export")
    association = report_of(app_ctx, campaign_id, "association")
    shown = {d.theme for d in association.themes}
    assert all(d.shops >= 3 for d in association.themes)
    for theme in shown:
        h.find(f"score-{theme}")
    await h.click("campaign-pdf")
    file_name, content, _ = device.delivered[-1]
    slugged = "commerces-economes-du-centre-ville-d-apt"
    assert file_name == f"bilan-collectif-{slugged}-association-2026-11-23.pdf"
    text = pdf_text(content)
    assert "Version pour l'association" in text and "Bilan collectif de campagne" in text
    assert not any(name in text for name in hidden)
    await h.select("audience", False)
    assert all(h.has_text(name) for name in hidden)


@pytest.mark.asyncio
async def test_the_collective_pdf_is_handed_over_with_the_campaign_name(
    campaign_db, device, campaign_id
):
    h = await open_campaign(campaign_db, device, campaign_id)
    await h.click("campaign-pdf")
    name, content, mime = device.delivered[-1]
    assert mime == "application/pdf" and name.endswith("-2026-11-23.pdf")
    text = pdf_text(content)
    assert CAMPAIGN in text and "Version de la chambre" in text
    assert h.has_text(f"{name} téléchargé")


@pytest.mark.asyncio
async def test_the_xlsx_export_is_one_workbook_with_answers_plans_and_dictionaries(
    campaign_db, device, campaign_id, app_ctx
):
    audits, lines = campaign_counts(app_ctx, campaign_id)
    h = await open_campaign(campaign_db, device, campaign_id)
    await export(h, "xlsx")
    name, content, mime = device.delivered[-1]
    assert name == "export-commerces-economes-du-centre-ville-d-apt-2026-11-23.xlsx"
    assert mime.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        assert workbook.sheetnames == [
            "reponses",
            "actions",
            "dictionnaire",
            "dictionnaire_actions",
        ]
        answers = list(workbook["reponses"].iter_rows(values_only=True))
        plans = list(workbook["actions"].iter_rows(values_only=True))
        described = list(workbook["dictionnaire"].iter_rows(values_only=True))
    finally:
        workbook.close()
    meta = [name for name, _ in META_COLUMNS]
    question_ids = [q.id for q in energy_questionnaire().questions() if q.type.value != "note"]
    header = list(answers[0])
    assert header[: len(meta)] == meta
    assert set(question_ids) <= set(header[len(meta) :])
    assert list(plans[0]) == [name for name, _ in PLAN_COLUMNS]
    assert (len(answers) - 1, len(plans) - 1) == (audits, lines)
    assert {row[0] for row in described[1:]} >= set(question_ids)
    assert {row[header.index("_campagne")] for row in answers[1:]} == {CAMPAIGN}
    assert h.has_text(f"{audits} audits et {fmt.number(lines)} actions exportés")


@pytest.mark.asyncio
async def test_the_csv_export_is_a_zip_of_two_tables_for_french_excel(
    campaign_db, device, campaign_id, app_ctx
):
    audits, lines = campaign_counts(app_ctx, campaign_id)
    h = await open_campaign(campaign_db, device, campaign_id)
    await export(h, "csv")
    name, content, mime = device.delivered[-1]
    assert name.endswith("-csv.zip") and mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["LISEZMOI.txt", "actions.csv", "reponses.csv"]
        tables = {
            member: list(
                csv.reader(io.StringIO(archive.read(member).decode("utf-8-sig")), delimiter=";")
            )
            for member in ("reponses.csv", "actions.csv")
        }
        assert CAMPAIGN in archive.read("LISEZMOI.txt").decode("utf-8")
    assert tables["reponses.csv"][0][:2] == ["_audit", "_questionnaire"]
    assert tables["actions.csv"][0] == [name for name, _ in PLAN_COLUMNS]
    assert (len(tables["reponses.csv"]) - 1, len(tables["actions.csv"]) - 1) == (audits, lines)
    kwh = tables["actions.csv"][0].index("kwh_an")
    assert any("," in row[kwh] for row in tables["actions.csv"][1:])  # decimal comma


@pytest.mark.asyncio
async def test_the_json_export_holds_each_audit_with_its_answers_and_plan(
    campaign_db, device, campaign_id, app_ctx
):
    audits, lines = campaign_counts(app_ctx, campaign_id)
    h = await open_campaign(campaign_db, device, campaign_id)
    await export(h, "json")
    name, content, mime = device.delivered[-1]
    assert name.endswith(".json") and mime == "application/json"
    document = json.loads(content)
    assert document["campaign"] == campaign_id and document["questionnaire"] == "energie-commerce"
    assert len(document["audits"]) == audits
    assert sum(len(item["plan"]) for item in document["audits"]) == lines
    assert h.has_text(f"{audits} audits exportés")


@pytest.mark.asyncio
async def test_the_screen_fits_a_phone(campaign_db, device, campaign_id):
    h = await open_campaign(campaign_db, device, campaign_id, width=390)
    assert h.page.navigation_bar is not None
    assert h.find("campaign-pdf") and h.find("stage-visited")


def test_the_view_model_switches_audience_without_reading_the_store_again(app_ctx, campaign_id):
    vm = CampaignVM(app_ctx, campaign_id)
    chamber = vm.report
    assert chamber == report_of(app_ctx, campaign_id)
    vm.show_association(True)
    assert vm.report == report_of(app_ctx, campaign_id, "association")
    assert vm.note and "moins de 3 commerces" in vm.note
    assert [s.key for s in vm.stages()] == ["planned", "visited", "handed"]
    vm.show_association(False)
    assert vm.report is chamber and vm.note is None
