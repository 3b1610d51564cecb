"""A PDF worded for its kind of audit: CCI or CMA, energy columns only when there are savings,
the label audit's decision, and every advisor's note, themed or not (read back with pypdf)."""

from __future__ import annotations

import pytest

from audits.report.render import render_pdf
from tests.audits.report.helpers import pdf_text, report_for

CCI = "Chambre de commerce et d'industrie"
CMA = "Chambre de métiers et de l'artisanat"


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    """Whole text of each example's PDF, rendered once for the module."""
    folder = tmp_path_factory.mktemp("kinds")
    names = ["ceramiste-label", "confiseur-label", "habillement-energie", "coiffure-rse"]
    return {
        name: pdf_text(render_pdf(report_for(f"{name}.yaml"), folder / f"{name}.pdf"))[1]
        for name in names
    }


@pytest.mark.parametrize(
    ("name", "chamber"),
    [("ceramiste-label", CMA), ("coiffure-rse", CMA), ("habillement-energie", CCI)],
)
def test_the_chamber_defaults_by_kind_of_audit(texts, name, chamber):
    other = CCI if chamber == CMA else CMA
    assert chamber in texts[name] and other not in texts[name]


def test_a_configured_chamber_wins(tmp_path):
    data = report_for("ceramiste-label.yaml", chamber="CMA de Vaucluse")
    _, text = pdf_text(render_pdf(data, tmp_path / "plan.pdf"))
    assert "Chambre CMA de Vaucluse" in text and CMA not in text


@pytest.mark.parametrize("name", ["ceramiste-label", "confiseur-label"])
def test_a_label_plan_prints_no_energy_column_nor_footnote(texts, name):
    text = texts[name]
    for energy_word in ["kWh / an", "€ / an", "Retour", "Économie / an", "CEE", "Totaux par"]:
        assert energy_word not in text, energy_word
    assert "audit énergétique réglementaire" not in text
    assert "Coûts en euros HT" in text and "Effort" in text
    assert "ne préjuge pas de la décision du jury" in text


def test_an_energy_plan_keeps_its_columns_and_its_disclaimer(texts):
    text = texts["habillement-energie"]
    assert "kWh / an" in text and "Retour" in text and "Totaux par énergie" in text
    assert "ne constituent pas un audit énergétique réglementaire" in text


def test_the_rse_plan_is_not_called_an_energy_audit(texts):
    assert "audit énergétique réglementaire" not in texts["coiffure-rse"]


def test_the_label_decision_is_printed(texts):
    text = texts["ceramiste-label"]
    assert "Avis du conseiller" in text
    assert "Avis : Favorable avec réserves" in text
    assert (
        "Labels et titres proposés : Route des Arts et Gourmandises, Qualité d'artisan d'art, "
        "Entreprise du patrimoine vivant" in text
    )
    assert (
        "Points à lever avant candidature : Rendre l'atelier visitable ; un deuxième critère de "
        "savoir-faire rare pour l'EPV." in text
    )


def test_the_summary_names_what_each_label_lacks(texts):
    assert (
        "Route des Arts et Gourmandises — métiers d'art : non éligible à ce jour — à remplir : "
        "Atelier visitable" in texts["ceramiste-label"]
    )


@pytest.mark.parametrize(
    ("name", "note"),
    [
        # ensemble_1000 sits in the establishment's section, which has no theme
        ("habillement-energie", "Galerie marchande de 6 500 m² : le gestionnaire ne déclare pas"),
        # a label audit has no themes at all
        ("ceramiste-label", "L'atelier est au fond du jardin, sans accès balisé"),
        ("confiseur-label", "Amandes, œufs : aucun affichage écrit des allergènes"),
        ("confiseur-label", "Attestations URSSAF et de régularité fiscale à fournir"),
    ],
)
def test_advisor_notes_are_printed_outside_scored_themes(texts, name, note):
    assert f"Note du conseiller : {note}" in texts[name]


def test_the_coup_de_pouce_is_not_in_the_clothing_shop_annex(texts):
    text = texts["habillement-energie"]
    assert "Prime CEE : pompe à chaleur air/air" in text
    assert "Coup de pouce" not in text
