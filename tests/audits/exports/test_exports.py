from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from audits.answers import answered, not_applicable
from audits.exports import export_answers, export_json
from audits.exports.columns import META_COLUMNS
from audits.loader import load_questionnaire
from audits.questionnaire import Questionnaire
from audits.store import Store, open_store
from audits.store.answers import save_answer
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.questionnaires import import_questionnaire
from tests.conftest import FIXTURES

META = len(META_COLUMNS)


def boutique_v1() -> Questionnaire:
    return load_questionnaire(FIXTURES / "store" / "boutique.yaml")


def boutique_v2() -> Questionnaire:
    """Version 2 inserts a question at the top, drops « effectif » and adds a multi."""
    data: dict[str, Any] = boutique_v1().model_dump(mode="json", exclude_none=True)
    data["version"] = 2
    profile = data["sections"][0]["questions"]
    profile.insert(0, {"id": "enseigne_led", "type": "bool", "label": "Enseigne à LED ?"})
    data["sections"][0]["questions"] = [q for q in profile if q["id"] != "effectif"]
    data["sections"][2]["questions"].append({
        "id": "equipements", "type": "multi", "label": "Équipements",
        "choices": [{"code": "four", "label": "Four"}, {"code": "vitrine", "label": "Vitrine"}],
    })  # fmt: skip
    return Questionnaire.model_validate(data)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "device.db")
    import_questionnaire(opened, boutique_v1())
    yield opened
    opened.close()


def audit(store: Store, ref: str, siret: str, answers: dict[str, Any]) -> str:
    shop = create_establishment(store, {"siret": siret, "name": f"Boutique {siret[-4:]}"})
    audit_id = create_audit(store, shop.id, ref).id
    for question_id, answer in answers.items():
        save_answer(store, audit_id, question_id, answer)
    return audit_id


def read_csv(path: Path, delimiter: str = ";") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


V1_ANSWERS = {
    "activite": answered("boulangerie"),
    "surface": answered(82.5),
    "effectif": answered(3),
    "a_vitrine": answered(True),
    "nb_vitrines": answered(2),
    "surface_reserve": not_applicable(),
    "observations": answered("Four à changer ; « urgent »"),
}


def test_a_new_questionnaire_version_only_appends_columns(store: Store, tmp_path: Path) -> None:
    audit(store, "boutique@1", "73282932000074", V1_ANSWERS)
    export_answers(store, "boutique", tmp_path / "before.csv", "csv")
    before = read_csv(tmp_path / "before.csv")[0]
    import_questionnaire(store, boutique_v2())
    export_answers(store, "boutique", tmp_path / "after.csv", "csv")
    after = read_csv(tmp_path / "after.csv")[0]
    assert after[: len(before)] == before
    assert after[len(before) :] == ["enseigne_led", "equipements"]
    assert before[:META] == [name for name, _ in META_COLUMNS]
    assert before[META:] == ["activite", "surface", "surface_reserve", "effectif", "a_vitrine",
                             "nb_vitrines", "photo_facade", "visite_le", "observations",
                             "signature"]  # fmt: skip


def test_audits_of_both_versions_land_in_the_same_columns_in_csv(
    store: Store, tmp_path: Path
) -> None:
    first = audit(store, "boutique@1", "73282932000074", V1_ANSWERS)
    import_questionnaire(store, boutique_v2())
    second = audit(store, "boutique@2", "35600000000048", {
        "enseigne_led": answered(False), "activite": answered("coiffure"),
        "surface": answered(40), "equipements": answered(["four", "vitrine"]),
    })  # fmt: skip
    count = export_answers(store, "boutique", tmp_path / "all.csv", "csv")
    header, *rows = read_csv(tmp_path / "all.csv")
    assert count == 2
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    v1, v2 = by_id[first], by_id[second]
    assert (v1["_version"], v1["activite"], v1["surface"], v1["effectif"]) == (
        "1",
        "boulangerie",
        "82,5",
        "3",
    )
    assert (v1["a_vitrine"], v1["surface_reserve"], v1["enseigne_led"]) == ("oui", "sans_objet", "")
    assert v1["observations"] == "Four à changer ; « urgent »"
    assert (v2["_version"], v2["enseigne_led"], v2["equipements"], v2["effectif"]) == (
        "2",
        "non",
        "four vitrine",
        "",
    )
    assert (v2["_siret"], v2["_statut"]) == ("35600000000048", "draft")


def test_the_xlsx_export_keeps_numbers_typed_and_describes_every_column(
    store: Store, tmp_path: Path
) -> None:
    audit_id = audit(store, "boutique@1", "73282932000074", V1_ANSWERS)
    import_questionnaire(store, boutique_v2())
    export_answers(store, "boutique", tmp_path / "all.xlsx", "xlsx")
    export_answers(store, "boutique", tmp_path / "all.csv", "csv", dialect="standard")
    workbook = load_workbook(tmp_path / "all.xlsx", read_only=True)
    rows = list(workbook["reponses"].iter_rows(values_only=True))
    described = {row[0]: row for row in workbook["dictionnaire"].iter_rows(values_only=True)}
    workbook.close()
    csv_rows = read_csv(tmp_path / "all.csv", delimiter=",")
    assert list(rows[0]) == csv_rows[0]
    padded = rows[1] + (None,) * (len(rows[0]) - len(rows[1]))  # trailing empties dropped
    row = dict(zip(rows[0], padded, strict=True))
    assert row["_audit"] == audit_id
    assert (row["surface"], row["effectif"], row["a_vitrine"]) == (82.5, 3, "oui")
    assert row["equipements"] is None
    assert csv_rows[1][rows[0].index("surface")] == "82.5"
    assert described["effectif"][1:] == ("Salariés", "entier", None, "1")
    assert described["activite"][4] == "1, 2"
    assert described["equipements"][2].startswith("choix multiple")


def test_the_json_export_holds_values_statuses_and_notes_keyed_by_question(
    store: Store, tmp_path: Path
) -> None:
    audit_id = audit(store, "boutique@1", "73282932000074", V1_ANSWERS)
    count = export_json(store, tmp_path / "all.json", questionnaire_id="boutique")
    content = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert count == 1 and content["format"] == "diagterrain-export"
    exported = content["audits"][0]
    assert exported["audit"]["_audit"] == audit_id
    assert exported["answers"]["surface"] == {"value": 82.5, "status": "answered", "note": None,
                                              "photos": []}  # fmt: skip
    assert exported["answers"]["surface_reserve"]["status"] == "not_applicable"
    assert exported["plan"] == []


def test_an_unknown_questionnaire_is_a_french_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="questionnaire « inconnu » absent de la base"):
        export_answers(store, "inconnu", tmp_path / "x.csv", "csv")
