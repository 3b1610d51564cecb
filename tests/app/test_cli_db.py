from __future__ import annotations

import json
from pathlib import Path

import pytest
from stdnum.fr import siret

from app.cli import main
from audits.store import open_store
from audits.store.establishments import find_by_siret
from audits.store.migrations import LATEST_VERSION
from audits.store.search import list_establishments


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.db"
    code, out, _ = run(capsys, "demo", "--db", str(path))
    assert code == 0, out
    return path


def first_siret(path: Path) -> str:
    with open_store(path) as store:
        return list_establishments(store, limit=1)[0].siret


def test_db_init_creates_the_database_and_imports_the_shipped_questionnaires(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sub" / "device.db"
    code, out, _ = run(capsys, "db", "init", "--db", str(path))
    assert code == 0
    assert path.is_file()
    assert f"base prête : {path} (schéma v{LATEST_VERSION}" in out
    assert "rse-dear@1 : importé" in out
    code, out, _ = run(capsys, "db", "init", "--db", str(path))
    assert (code, "rse-dear@1 : déjà à jour" in out) == (0, True)


def test_db_info_summarises_the_database(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "db", "info", "--db", str(demo_db))
    assert code == 0
    assert f"schéma : v{LATEST_VERSION} (dernière version : v{LATEST_VERSION})" in out
    assert "établissements : 10" in out
    assert "modifications à synchroniser :" in out


def test_commands_on_a_missing_database_fail_with_one_french_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "absent.db"
    for command in (("info",), ("export", "--siret", "73282932000074")):
        code, _, err = run(capsys, "db", *command, "--db", str(missing))
        assert code == 1
        assert err.startswith(f"diagterrain : base introuvable : {missing} (créez-la avec")
        assert err.count("\n") == 1
    assert not missing.exists()


def test_db_export_writes_everything_about_one_establishment_as_json(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = first_siret(demo_db)
    code, out, _ = run(capsys, "db", "export", "--db", str(demo_db), "--siret", number)
    assert code == 0
    [exported] = json.loads(out)["establishments"]
    assert exported["establishment"]["siret"] == number
    target = tmp_path / "export.json"
    code, _, err = run(capsys, "db", "export", "--db", str(demo_db), "--siret", number,
                       "--output", str(target))  # fmt: skip
    assert (code, json.loads(target.read_text())["establishments"][0] == exported) == (0, True)
    assert "export écrit" in err


def test_db_export_of_an_unknown_siret_is_a_french_error(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "db", "export", "--db", str(demo_db), "--siret", "73282932000074")
    assert code == 1
    assert err == "diagterrain : établissement de SIRET introuvable : « 73282932000074 »\n"


def test_db_erase_needs_confirmation_then_erases(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = first_siret(demo_db)
    code, _, err = run(capsys, "db", "erase", "--db", str(demo_db), "--siret", number)
    assert (code, "relancez avec --yes" in err) == (1, True)
    code, out, _ = run(capsys, "db", "erase", "--db", str(demo_db), "--siret", number, "--yes")
    assert (code, "effacé" in out) == (0, True)
    with open_store(demo_db) as store:
        assert find_by_siret(store, number) == []


def test_demo_fills_a_street_of_shops_with_valid_sirets_and_audits(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(demo_db) as store:
        shops = list_establishments(store)
        audits = store.db.execute("SELECT status FROM audits").fetchall()
    assert len(shops) == 10
    assert all(siret.is_valid(shop.siret) for shop in shops)
    assert {shop.commune for shop in shops} == {"Apt"}
    assert any("Boulangerie" in shop.name for shop in shops)
    assert len(audits) >= 10
    assert ("signed",) in audits


def test_demo_refuses_a_database_that_already_has_establishments(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "demo", "--db", str(demo_db))
    assert code == 1
    assert "contient déjà des établissements" in err
