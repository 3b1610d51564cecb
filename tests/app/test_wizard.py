"""The audit wizard: live skip logic, French input, messages under fields, N/A, notes,
photos, every answer saved at once, reopening where the advisor was."""

from __future__ import annotations

import pytest

from app.state.context import AppContext
from app.state.wizard import WizardVM
from app.views.device import PickedFile
from audits.answers import AnswerStatus
from audits.store.answers import answer_details, answers_of
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from tests.app.conftest import TODAY, png, start_app

PROFILE = {
    "field-surface_vente": "80,5",
    "field-surface_totale": "120",
    "field-heure_ouverture": "7h30",
    "field-heure_fermeture": "19:30",
    "field-jours_ouverture": "6",
}


async def new_energy_audit(db, device):
    """The app on the wizard of a fresh energy audit of a new bakery."""
    h = await start_app(db, device)
    await h.click("new-audit")
    await h.click("new-establishment")
    await h.enter("field-siret", "73282932000074")
    await h.enter("field-name", "Boulangerie Martin")
    await h.click("save")
    await h.click("start-audit")
    await h.click("energie-commerce@1")
    return h


def stored(db):
    ctx = AppContext(db)
    audit_id = ctx.store.db.execute("SELECT id FROM audits").fetchone()[0]
    return ctx.store, audit_id


@pytest.mark.asyncio
async def test_answers_are_saved_at_once_and_progress_follows(empty_db, device):
    h = await new_energy_audit(empty_db, device)
    assert h.find("section-title").value == "Profil de l'établissement"
    assert h.find("progress").value.startswith("0 / ")
    await h.select("field-activite", "boulangerie")
    for key, text in PROFILE.items():
        await h.enter(key, text, "blur")
    store, audit_id = stored(empty_db)
    values = {qid: a.value for qid, a in answers_of(store, audit_id).items()}
    assert values["surface_vente"] == 80.5 and values["heure_ouverture"] == "07:30"
    assert values["activite"] == "boulangerie"
    assert h.find("progress").value.startswith("6 / ")


@pytest.mark.asyncio
async def test_a_typed_value_is_checked_when_the_advisor_leaves_the_field(empty_db, device):
    h = await new_energy_audit(empty_db, device)
    await h.enter("field-surface_totale", "12a", "blur")
    assert h.find("error-surface_totale").value == "Saisissez un nombre, par exemple 12,5"
    await h.enter("field-surface_totale", "-4", "blur")
    assert "minimum" in h.find("error-surface_totale").value
    await h.enter("field-surface_totale", "120", "submit")
    assert not h.find("error-surface_totale").visible


@pytest.mark.asyncio
async def test_skip_logic_shows_questions_as_answers_make_them_relevant(empty_db, device):
    h = await new_energy_audit(empty_db, device)
    await h.click("next")
    assert h.find("section-title").value == "Contrat et factures"
    with pytest.raises(LookupError):  # a hidden question's card is not even built
        h.find("card-conso_gaz_kwh")
    await h.select("field-energies-gaz", True)
    assert h.is_shown("card-conso_gaz_kwh")
    shown = [c.identifier for c in h.find("questions").controls]
    order = [shown.index(f"q-{q}") for q in ("energies", "conso_gaz_kwh", "conso_totale_kwh")]
    assert order == sorted(order)  # inserted in its place, not at the end
    await h.select("field-energies-gaz", False)
    assert not h.is_shown("card-conso_gaz_kwh")


@pytest.mark.asyncio
async def test_not_applicable_blocks_the_field_and_a_note_needs_an_answer(empty_db, device):
    h = await new_energy_audit(empty_db, device)
    await h.click("note-button-effectif")
    await h.enter("note-effectif", "gérant seul", "blur")
    assert h.find("error-effectif").value.startswith("Répondez d'abord")
    await h.fire(h.find("not_applicable-effectif"), "select", True)
    assert h.find("not_applicable-effectif").selected and h.find("field-effectif").disabled
    await h.enter("note-effectif", "gérant seul", "blur")
    store, audit_id = stored(empty_db)
    row = next(r for r in answer_details(store, audit_id) if r["question_id"] == "effectif")
    assert row["status"] == "not_applicable" and row["note"] == "gérant seul"
    await h.fire(h.find("not_applicable-effectif"), "select", False)
    assert not h.find("field-effectif").disabled


