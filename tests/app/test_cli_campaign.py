from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main

SIRET = "73282932000074"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "device.db"


def test_create_import_show_and_consent_follow_a_campaign_from_the_terminal(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "campaign", "create", "Rue des Marchands", "--questionnaire",
                       "energie-commerce", "--commune", "Apt", "--starts", "2026-11-01",
                       "--advisor", "Claire Martin", "--db", str(db))  # fmt: skip
    assert code == 0 and out.startswith("campagne créée : ")
    listing = tmp_path / "liste.csv"
    listing.write_text(f"Nom;SIRET;Date prévue\nBoulangerie Rivière;{SIRET};02/12/2026\n",
                       encoding="utf-8")  # fmt: skip
    code, out, _ = run(capsys, "campaign", "import", "Rue des", str(listing), "--db", str(db))
    assert code == 0
    assert "1 établissement(s) créé(s)" in out and "1 visite(s) planifiée(s)" in out
    code, out, _ = run(capsys, "campaign", "show", "Rue des Marchands", "--db", str(db))
    assert "établissements : 1" in out and "visites prévues ou faites : 1 (100\u00a0%)" in out
    assert "conseillers : Claire Martin" in out
    code, out, _ = run(capsys, "campaign", "consent", "Rue", "--siret", SIRET, "--db", str(db))
    assert (code, out.strip()) == (
        0,
        "accord enregistré : Boulangerie Rivière dans « Rue des Marchands »",
    )


def test_an_import_with_mistakes_prints_each_row_in_french_and_exits_one(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "campaign", "create", "Rue", "--questionnaire", "energie-commerce", "--db", str(db))
    listing = tmp_path / "liste.csv"
    listing.write_text("Nom;SIRET\nA;123\n;73282932000075\n", encoding="utf-8")
    code, out, err = run(capsys, "campaign", "import", "Rue", str(listing), "--db", str(db))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"diagterrain : {listing} : 3 problème(s), rien n'a été importé",
        "diagterrain : ligne 2 : SIRET « 123 » invalide : il doit compter 14 chiffres",
        "diagterrain : ligne 3 : nom manquant",
        "diagterrain : ligne 3 : SIRET « 73282932000075 » invalide : la clé de contrôle ne "
        "correspond pas, vérifiez la saisie",
    ]
    code, _, err = run(capsys, "campaign", "show", "Autre", "--db", str(db))
    assert code == 1 and err.startswith("diagterrain : campagne introuvable : « Autre »")


def test_the_demo_campaign_reports_as_text_json_and_pdf_for_the_association(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "campaign", "demo", "--shops", "12", "--db", str(db))
    assert code == 0 and "12 commerces" in out
    code, out, _ = run(capsys, "campaign", "report", "Commerces", "--db", str(db))
    assert code == 0 and "économies potentielles :" in out
    pdf = tmp_path / "bilan.pdf"
    code, out, err = run(capsys, "campaign", "report", "Commerces", "--json", "--audience",
                         "association", "--pdf", str(pdf), "--db", str(db))  # fmt: skip
    report = json.loads(out)
    assert code == 0 and report["audience"] == "association"
    assert err.strip() == f"PDF écrit : {pdf}"
    assert "Version pour l'association" in PdfReader(pdf).pages[0].extract_text()


def test_export_writes_answers_and_plans_in_the_format_of_the_file_extension(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "campaign", "demo", "--shops", "8", "--db", str(db))
    out_csv = tmp_path / "reponses.csv"
    code, _, err = run(capsys, "export", "answers", "--questionnaire", "energie-commerce",
                       "--output", str(out_csv), "--status", "signed", "--db", str(db))  # fmt: skip
    assert code == 0 and err.startswith(f"export écrit : {out_csv} (")
    with out_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:2] == ["_audit", "_questionnaire"]
    assert all(row[rows[0].index("_statut")] == "signed" for row in rows[1:])
    plans = tmp_path / "plans.xlsx"
    code, _, err = run(capsys, "export", "plans", "--output", str(plans), "--campaign",
                       "Commerces", "--db", str(db))  # fmt: skip
    assert code == 0 and plans.stat().st_size > 0 and "action(s)" in err
    code, _, err = run(capsys, "export", "plans", "--output", str(tmp_path / "x.txt"),
                       "--db", str(db))  # fmt: skip
    assert code == 1 and "format inconnu « txt »" in err
