"""Establishments: search, the form with its checks under each field, card and history."""

from __future__ import annotations

import pytest

from app.state.establishments import EstablishmentFormVM, EstablishmentVM, SearchVM
from tests.app.conftest import start_app

SIRET = "732 829 320 00074"


async def open_list(h):
    await h.click("new-audit")


@pytest.mark.asyncio
async def test_search_filters_as_the_advisor_types(demo_db, device):
    h = await start_app(demo_db, device)
    await open_list(h)
    assert len(h.find("results").controls[0].controls) == 10
    await h.enter("search", "fromag")
    assert h.has_text("Fromagerie Les Alpages") and not h.has_text("Fleurs de Provence")
    await h.enter("search", "zzz")
    assert h.has_text("Aucun établissement ne correspond à « zzz ».")


@pytest.mark.asyncio
async def test_a_wrong_siret_is_flagged_under_its_field_as_typed(empty_db, device):
    h = await start_app(empty_db, device)
    await open_list(h)
    await h.click("new-establishment")
    await h.enter("field-siret", "732 829 320 00075", "blur")
    assert h.find("field-siret").error == "La clé de contrôle ne correspond pas, vérifiez la saisie"
    await h.enter("field-siret", SIRET, "blur")
    assert h.find("field-siret").error is None
    await h.click("save")
    assert h.find("field-name").error == "Indiquez le nom de l'établissement"
    assert h.find("form-message").value == "Corrigez les champs signalés en rouge."


@pytest.mark.asyncio
async def test_creating_an_establishment_opens_its_card(empty_db, device):
    h = await start_app(empty_db, device)
    await open_list(h)
    await h.click("new-establishment")
    for key, value in (("siret", SIRET), ("name", "Boulangerie Martin"), ("commune", "Apt"),
                       ("surface_m2", "85,5"), ("staff", "3")):  # fmt: skip
        await h.enter(f"field-{key}", value, "blur")
    await h.click("save")
    assert h.find("title").value == "Établissement"
    assert h.has_text("Boulangerie Martin") and h.has_text("85,5 m²")
    assert h.has_text("Aucun audit pour cet établissement.")
    await h.click("edit-establishment")
    assert h.find("field-name").value == "Boulangerie Martin"
    await h.enter("field-name", "Boulangerie Martin & fils", "blur")
    await h.click("save")
    assert h.has_text("Boulangerie Martin & fils")


@pytest.mark.asyncio
async def test_the_card_lists_the_audits_and_starts_one(demo_db, device, ctx):
    search = SearchVM(ctx)
    search.search("atelier")
    (atelier,) = search.results
    h = await start_app(demo_db, device)
    await open_list(h)
    await h.enter("search", "atelier")
    await h.click(f"establishment-{atelier.siret}")
    assert h.has_text("Diagnostic RSE de l'entreprise artisanale (DEAR)")
    assert h.has_text("Coiffure") or h.has_text("coiffure")
    await h.click("start-audit")
    assert h.find("title").value == "Nouvel audit"
    await h.click("label-artisanat@1")
    assert h.find("title").value == "Audit de labellisation artisanale"


def test_view_models_without_a_page(ctx):
    search = SearchVM(ctx)
    search.search("apt")
    assert len(search.results) == 10
    form = EstablishmentFormVM(ctx)
    form.set("siret", "123")
    assert "siret" not in form.errors  # not judged before 14 digits
    form.set("siret", "12345678901234")
    assert form.errors["siret"].startswith("La clé")
    card = EstablishmentVM(ctx, search.results[0].id)
    assert card.audits and ("SIRET", search.results[0].siret) in card.facts()
    assert EstablishmentVM.status_label("signed") == "Signé"