@pytest.mark.asyncio
async def test_photos_attach_to_their_question(empty_db, device):
    h = await new_energy_audit(empty_db, device)
    await h.click("step-vitrine_enseigne")
    device.to_pick = [PickedFile("facade.png", png(3)), PickedFile("notes.txt", b"hello")]
    await h.click("field-photo_facade")
    assert len(h.find("photos-photo_facade").controls) == 1
    assert h.find("error-photo_facade").value.startswith("Format non pris en charge")
    device.to_pick = [PickedFile("enseigne.jpg", png(4))]
    await h.click("photo-enseigne_lumineuse")  # not answered yet
    assert h.find("error-enseigne_lumineuse").value.startswith("Répondez d'abord")


@pytest.mark.asyncio
async def test_the_wizard_reopens_on_the_section_left(empty_db, device):
    h = await new_energy_audit(empty_db, device)
    await h.click("next")
    await h.click("next")
    title = h.find("section-title").value
    _, audit_id = stored(empty_db)
    reopened = WizardVM(AppContext(empty_db, today=lambda: TODAY), audit_id)
    assert reopened.section_model.title == title == "Éclairage intérieur"
    again = await start_app(empty_db, device)
    await again.click("new-audit")
    await again.click("establishment-73282932000074")
    await again.click(f"audit-{audit_id}")
    assert again.find("section-title").value == "Éclairage intérieur"


@pytest.mark.asyncio
async def test_the_last_section_leads_to_the_review(empty_db, device):
    h = await new_energy_audit(empty_db, device)
    await h.click("step-cloture")
    assert h.find("next").content == "Revue de l'audit"
    await h.click("next")
    assert h.find("title").value == "Revue de l'audit"


def test_wizard_vm_without_a_page(ctx):
    store = ctx.store
    shop = create_establishment(store, {"siret": "73282932000074", "name": "Test"})
    audit = create_audit(store, shop.id, "energie-commerce")
    vm = WizardVM(ctx, audit.id)
    vm.toggle_choice("energies", "gaz", True)
    vm.toggle_choice("energies", "electricite", True)
    assert vm.value("energies") == ["electricite", "gaz"]
    vm.set_status("surface_vente", AnswerStatus.UNKNOWN)
    assert vm.status("surface_vente") is AnswerStatus.UNKNOWN
    vm.set_status("surface_vente", AnswerStatus.UNKNOWN)  # again: withdrawn
    assert vm.status("surface_vente") is None
    assert vm.add_signature("surface_vente", [[(1.0, 1.0)]]) is False
    assert vm.computed("commerce_alimentaire") == "Non"
    assert vm.next() and vm.index == 1
    vm.previous()
    assert vm.index == 0 and vm.previous_section is None


@pytest.mark.asyncio
async def test_a_move_sends_the_top_of_the_section_first_then_the_cards_below(empty_db, device):
    from app.views.wizard import FIRST_CARDS

    h = await new_energy_audit(empty_db, device)
    await h.click("next")
    back_to_profile = h.find("step-profil").on_click()  # the chip's handler, step by step
    await anext(back_to_profile)  # Flet sends this much before resuming the handler
    assert h.find("section-title").value == "Profil de l'établissement"
    assert len(h.find("questions").controls) == FIRST_CARDS
    with pytest.raises(StopAsyncIteration):
        await anext(back_to_profile)
    assert len(h.find("questions").controls) > FIRST_CARDS
    assert h.is_shown("card-semaines_fermeture")  # the tenth card is there too
