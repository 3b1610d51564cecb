"""The « Obligations réglementaires » table: a small shop is « Non concerné » by the décret
tertiaire, never told « Pas d'écart constaté » about a rule that does not apply to it."""

from __future__ import annotations

import re

from audits.report.render import render_pdf
from tests.audits.report.helpers import pdf_text, report_for

DECREE = "Décret tertiaire : réduction des consommations et déclaration OPERAT"
SANCTION_END = "jusqu'à 7 500 € pour une personne morale"


def decree_finding(text: str) -> str:
    """The « Constat » cell of the décret tertiaire's row: the words after its sanction."""
    row = text[text.index(DECREE) :]
    found = re.match(
        r"(À régulariser|Pas d'écart constaté|Non vérifié|Non concerné)",
        row[row.index(SANCTION_END) + len(SANCTION_END) :].strip(),
    )
    assert found, row[:600]
    return found.group(1)


def test_a_restaurant_of_140_m2_is_not_concerned_by_the_decret_tertiaire(tmp_path):
    data = report_for("restaurant-energie.yaml")
    _, text = pdf_text(render_pdf(data, tmp_path / "plan.pdf"))
    assert decree_finding(text) == "Non concerné"
    statuses = [row.status for row in data.obligations]
    assert statuses[-1] == "Non concerné"  # listed after every finding about applicable rules


def test_a_shop_in_a_6500_m2_gallery_that_does_not_declare_must_regularise(tmp_path):
    _, text = pdf_text(render_pdf(report_for("habillement-energie.yaml"), tmp_path / "p.pdf"))
    assert decree_finding(text) == "À régulariser"
