"""A whole visit in a real browser, offline, at desktop size and at phone size (390×844):
establishment, energy audit with skip logic and a photo, review, plan, PDF download checked
with pypdf, signatures. On the phone every step also checks that nothing overflows the width."""

from __future__ import annotations

import io
import random
import re
import time
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from audits.store.demo import demo_png
from tests.e2e.conftest import AppPage, sync_api

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Shop:
    """The shop each run creates (the two runs share one database, so they differ)."""

    siret: str
    name: str
    owner: str

    @property
    def slug(self) -> str:
        return self.name.lower().replace(" ", "-")


MARTIN = Shop("732 829 320 00074", "Boulangerie Martin", "Paul Martin")
MOREL = Shop("732 829 320 00082", "Boulangerie Morel", "Lucie Morel")


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "facade.png"
    path.write_bytes(demo_png(random.Random(7), 640, 480))
    return path


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def create_establishment(app: AppPage, shop: Shop) -> None:
    app.tap(app.button("Nouvel audit"))
    app.expect_text("Choisissez l'établissement visité, ou créez-le.")
    app.tap(app.button("Nouvel établissement"))
    app.fill("field-siret", "732 829 320 00075")
    app.expect_text("La clé de contrôle ne correspond pas, vérifiez la saisie")
    app.shot("siret-refused")
    app.fill("field-siret", shop.siret)
    app.fill("field-name", shop.name)
    app.fill("field-commune", "Apt")
    app.fill("field-contact_name", shop.owner, leave=False)  # saved with the form anyway
    app.tap(app.button("Enregistrer"))
    app.expect_text("Démarrer un audit")
    app.shot("establishment")


def answer_profile(app: AppPage) -> None:
    app.tap(app.button("Démarrer un audit"))
    app.tap(app.ident("questionnaire-energy"))
    app.expect_text("Profil de l'établissement")
    app.choose("field-activite", "Boulangerie, pâtisserie")
    app.expect_text(re.compile(r"^1 / \d+ réponses"))  # saved before the layout moves on
    for identifier, text in (
        ("field-surface_vente", "60"),
        ("field-surface_totale", "140,5"),
        ("field-heure_ouverture", "6h30"),
        ("field-heure_fermeture", "19:30"),
        ("field-jours_ouverture", "6"),
    ):
        app.fill(identifier, text)
    app.tap(app.page.get_by_role("radio", name=re.compile("^H3")))
    app.expect_text(re.compile(r"^7 / \d+ réponses"))
    app.shot("profile")


def answer_energy_with_skip_logic(app: AppPage) -> float:
    start = time.monotonic()
    app.tap(app.button("Suivant"))
    app.expect_text("Contrat et factures")
    next_section = time.monotonic() - start
    app.expect_on_screen(app.page.get_by_text("Contrat et factures", exact=True))  # at its top
    app.expect_scrolled_to(
        app.page.get_by_role("checkbox", name=re.compile("^Contrat et factures"))
    )
    gas = app.page.locator("[flt-semantics-identifier='q-conso_gaz_kwh']")
    sync_api.expect(gas).to_have_count(0)
    app.tap(app.page.get_by_role("checkbox", name="Électricité"))
    app.tap(app.page.get_by_role("checkbox", name="Gaz naturel (réseau)"))
    sync_api.expect(gas).to_be_visible()  # skip logic: the gas questions appear at once
    app.shot("skip-logic-gas-shown")
    app.tap(app.page.get_by_role("checkbox", name="Gaz naturel (réseau)"))
    sync_api.expect(gas).to_have_count(0)
    app.fill("field-conso_electricite_kwh", "52 000", leave=False)  # « Suivant » saves it
    return next_section


def attach_photo(app: AppPage, photo) -> None:
    app.tap(app.page.get_by_role("checkbox", name=re.compile("^Vitrine, enseigne")))
    sync_api.expect(app.ident("q-photo_facade")).to_be_visible()
    with app.page.expect_file_chooser() as chooser:
        app.tap(app.button("Choisir une photo"))
    chooser.value.set_files(str(photo))
    step = app.page.get_by_role("checkbox", name="Vitrine, enseigne et écrans · 1/4")
    sync_api.expect(step).to_be_visible(timeout=15_000)  # the photo is the question's answer
    thumbnail = app.page.get_by_role("img", name="Photo jointe")
    for _ in range(8):  # down to the façade question, for the screenshot
        if thumbnail.count() and 0 < thumbnail.first.bounding_box()["y"] < 600:
            break
        app.page.mouse.move(195, 400)
        app.page.mouse.wheel(0, 250)
        app.settle()
    app.shot("photo-attached")


