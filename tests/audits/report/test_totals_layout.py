"""« Totaux par énergie » as printed: parts that add up to the total, a note naming what the
« Hors énergie » row holds, and the table's legend kept with the totals whatever the page fill."""

from __future__ import annotations

import re

import pytest

from audits.report import fmt
from audits.report.render import render_pdf
from audits.report.totals import printed_totals, rows
from tests.audits.report.helpers import pdf_text, report_for


def plain(value: str) -> str:
    return re.sub(r"[\u202f\u00a0]", " ", value)


@pytest.fixture(scope="module")
def restaurant(tmp_path_factory):
    data = report_for("restaurant-energie.yaml")
    path = render_pdf(data, tmp_path_factory.mktemp("totals") / "plan.pdf")
    return data, pdf_text(path)[1]


def test_printed_parts_add_up_to_the_printed_total(restaurant):
    data, text = restaurant
    # electricity 1 445.68 EUR, gas 235.65 EUR, contract and water 1 730 EUR: 3 411.33 EUR
    # computed, but the owner adds up 1 446 + 236 + 1 730 = 3 412 EUR
    assert [row.eur for row in rows(data)] == [1446, 236, 1730]
    assert printed_totals(data).eur == 3412
    table = text[text.index("Totaux par énergie") :]
    assert re.search(r"Électricité .*? 1 446 € .*? Gaz naturel .*? 236 € ", table)
    assert "Hors énergie — — — 1 730 € — Total 9 370,6 kWh 53 000 kWh 18 % 3 412 € 813 kg" in table
    # the summary's key figure is the same total, never the unrounded 3 411 EUR
    assert "3 412 € d'économies par an" in text
    assert "3 411 €" not in text


@pytest.mark.parametrize(
    "name",
    ["boulangerie-energie.yaml", "habillement-energie.yaml", "restaurant-energie.yaml"],
)
def test_every_printed_column_adds_up(name):
    data = report_for(name)
    parts, total = rows(data), printed_totals(data)
    assert total.eur == sum(row.eur for row in parts)
    assert total.kgco2e == sum(row.kgco2e or 0 for row in parts)
    assert total.kwh == pytest.approx(sum(row.kwh or 0.0 for row in parts), abs=1e-6)
    assert abs(total.eur - data.totals.eur) <= len(parts) / 2


def test_the_other_savings_note_names_only_what_is_included(restaurant):
    _, text = restaurant
    assert (
        "Hors énergie, compris dans le total : n° 5 Comparer l'offre de marché avec le tarif "
        "réglementé, ouvert aux TPE (1 650 €) ; n° 14 Poser des mousseurs et réducteurs de débit "
        "sur les robinets et douchettes (80 €)." in text
    )
    assert "(eau, contrat)" not in text


def test_a_contract_saving_alone_is_named_alone(tmp_path):
    _, text = pdf_text(render_pdf(report_for("habillement-energie.yaml"), tmp_path / "p.pdf"))
    assert "Hors énergie, compris dans le total : n° 4 Comparer l'offre de marché" in text
    assert "eau" not in text[text.index("Hors énergie, compris") :].split(".")[0]


def test_a_plan_without_other_savings_has_no_such_row(tmp_path):
    data = report_for("boulangerie-energie.yaml")
    assert [row.label for row in rows(data)] == ["Électricité"]
    _, text = pdf_text(render_pdf(data, tmp_path / "p.pdf"))
    assert "Hors énergie" not in text
    assert plain(fmt.euros(printed_totals(data).eur)) in text


def test_legend_and_totals_never_end_up_alone(tmp_path):
    """Whatever the length of the action table (one line to all of them, so that at some
    length it fills its last page exactly), its legend and the totals share a page with the
    end of the table or with the next section, and no section heading closes a page."""
    data = report_for("boulangerie-energie.yaml").model_copy(update={"funding": []})
    for count in range(1, len(data.actions) + 1):
        shorter = data.model_copy(update={"actions": data.actions[:count]})
        pages, _ = pdf_text(render_pdf(shorter, tmp_path / f"plan-{count}.pdf"))
        pages = [re.sub(r"[\s\u202f\u00a0]+", " ", page) for page in pages]
        (page,) = [page for page in pages if "Totaux par énergie" in page]
        assert "Chaque ligne est chiffrée seule" in page, count
        assert "kWh / an" in page or "Obligations réglementaires" in page, count
        for page in pages:
            if "Obligations réglementaires" in page:
                assert "Ce que dit la règle" in page, count


def test_a_free_scheme_is_not_called_indicative(tmp_path):
    _, text = pdf_text(render_pdf(report_for("boulangerie-energie.yaml"), tmp_path / "p.pdf"))
    assert "Montant : Gratuit En savoir plus" in text
    cee = "Montant : 27 kWh cumac par m² chauffé à l'électricité (zone H3 : × 0,6) (indicatif)"
    assert cee in text
