"""Signing on screen freezes the audit and hands over the signed PDF; then a follow-up."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.state.context import AppContext
from app.state.follow_up import FollowUpVM
from app.state.home import audit_screen
from app.state.plan import PlanVM
from app.state.signature import SignatureVM
from audits.store.audit_rows import get_audit
from tests.app.conftest import TODAY, bakery_audit, open_audit, start_app

SCRIBBLE = [(10, 10), (50, 60), (90, 20), (130, 70)]


async def to_signatures(db, device):
    audit_id = bakery_audit(db)
    h = await start_app(db, device)
    await open_audit(h, audit_id)
    await h.click("step-cloture")
    await h.click("next")
    await h.click("complete")
    await h.click("sign")
    return h, audit_id


@pytest.mark.asyncio
async def test_both_sign_and_the_audit_is_frozen(empty_db, device):
    ctx = AppContext(empty_db, today=lambda: TODAY)  # the app's own database
    h, audit_id = await to_signatures(empty_db, device)
    assert h.find("title").value == "Signatures"
    assert h.find("owner_name").value == "Paul Martin"
    await h.click("sign-now")
    assert h.has_text("Il manque le nom du conseiller")
    await h.enter("advisor_name", "Claire Dumas")
    await h.drag("pad-advisor-detector", SCRIBBLE)
    await h.drag("pad-owner-detector", SCRIBBLE[::-1])
    await h.click("sign-now")
    assert h.find("title").value == "Plan d'actions"
    assert h.has_text("Plan signé le 23/11/2026 par Claire Dumas ; Paul Martin")
    assert get_audit(ctx.store, audit_id).status == "signed"
    content = device.delivered[-1][1]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Claire Dumas" in text and "Paul Martin" in text
    await h.click("pdf")
    assert device.delivered[-1][1] == content  # the signed PDF again, unchanged


@pytest.mark.asyncio
async def test_a_follow_up_records_what_was_done(empty_db, device):
    ctx = AppContext(empty_db, today=lambda: TODAY)  # the app's own database
    h, audit_id = await to_signatures(empty_db, device)
    accepted = PlanVM(ctx, audit_id).lines[0].action_id
    PlanVM(ctx, audit_id).accept(accepted)
    await h.enter("advisor_name", "Claire Dumas")
    await h.drag("pad-advisor-detector", SCRIBBLE)
    await h.drag("pad-owner-detector", SCRIBBLE)
    await h.click("sign-now")
    await h.click("follow-up")
    assert h.find("title").value == "Visite de suivi"
    query = "SELECT id FROM audits WHERE follow_up_of = ?"
    (follow_id,) = ctx.store.db.execute(query, [audit_id]).fetchone()
    h.type_into(h.find(f"kwh-{accepted}"), "1 500")
    await h.click(f"done-{accepted}")
    vm = FollowUpVM(ctx, follow_id)
    assert vm.summary.done == 1 and vm.summary.achieved_kwh == 1500
    assert h.has_text("Réalisée")


def test_signature_vm_lists_what_is_missing(ctx):
    audit_id = bakery_audit(ctx.db_path)
    vm = SignatureVM(ctx, audit_id)
    assert vm.owner_name == "Paul Martin"
    assert "la signature du conseiller" in vm.missing
    vm.advisor_name = "Claire"
    vm.strokes["advisor"].append([(1.0, 1.0), (5.0, 5.0), (9.0, 1.0)])
    vm.strokes["owner"].append([(1.0, 1.0), (5.0, 5.0), (9.0, 1.0)])
    assert vm.missing == []
    name, content = vm.sign()
    assert name.endswith(".pdf")
    assert content.startswith(b"%PDF") and ctx.settings.signatures == {}
    signatures = get_audit(ctx.store, audit_id).signatures
    assert signatures is not None and signatures.owner.name == "Paul Martin"
    assert ctx.settings.advisor_name == "Claire"


def test_a_draft_follow_up_reopens_on_its_actions(ctx):
    audit_id = bakery_audit(ctx.db_path)
    vm = SignatureVM(ctx, audit_id)
    vm.advisor_name = "Claire"
    for role in ("advisor", "owner"):
        vm.strokes[role].append([(1.0, 1.0), (5.0, 5.0), (9.0, 1.0)])
    vm.sign()
    follow = PlanVM(ctx, audit_id).start_follow_up()
    assert audit_screen(ctx, follow.id) == "follow_up"
    assert audit_screen(ctx, audit_id) == "plan"
