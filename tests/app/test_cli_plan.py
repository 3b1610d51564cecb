"""``diagterrain plan``: table, JSON and PDF from an answers file; bad answers located."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from pypdf import PdfReader

from app.cli import main
from tests.audits.plan.helpers import EXAMPLES


def test_plan_prints_an_aligned_french_table(capsys):
    assert main(["plan", "--answers", str(EXAMPLES / "boulangerie-energie.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Plan d'actions — energie-commerce@1 — 23 novembre 2026" in out
    assert "Régler le chauffage à 19 °C pendant l'ouverture" in out
    assert "[obligation]" in out and "Total :" in out
    rows = [line for line in out.splitlines() if line[:3].strip().isdigit()]
    assert len(rows) == 15
    assert len({line.index("€") for line in rows if "€" in line[:90]}) >= 1


def test_plan_json_and_pdf(capsys, tmp_path):
    pdf = tmp_path / "plan.pdf"
    args = ["plan", "--answers", str(EXAMPLES / "coiffure-rse.yaml"), "--json", "--pdf", str(pdf)]
    assert main(args) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["questionnaire"] == "rse-dear@1"
    assert plan["lines"][0]["category"] == "obligation"
    assert len(PdfReader(pdf).pages) >= 5


def test_date_option_decides_funding(capsys):
    path = str(EXAMPLES / "boulangerie-energie.yaml")
    assert main(["plan", "--answers", path, "--json", "--date", "2026-01-01"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["on_date"] == "2026-01-01"
    assert main(["plan", "--answers", path, "--date", "23/11/2026"]) == 1
    assert "écrivez-la AAAA-MM-JJ" in capsys.readouterr().err


def test_label_verdicts_are_printed(capsys):
    assert main(["plan", "--answers", str(EXAMPLES / "ceramiste-label.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Label « Qualité d'artisan d'art » : éligible" in out
    assert "Atelier visitable (non rempli)" in out


def test_bad_answers_one_line_each_with_file_and_line(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "questionnaire: energie-commerce@1\nanswers:\n  activite: boulangeri\n"
        "  surface_vente: -4\n  consigne_hivr: 21\n",
        encoding="utf-8",
    )
    assert main(["plan", "--answers", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert err[0].endswith(
        ":3: « activite » : « boulangeri » n'est pas un choix possible"
        + err[0].split("choix possible")[1]
    )
    assert ":4: " in err[1] and ":5: " in err[2] and "consigne_hiver" in err[2]


def test_unknown_questionnaire(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: energie@1\nanswers: {}\n", encoding="utf-8")
    assert main(["plan", "--answers", str(bad)]) == 1
    assert "bad.yaml:1: questionnaire introuvable" in capsys.readouterr().err


def _signed_demo_audit(tmp_path, capsys):
    db = tmp_path / "terrain.db"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    connection = sqlite3.connect(db)
    row = connection.execute(
        "SELECT audits.id, establishments.name FROM audits"
        " JOIN establishments ON establishments.id = audits.establishment_id"
        " WHERE audits.status = 'signed' AND audits.questionnaire_id = 'energie-commerce'"
        " LIMIT 1"
    ).fetchone()
    connection.close()
    return db, row[0], row[1]


def test_plan_of_a_stored_audit_prints_its_table_and_writes_its_pdf(capsys, tmp_path):
    db, audit_id, shop = _signed_demo_audit(tmp_path, capsys)
    pdf = tmp_path / "plan.pdf"
    assert main(["plan", "--db", str(db), "--audit", audit_id, "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Plan d'actions — energie-commerce@1 — ")
    assert "Total :" in out and f"PDF écrit : {pdf}" in out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert shop in text and "page 1 / " in text


def test_plan_of_an_unknown_audit_is_a_one_line_french_error(capsys, tmp_path):
    db, _, _ = _signed_demo_audit(tmp_path, capsys)
    assert main(["plan", "--db", str(db), "--audit", "inconnu"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["diagterrain : audit introuvable : « inconnu »"]


def test_plan_needs_an_answers_file_or_an_audit(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["plan"])
    assert exit_info.value.code == 2
    assert "--answers" in capsys.readouterr().err


def _plain(text: str) -> str:
    return re.sub(r"[\s\u202f\u00a0]+", " ", text)


def _cli_totals(out: str) -> tuple[str, str, str]:
    """kWh, euros and tonnes of CO₂e of the table's « Total » lines, as printed."""
    found = re.search(r"Total : (.+?) kWh/an .*? ([\d ]+) €/an, ([\d,]+) t CO₂e/an", _plain(out))
    assert found, out
    return found.group(1), found.group(2), found.group(3)


@pytest.mark.parametrize(
    "name", ["restaurant-energie.yaml", "boulangerie-energie.yaml", "habillement-energie.yaml"]
)
def test_the_table_totals_are_the_pdf_key_figures(capsys, tmp_path, name):
    """The restaurant's parts print 1 446 € + 236 € + 1 730 €: the table must say 3 412 €
    like the PDF, not the 3 411 € of the unrounded sum."""
    pdf = tmp_path / "plan.pdf"
    assert main(["plan", "--answers", str(EXAMPLES / name), "--pdf", str(pdf)]) == 0
    kwh, eur, tonnes = _cli_totals(capsys.readouterr().out)
    text = _plain("".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert f"{kwh} kWh d'énergie économisés par an" in text
    assert f"{eur} € d'économies par an" in text
    assert f"{tonnes} t CO₂e d'émissions évitées" in text
    assert re.search(rf"Total {re.escape(kwh)} kWh .*? {re.escape(eur)} € ", text)


def test_the_restaurant_table_total_is_the_sum_of_the_printed_parts(capsys):
    assert main(["plan", "--answers", str(EXAMPLES / "restaurant-energie.yaml")]) == 0
    assert _cli_totals(capsys.readouterr().out)[1] == "3 412"


def test_a_small_shop_table_says_it_is_not_concerned_by_the_decret_tertiaire(capsys):
    assert main(["plan", "--answers", str(EXAMPLES / "restaurant-energie.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Obligations réglementaires :" in out
    assert (
        "    - Décret tertiaire : réduction des consommations et déclaration OPERAT :"
        " Non concerné" in out
    )
    assert "    - Température de chauffage limitée à 19 °C : À régulariser" in out