def heating_and_review(app: AppPage) -> None:
    app.tap(app.page.get_by_role("checkbox", name=re.compile("^Chauffage et climatisation")))
    app.choose("field-systeme_chauffage", re.compile("^Convecteurs"))
    app.fill("field-consigne_hiver", "21")
    app.tap(app.page.get_by_role("radio", name="Souvent ou en permanence"))
    done = app.page.get_by_role("checkbox", name=re.compile(r"^Chauffage et climatisation · 3\/"))
    sync_api.expect(done).to_be_visible()
    app.tap(app.page.get_by_role("checkbox", name=re.compile("^Clôture de la visite")))
    app.tap(app.button("Revue de l'audit"))
    app.expect_text("Toutes les questions obligatoires ont une réponse.")
    app.page.mouse.move(640, 500)
    app.page.mouse.wheel(0, 600)  # the chart sits below the fold
    sync_api.expect(app.ident("score-chart")).to_be_visible()
    app.shot("review")


def plan_and_pdf(app: AppPage, shop: Shop, tmp_path) -> None:
    app.tap(app.button("Terminer et voir le plan"))
    app.expect_text(re.compile(r"^Actions \(\d+\)"))
    app.tap(app.button("Accepter"))
    sync_api.expect(app.button("Remettre en proposition")).to_be_visible()  # it was accepted
    app.shot("plan")
    with app.page.expect_download() as download:
        app.tap(app.button("Générer le PDF"))
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith(f"plan-actions-{shop.slug}-")
    text = pdf_text(path)
    assert shop.name in text and "Plan d'actions" in text
    assert "Diagnostic de sobriété énergétique du commerce" in text
    pictures = sum(len(page.images) for page in PdfReader(path).pages)
    assert pictures >= 2, "the cover logo and the façade photo"


def sign(app: AppPage, shop: Shop, tmp_path) -> None:
    app.tap(app.button("Faire signer"))
    app.expect_text("Signature du chef d'entreprise")
    app.fill("advisor_name", "Claire Dumas")
    scribble = [(30, 40), (80, 100), (140, 50), (200, 110), (260, 60)]
    app.draw("pad-advisor", scribble)
    app.draw("pad-owner", scribble[::-1])
    app.shot("signatures")
    with app.page.expect_download() as download:
        app.tap(app.button("Signer et figer l'audit"))
    path = tmp_path / f"signed-{download.value.suggested_filename}"
    download.value.save_as(path)
    app.expect_text(re.compile(f"^Plan signé le .* par Claire Dumas ; {shop.owner}"))
    app.shot("signed")
    text = pdf_text(path)
    assert "Claire Dumas" in text and shop.owner in text


def whole_visit(app: AppPage, shop: Shop, tmp_path, photo) -> float:
    """The advisor's visit from home to the signed plan; returns « Suivant »'s time."""
    create_establishment(app, shop)
    answer_profile(app)
    next_section = answer_energy_with_skip_logic(app)
    attach_photo(app, photo)
    heating_and_review(app)
    plan_and_pdf(app, shop, tmp_path)
    sign(app, shop, tmp_path)
    return next_section


def test_a_whole_visit_at_desktop_size(app_url, browser, shots_dir, tmp_path, photo):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    app = AppPage(context.new_page(), shots_dir, "desktop")
    app.open(app_url)  # the first load may wait for the demo street to be filled
    first_screen = app.open(app_url)  # what an advisor opening the app sees
    app.shot("home")
    next_section = whole_visit(app, MARTIN, tmp_path, photo)
    context.close()
    print(f"\nnavigation -> first screen: {first_screen:.2f} s (target < 2 s)")
    print(f"« Suivant » -> next section shown: {next_section * 1000:.0f} ms")
    print(f"screenshots: {shots_dir}")
    assert all("rive" in url for url in app.external), app.external


def test_a_whole_visit_at_phone_size(app_url, browser, shots_dir, tmp_path, photo):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True
    )
    app = AppPage(context.new_page(), shots_dir, "phone", fits_width=PHONE["width"])
    app.open(app_url)
    app.shot("home")
    whole_visit(app, MOREL, tmp_path, photo)
    app.tap(app.page.get_by_role("tab", name="Établissements"))  # the bottom navigation bar
    app.expect_text("Les commerces et ateliers suivis sur cet appareil.")
    app.shot("establishments")
    context.close()
