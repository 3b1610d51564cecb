"""An owner's GDPR request from the establishment's card: a copy of their data, or erasure
behind a confirmation that says what goes and what stays."""

from __future__ import annotations

import json

import pytest

from app.state.establishments import EstablishmentVM
from app.state.signature import SignatureVM
from audits.store.audit_rows import get_audit
from audits.store.establishments import find_by_siret
from audits.store.photos import has_photo
from tests.app.conftest import BAKERY_SIRET, bakery_audit, start_app

STROKES = {"advisor": [(1.0, 1.0), (5.0, 5.0), (9.0, 1.0)], "owner": [(2.0, 9.0), (8.0, 2.0)]}


async def open_card(h, siret: str = BAKERY_SIRET) -> None:  # type: ignore[no-untyped-def]
    h.find("back")
    rail = next(c for c in h.walk() if type(c).__name__ == "NavigationRail")
    h.type_into(rail, 1, "selected_index")
    await h.fire(rail, "change")
    await h.click(f"establishment-{siret}")


def signed_bakery(ctx) -> str:  # type: ignore[no-untyped-def]
    audit_id = bakery_audit(ctx.db_path)
    vm = SignatureVM(ctx, audit_id)
    vm.advisor_name = "Claire Dumas"
    for role, stroke in STROKES.items():
        vm.strokes[role].append([*stroke, (20.0, 20.0)])
    vm.sign()
    return audit_id


@pytest.mark.asyncio
async def test_the_card_exports_everything_held_about_the_establishment(device, ctx):
    audit_id = signed_bakery(ctx)
    h = await start_app(ctx.db_path, device)
    await open_card(h)
    await h.click("export-personal-data")
    name, content, mime = device.delivered[-1]
    exported = json.loads(content)
    assert name == "donnees-personnelles-boulangerie-martin-2026-11-23.json"
    assert mime == "application/json"
    assert exported["establishment"]["contact_name"] == "Paul Martin"
    assert exported["audits"][0]["id"] == audit_id
    assert exported["audits"][0]["signatures"]["owner"]["name"] == "Paul Martin"
    assert len(exported["photos"]) == 2  # both signature pictures


@pytest.mark.asyncio
async def test_erasing_says_what_goes_and_what_stays_then_erases(device, ctx):
    audit_id = signed_bakery(ctx)
    signatures = get_audit(ctx.store, audit_id).signatures
    assert signatures is not None
    h = await start_app(ctx.db_path, device)
    await open_card(h)
    await h.click("erase-personal-data")
    assert h.has_text("la fiche de « Boulangerie Martin » (nom, SIRET, adresse, contact")
    assert h.has_text("photos, signatures")
    assert h.has_text("Sont gardés, sans nom ni coordonnées")
    assert h.has_text("L'effacement est définitif")
    await h.click("erase-dialog-confirm")
    assert h.find("title").value == "Établissements"
    assert h.has_text("Données personnelles effacées : ")
    assert find_by_siret(ctx.store, BAKERY_SIRET) == []
    assert not any(has_photo(ctx.store, sha256) for sha256 in signatures.hashes)
    assert h.find("erase-dialog").open is False
    with pytest.raises(LookupError):
        h.find(f"establishment-{BAKERY_SIRET}")  # no longer listed


@pytest.mark.asyncio
async def test_cancelling_the_erasure_keeps_everything(device, ctx):
    bakery_audit(ctx.db_path)
    h = await start_app(ctx.db_path, device)
    await open_card(h)
    await h.click("erase-personal-data")
    await h.click("erase-dialog-cancel")
    assert h.find("title").value == "Établissement"
    assert [e.name for e in find_by_siret(ctx.store, BAKERY_SIRET)] == ["Boulangerie Martin"]


def test_the_erasure_text_counts_the_audits(ctx):
    audit_id = bakery_audit(ctx.db_path)
    vm = EstablishmentVM(ctx, get_audit(ctx.store, audit_id).establishment_id)
    assert "pour ses 1 audit(s)" in vm.erase_text()[0]
    assert vm.erase().startswith("Données personnelles effacées")
