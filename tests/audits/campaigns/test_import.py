from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from audits.campaigns.columns import map_columns, normalised
from audits.campaigns.importer import CampaignImportError, import_list
from audits.campaigns.overview import find_campaign, progress_of
from audits.errors import DiagError
from audits.store import Store, open_store
from audits.store.audit_rows import get_audit
from audits.store.campaigns import campaign_members, create_campaign
from audits.store.establishments import create_establishment, find_by_siret
from audits.store.questionnaires import import_questionnaire
from tests.campaign_demo import energy_questionnaire

SIRETS = ("73282932000074", "35600000000048", "44306184100047")
HEADER = "Raison sociale;N° SIRET;Adresse;Code postal;Commune;Activité / NAF;Conseiller;Date prévue"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "device.db")
    import_questionnaire(opened, energy_questionnaire())
    yield opened
    opened.close()


@pytest.fixture
def campaign(store: Store) -> str:
    return create_campaign(store, "Rue des Marchands", "energie-commerce", commune="Apt")


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_french_headers_are_recognised_whatever_their_accents_case_and_punctuation() -> None:
    columns = map_columns(["Raison sociale", "N° SIRET", "CP", "Ville", "Courriel", "Couleur"])
    assert columns.fields == {"name": 0, "siret": 1, "postcode": 2, "commune": 3,
                              "contact_email": 4}  # fmt: skip
    assert columns.ignored == ["Couleur"]
    assert normalised("Surface (m²)") == "surface m2"


def test_a_french_excel_csv_enrols_every_shop_and_plans_the_dated_visits(
    store: Store, campaign: str, tmp_path: Path
) -> None:
    spaced = f"{SIRETS[1][:3]} {SIRETS[1][3:6]} {SIRETS[1][6:9]} {SIRETS[1][9:]}"
    bakery_row = f"Boulangerie Rivière;{SIRETS[0]};4 rue des Marchands;84400;Apt;10.71C"
    lines = [
        HEADER,
        f"{bakery_row};Claire Martin;05/12/2026",
        f"Coiffure Léa;{spaced};;84400;Apt;coiffure;;",
    ]
    path = write_csv(tmp_path / "liste.csv", lines, encoding="cp1252")
    result = import_list(store, campaign, path)
    assert (result.rows, result.created, result.enrolled, result.planned) == (2, 2, 2, 1)
    bakery = find_by_siret(store, SIRETS[0])[0]
    assert bakery.name == "Boulangerie Rivière" and bakery.naf == "10.71C"
    assert find_by_siret(store, SIRETS[1])[0].activity == "coiffure"
    assert set(campaign_members(store, campaign)) == {
        bakery.id,
        find_by_siret(store, SIRETS[1])[0].id,
    }
    visit_id = store.db.execute(
        "SELECT id FROM audits WHERE establishment_id = ?", [bakery.id]
    ).fetchone()[0]
    visit = get_audit(store, visit_id)
    assert (visit.planned_on, visit.advisor, visit.campaign_id) == (
        "2026-12-05",
        "Claire Martin",
        campaign,
    )
    assert progress_of(store, campaign).planned == 1


def test_a_list_with_mistakes_reports_every_problem_with_its_row_number_and_writes_nothing(
    store: Store, campaign: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "liste.csv", [
        HEADER,
        f"Boulangerie Rivière;{SIRETS[0]};;84400;Apt;;;",
        "Épicerie;123;;8440;Apt;;;31/02/2026",
        "",
        f";{SIRETS[0]};;;;;;",
    ])  # fmt: skip
    with pytest.raises(CampaignImportError) as raised:
        import_list(store, campaign, path)
    assert raised.value.problems == [
        "ligne 3 : SIRET « 123 » invalide : il doit compter 14 chiffres",
        "ligne 3 : code postal « 8440 » invalide : cinq chiffres attendus",
        "ligne 3 : date prévue « 31/02/2026 » invalide : attendu JJ/MM/AAAA",
        "ligne 5 : nom manquant",
        f"ligne 5 : SIRET {SIRETS[0]} déjà présent ligne 2",
    ]
    assert "rien n'a été importé" in str(raised.value)
    assert store.db.execute("SELECT count(*) FROM establishments").fetchone()[0] == 0


def test_a_list_without_a_siret_column_is_refused_naming_the_columns_it_has(
    store: Store, campaign: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "liste.csv", ["Nom;Ville", "Boulangerie;Apt"])
    with pytest.raises(CampaignImportError) as raised:
        import_list(store, campaign, path)
    assert raised.value.problems == [
        "ligne 1 : colonne(s) obligatoire(s) absente(s) : « siret » (lues : « Nom », « Ville »)"
    ]


def test_an_xlsx_with_numeric_sirets_postcodes_and_excel_dates_is_read_as_typed(
    store: Store, campaign: str, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Liste des adhérents 2026"])
    sheet.append([])
    sheet.append(["Nom", "SIRET", "Code postal", "Surface (m²)", "Effectif", "Date de visite"])
    sheet.append(
        ["Pharmacie du Cours", 4430618410004.7e1, 4400, "85,5", 3, dt.datetime(2026, 12, 1)]
    )
    sheet.append(["Café", int(SIRETS[0]), 84400, None, None, None])
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    with pytest.raises(CampaignImportError) as raised:
        import_list(store, campaign, path)
    assert raised.value.problems[0].startswith("ligne 1 : colonne(s) obligatoire(s) absente(s)")
    sheet.delete_rows(1, 2)
    workbook.save(path)
    result = import_list(store, campaign, path)
    assert result.created == 2
    pharmacy = find_by_siret(store, SIRETS[2])[0]
    assert (pharmacy.postcode, pharmacy.surface_m2, pharmacy.staff) == ("04400", 85.5, 3)
    assert result.planned == 1


def test_importing_the_same_list_again_enrols_nobody_twice_and_keeps_known_records(
    store: Store, campaign: str, tmp_path: Path
) -> None:
    create_establishment(store, {"siret": SIRETS[0], "name": "Nom déjà saisi"})
    path = write_csv(
        tmp_path / "liste.csv", [HEADER, f"Autre nom;{SIRETS[0]};;;;;Claire;01/12/2026"]
    )
    first = import_list(store, campaign, path)
    second = import_list(store, campaign, path)
    assert (first.known, first.enrolled, first.planned) == (1, 1, 1)
    assert (second.known, second.already_enrolled, second.planned) == (1, 1, 0)
    assert find_by_siret(store, SIRETS[0])[0].name == "Nom déjà saisi"
    assert len(campaign_members(store, campaign)) == 1


def test_unsupported_files_and_unknown_campaigns_are_french_errors(
    store: Store, campaign: str, tmp_path: Path
) -> None:
    old = tmp_path / "liste.xls"
    old.write_bytes(b"\xd0\xcf")
    with pytest.raises(DiagError, match=r"ancien format Excel \(\.xls\)"):
        import_list(store, campaign, old)
    with pytest.raises(DiagError, match="campagne introuvable"):
        find_campaign(store, "Inconnue")
    assert find_campaign(store, "rue des").id == campaign
