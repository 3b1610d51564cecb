"""Review (missing answers, scores chart) and plan (decisions, edits, PDF download)."""

from __future__ import annotations

import io

import flet_charts as fch
import pytest
from pypdf import PdfReader

from app.state.context import AppContext
from app.state.plan import PlanVM
from app.state.review import ReviewVM
from tests.app.conftest import TODAY, bakery_audit, open_audit, start_app


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.asyncio
async def test_review_lists_missing_answers_and_blocks_completion(empty_db, device):
    audit_id = bakery_audit(empty_db, answered=False)
    h = await start_app(empty_db, device)
    await open_audit(h, audit_id)
    await h.click("step-cloture")
    await h.click("next")
    assert h.find("title").value == "Revue de l'audit"
    assert h.has_text("Activité principale de l'établissement")
    assert h.find("complete").disabled


@pytest.mark.asyncio
async def test_a_complete_audit_shows_its_scores_then_its_plan(empty_db, device):
    audit_id = bakery_audit(empty_db)
    h = await start_app(empty_db, device)
    await open_audit(h, audit_id)
    await h.click("step-cloture")
    await h.click("next")
    assert h.has_text("Toutes les questions obligatoires ont une réponse.")
    assert any(isinstance(c, fch.BarChart) for c in h.walk())
    assert h.find("overall").value.endswith("%")
    await h.click("complete")
    assert h.find("title").value == "Plan d'actions"
    assert h.has_text("Actions (")


@pytest.mark.asyncio
async def test_plan_decisions_edits_and_custom_lines(empty_db, device):
    ctx = AppContext(empty_db, today=lambda: TODAY)  # the app's own database
    audit_id = bakery_audit(empty_db)
    h = await start_app(empty_db, device)
    await open_audit(h, audit_id)
    await h.click("step-cloture")
    await h.click("next")
    await h.click("complete")
    first = PlanVM(ctx, audit_id).lines[0]
    await h.click(f"accept-{first.action_id}")
    assert PlanVM(ctx, audit_id).line(first.action_id).status.value == "accepted"
    await h.click(f"edit-{first.action_id}")
    await h.enter("line-cost", "beaucoup")
    await h.enter("line-owner", "Paul Martin")
    await h.enter("line-deadline", "31/03/2027")
    await h.click("line-save")
    assert h.find("line-cost").error == "Saisissez un nombre, par exemple 12,5"
    await h.enter("line-cost", "1 500")
    await h.click("line-save")
    edited = PlanVM(ctx, audit_id).line(first.action_id)
    assert edited.figures.cost == 1500 and edited.owner == "Paul Martin"
    assert h.has_text("Responsable : Paul Martin · Échéance : 31/03/2027")
    await h.click("add-line")
    await h.enter("line-title", "Régler le thermostat du fournil")
    await h.enter("line-cost", "0")
    await h.click("line-save")
    assert h.has_text("Régler le thermostat du fournil")


@pytest.mark.asyncio
async def test_the_pdf_is_handed_over(empty_db, device):
    audit_id = bakery_audit(empty_db)
    h = await start_app(empty_db, device)
    await open_audit(h, audit_id)
    await h.click("step-cloture")
    await h.click("next")
    await h.click("complete")
    await h.click("pdf")
    (name, content, mime) = device.delivered[-1]
    assert name == "plan-actions-boulangerie-martin-2026-11-23.pdf" and mime == "application/pdf"
    text = pdf_text(content)
    assert "Boulangerie Martin" in text and "Plan d'actions" in text


def test_view_models_without_a_page(ctx):
    audit_id = bakery_audit(ctx.db_path)
    review = ReviewVM(ctx, audit_id)
    assert review.missing == [] and review.can_complete and review.themes
    review.complete()
    assert review.audit.status == "completed"
    review.reopen()
    assert review.audit.status == "draft"
    plan = PlanVM(ctx, audit_id)
    totals = dict(plan.totals())
    assert totals["Économies / an"].endswith("€")
    assert plan.save_form(None, {"title": ""}) is False and "title" in plan.errors
    line = plan.lines[0]
    assert plan.figures_of(line)
    plan.reject(line.action_id)
    assert plan.line(line.action_id).status.value == "rejected"
    plan.reopen(line.action_id)
    assert plan.line(line.action_id).status.value == "proposed"
