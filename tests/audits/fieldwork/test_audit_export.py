"""The export files the app hands over, compared cell by cell with ``diagterrain export``'s."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from audits.errors import DiagError
from audits.exports import export_answers, export_plans
from audits.fieldwork.audit_export import export_audits, exportable_questionnaires
from audits.fieldwork.files import slug, sort_key
from audits.store import Store, open_store
from audits.store.demo_campaign import CampaignDemo
from tests.campaign_demo import demo_campaign, fresh_copy, reference

DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CampaignDemo]:
    return demo_campaign(tmp_path_factory)


@pytest.fixture
def store(demo: tuple[Path, CampaignDemo], tmp_path: Path) -> Iterator[Store]:
    with open_store(fresh_copy(demo[0], tmp_path)) as opened:
        yield opened


def sheet_rows(source: bytes | Path, sheet: str) -> list[tuple[object, ...]]:
    """The sheet's values, each row without its trailing empty cells (an empty cell may be
    written or not: a spreadsheet shows the same)."""
    workbook = load_workbook(
        io.BytesIO(source) if isinstance(source, bytes) else source, read_only=True
    )
    try:
        return [_trimmed(row) for row in workbook[sheet].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _trimmed(row: tuple[object, ...]) -> tuple[object, ...]:
    end = len(row)
    while end and row[end - 1] in (None, ""):
        end -= 1
    return row[:end]


def test_the_workbook_holds_the_cli_tables_cell_for_cell(
    store: Store, demo: tuple[Path, CampaignDemo], tmp_path: Path
) -> None:
    numbers = reference().numbers
    campaign_id = demo[1].campaign_id
    export_answers(
        store,
        "energie-commerce",
        tmp_path / "r.xlsx",
        "xlsx",
        campaign_id=campaign_id,
        reference=numbers,
    )
    export_plans(
        store,
        tmp_path / "a.xlsx",
        "xlsx",
        questionnaire_id="energie-commerce",
        campaign_id=campaign_id,
        reference=numbers,
    )
    file = export_audits(
        store,
        "xlsx",
        "energie-commerce",
        label="Rue des Marchands",
        on_date=DAY,
        campaign_id=campaign_id,
        reference=numbers,
    )
    assert file.name == "export-rue-des-marchands-2026-11-20.xlsx"
    for ours, theirs, sheet in (
        ("reponses", tmp_path / "r.xlsx", "reponses"),
        ("actions", tmp_path / "a.xlsx", "actions"),
        ("dictionnaire", tmp_path / "r.xlsx", "dictionnaire"),
        ("dictionnaire_actions", tmp_path / "a.xlsx", "dictionnaire"),
    ):
        assert sheet_rows(file.content, ours) == sheet_rows(theirs, sheet), ours
    assert file.audits == len(sheet_rows(tmp_path / "r.xlsx", "reponses")) - 1
    assert file.actions == len(sheet_rows(tmp_path / "a.xlsx", "actions")) - 1


def test_the_csv_zip_holds_both_tables_in_the_french_excel_dialect_and_a_readme(
    store: Store, tmp_path: Path
) -> None:
    export_answers(store, "energie-commerce", tmp_path / "r.csv", "csv")
    file = export_audits(store, "csv", "energie-commerce", label="Énergie", on_date=DAY)
    assert file.name == "export-energie-2026-11-20-csv.zip" and file.mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(file.content)) as archive:
        assert archive.read("reponses.csv") == (tmp_path / "r.csv").read_bytes()
        plans = list(
            csv.reader(io.StringIO(archive.read("actions.csv").decode("utf-8-sig")), delimiter=";")
        )
        readme = archive.read("LISEZMOI.txt").decode("utf-8")
    assert len(plans) - 1 == file.actions
    assert "Export Diag Terrain — Énergie" in readme and "séparateur « ; »" in readme


def test_json_is_one_document_of_audits_with_their_plans(store: Store) -> None:
    file = export_audits(
        store,
        "json",
        "energie-commerce",
        label="Énergie",
        on_date=DAY,
        exported_at="2026-11-20T10:00:00Z",
    )
    document = json.loads(file.content)
    assert document["exported_at"] == "2026-11-20T10:00:00Z"
    assert len(document["audits"]) == file.audits and file.actions is None
    lines = store.db.execute("SELECT count(*) FROM actions WHERE deleted = 0").fetchone()[0]
    assert sum(len(item["plan"]) for item in document["audits"]) == lines


def test_an_export_without_audits_is_refused_in_french(store: Store) -> None:
    with pytest.raises(DiagError, match="aucun audit à exporter pour « Campagne vide »"):
        export_audits(
            store,
            "xlsx",
            "energie-commerce",
            label="Campagne vide",
            on_date=DAY,
            campaign_id="pas-une-campagne",
        )


def test_questionnaires_to_export_are_counted_most_used_first(store: Store) -> None:
    audits = store.db.execute("SELECT count(*) FROM audits WHERE deleted = 0").fetchone()[0]
    choices = exportable_questionnaires(store)
    assert [(c.id, c.audits) for c in choices] == [("energie-commerce", audits)]
    assert choices[0].title.startswith("Diagnostic")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Commerces économes d'Apt", "commerces-economes-d-apt"),
        ("  «  Œuvre »  ", "uvre"),
        ("%%%", "repli"),
    ],
)
def test_file_names_are_plain_ascii(text: str, expected: str) -> None:
    assert slug(text, "repli") == expected


def test_names_sort_as_a_french_reader_expects() -> None:
    names = ["Zinc", "Épicerie Durand", "eau vive", "Boucherie"]
    assert sorted(names, key=sort_key) == ["Boucherie", "eau vive", "Épicerie Durand", "Zinc"]
