"""A signed plan is revised from its screen: the signed version stays, a draft copy opens;
and a plan signed before the audit row kept its signatures still prints them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.state.plan import PlanVM
from app.state.signature import SignatureVM
from audits.store.audit_rows import get_audit
from audits.store.audits import complete_audit, latest_revision, sign_audit
from audits.store.photos import add_photo
from tests.app.conftest import bakery_audit, open_audit, png, start_app

STROKES = {
    "advisor": [(1.0, 1.0), (5.0, 5.0), (9.0, 1.0)],
    "owner": [(2.0, 9.0), (8.0, 2.0), (12.0, 9.0)],
}


def signed_audit(ctx) -> str:  # type: ignore[no-untyped-def]
    audit_id = bakery_audit(ctx.db_path)
    vm = SignatureVM(ctx, audit_id)
    vm.advisor_name = "Claire Dumas"
    for role, stroke in STROKES.items():
        vm.strokes[role].append(stroke)
    vm.sign()
    return audit_id


def signature_images(content: bytes) -> int:
    reader = PdfReader(io.BytesIO(content))
    pages = [page for page in reader.pages if "Le chef" in page.extract_text()]
    return sum(len(page.images) for page in pages)


@pytest.mark.asyncio
async def test_revising_asks_first_then_opens_a_draft_revision_in_the_wizard(device, ctx):
    audit_id = signed_audit(ctx)
    h = await start_app(ctx.db_path, device)
    await open_audit(h, audit_id)
    assert h.find("title").value == "Plan d'actions"
    await h.click("revise")
    assert h.has_text("reste telle qu'elle a été remise à l'entreprise")
    assert h.has_text("Une nouvelle révision est créée en brouillon")
    await h.click("revise-dialog-confirm")
    revision = latest_revision(ctx.store, audit_id)
    assert revision is not None and revision.status == "draft"
    assert h.find("title").value == PlanVM(ctx, revision.id).questionnaire.title  # the wizard
    assert h.is_shown("section-title")
    assert get_audit(ctx.store, audit_id).status == "signed"
    await h.click("back")
    assert h.find("title").value == "Plan d'actions"
    await h.click("open-revision")
    assert latest_revision(ctx.store, audit_id) == revision  # opened, not made again


@pytest.mark.asyncio
async def test_cancelling_the_revision_changes_nothing(device, ctx):
    audit_id = signed_audit(ctx)
    h = await start_app(ctx.db_path, device)
    await open_audit(h, audit_id)
    await h.click("revise")
    await h.click("revise-dialog-cancel")
    assert latest_revision(ctx.store, audit_id) is None
    assert h.find("title").value == "Plan d'actions"


def test_a_plan_signed_before_the_row_recorded_signatures_prints_them_from_the_settings(ctx):
    audit_id = bakery_audit(ctx.db_path)
    complete_audit(ctx.store, audit_id)
    sign_audit(ctx.store, audit_id, signed_by="Claire Dumas ; Paul Martin")
    advisor, owner = (
        add_photo(ctx.store, png(1), "image/png"),
        add_photo(ctx.store, png(2), "image/png"),
    )
    ctx.settings.signatures[audit_id] = {
        "advisor": advisor,
        "owner": owner,
        "owner_name": "Paul Martin",
    }
    vm = PlanVM(ctx, audit_id)
    assert vm.signatures() is not None and vm.signatures().owner == owner
    _, content = vm.pdf()
    assert signature_images(content) == 2


def test_the_audit_row_wins_over_an_old_settings_entry(ctx):
    audit_id = signed_audit(ctx)
    ctx.settings.signatures[audit_id] = {"advisor": "0" * 64, "owner": "1" * 64}
    files = PlanVM(ctx, audit_id).signatures()
    assert files is not None and files.owner_name == "Paul Martin" and files.owner != "1" * 64
    assert signature_images(PlanVM(ctx, audit_id).pdf()[1]) == 2
