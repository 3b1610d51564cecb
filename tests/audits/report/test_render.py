"""The plan PDF read back: sections, French formatting, totals, page numbers, determinism."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from audits.report import fmt
from audits.report.render import render_pdf
from tests.audits.report.helpers import pdf_text, report_for


@pytest.fixture(scope="module")
def bakery(tmp_path_factory):
    data = report_for("boulangerie-energie.yaml")
    path = render_pdf(data, tmp_path_factory.mktemp("pdf") / "plan.pdf")
    return data, path


def test_every_section_is_present_in_french(bakery):
    _, path = bakery
    _, text = pdf_text(path)
    for heading in [
        "Plan d'actions de sobriété énergétique",
        "Boulangerie du Cours",
        "Synthèse",
        "Résultats par thème",
        "Constats par thème",
        "Plan d'actions",
        "Obligations réglementaires",
        "Signatures",
        "Le chef d'entreprise",
        "Annexe : aides et financements",
        "Comment en bénéficier",
        "estimation indicative",
        "indicatif",
        "23 novembre 2026",
        "Claire Martin",
    ]:
        assert heading in text, heading


def test_pages_are_numbered_x_of_y(bakery):
    _, path = bakery
    pages, _ = pdf_text(path)
    total = len(pages)
    assert 6 <= total <= 12
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {total}" in page


def test_totals_printed_with_french_formatting(bakery):
    data, path = bakery
    _, text = pdf_text(path)

    def norm(value: str) -> str:
        return re.sub(r"[\u202f\u00a0]", " ", value)

    assert norm(fmt.kwh(data.totals.kwh)) in text
    assert norm(fmt.euros(data.totals.eur)) in text
    assert norm(fmt.tonnes_co2(data.totals.kgco2e)) in text
    assert "1 935,4 kWh" in text  # LED spots: decimal comma, thin space thousands
    assert "4 000 €" in text


def test_french_formats():
    assert fmt.kwh(1234.5).replace("\u202f", " ").replace("\u00a0", " ") == "1 234,5 kWh"
    assert fmt.euros(12345).replace("\u202f", " ").replace("\u00a0", " ") == "12 345 €"
    import datetime as dt

    assert fmt.long_date(dt.date(2026, 11, 23)) == "23 novembre 2026"


def test_output_is_deterministic(bakery, tmp_path):
    data, path = bakery
    again = render_pdf(data, tmp_path / "again.pdf")
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("name", ["coiffure-rse.yaml", "ceramiste-label.yaml"])
def test_rse_and_label_plans_render(name, tmp_path):
    path = render_pdf(report_for(name), tmp_path / "plan.pdf")
    _, text = pdf_text(path)
    assert "Plan d'actions" in text
    if name.startswith("ceramiste"):
        assert "Éligibilité aux labels" in text and "Non éligible à ce jour" in text
    else:
        assert "Document unique" in text and "À régulariser" in text


def test_photos_are_embedded(tmp_path):
    from PIL import Image

    photo = tmp_path / "porte.jpg"
    Image.new("RGB", (1600, 1200), (200, 120, 40)).save(photo, quality=80)
    data = report_for("boulangerie-energie.yaml")
    themes = [
        t.model_copy(
            update={"findings": [f.model_copy(update={"photos": [photo]}) for f in t.findings]}
        )
        for t in data.findings
    ]
    path = render_pdf(data.model_copy(update={"findings": themes}), tmp_path / "photos.pdf")
    images = sum(len(page.images) for page in PdfReader(path).pages)
    assert images >= 2  # logo + photos


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) absent")
def test_pages_turn_into_png(bakery, tmp_path):
    _, path = bakery
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(PdfReader(path).pages)
