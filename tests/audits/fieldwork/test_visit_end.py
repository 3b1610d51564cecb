"""End of a visit: the PDF, the signatures that freeze the audit, the follow-up, the export."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from audits.answers import answered
from audits.errors import DiagError
from audits.fieldwork.dashboard import (
    campaign_lines,
    open_conflicts,
    pending_changes,
    refresh_device_state,
    resolve_conflict,
)
from audits.fieldwork.establishment_form import field_errors, form_values
from audits.fieldwork.export import export_zip
from audits.fieldwork.follow_up import (
    follow_up_summary,
    followed_lines,
    mark_done,
    mark_not_done,
    start_follow_up,
)
from audits.fieldwork.report import (
    Identity,
    SignatureFiles,
    report_file_name,
    report_pdf,
    signature_files,
    visit_report,
)
from audits.fieldwork.signature import has_signature, sign_visit, signature_png
from audits.fieldwork.visit_plan import accept_line, current_plan
from audits.store.answers import save_answer
from audits.store.audit_rows import get_audit
from audits.store.demo import demo_png
from audits.store.errors import AuditFrozenError
from audits.store.migrations import SYNCED_TABLES
from audits.store.photos import add_photo

STROKES = [[(10.0, 10.0), (60.0, 80.0), (120.0, 20.0)]]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_visit_pdf_has_the_plan_notes_and_photos(store, answered_audit, reference):
    import random

    photo = add_photo(store, demo_png(random.Random(2), 320, 240), "image/png")
    save_answer(store, answered_audit.id, "photo_facade", answered([photo]))
    identity = Identity(advisor="Claire Dumas", chamber="CCI de Vaucluse")
    data = visit_report(store, answered_audit.id, reference, identity)
    assert data.actions and data.audit.advisor == "Claire Dumas"
    assert any(f.photos for theme in data.findings for f in theme.findings)
    text = pdf_text(report_pdf(data))
    assert "Boulangerie Martin" in text and "Plan d'actions" in text
    assert report_file_name(data).startswith("plan-actions-boulangerie-martin-")


def test_signing_freezes_the_audit_and_prints_both_signatures(store, answered_audit, reference):
    png = signature_png(STROKES, 320, 150)
    assert has_signature(STROKES) and not has_signature([[(1.0, 1.0)]])
    signed = sign_visit(
        store, answered_audit.id, png, png, advisor_name="Claire Dumas", owner_name="Paul Martin"
    )
    assert signed.audit.status == "signed"
    assert signed.audit.signed_by == "Claire Dumas ; Paul Martin"
    with pytest.raises(AuditFrozenError):
        save_answer(store, answered_audit.id, "effectif", answered(9))
    files = SignatureFiles(signed.advisor_signature, signed.owner_signature, "Paul Martin")
    data = visit_report(store, answered_audit.id, reference, Identity(), files)
    assert data.signatures.advisor is not None and data.signatures.owner_name == "Paul Martin"
    assert "Paul Martin" in pdf_text(report_pdf(data))


def test_the_signed_audit_records_its_signers_and_prints_them_without_the_settings(
    store, answered_audit, reference
):
    advisor, owner = signature_png(STROKES, 320, 150), signature_png(STROKES[::-1], 320, 150)
    signed = sign_visit(
        store, answered_audit.id, advisor, owner, advisor_name="Claire Dumas", owner_name="Paul"
    )
    recorded = get_audit(store, answered_audit.id).signatures
    assert recorded is not None and recorded.owner.sha256 == signed.owner_signature
    assert signature_files(signed.audit) == SignatureFiles(
        signed.advisor_signature, signed.owner_signature, "Paul", "Claire Dumas"
    )
    data = visit_report(store, answered_audit.id, reference, Identity(advisor="Autre Conseiller"))
    assert data.audit.advisor == "Claire Dumas"  # who signed, not this device's advisor
    assert data.signatures.advisor is not None and data.signatures.owner is not None
    reader = PdfReader(io.BytesIO(report_pdf(data)))
    assert sum(len(page.images) for page in reader.pages) == 2


def test_signing_needs_both_names(store, answered_audit):
    png = signature_png(STROKES, 320, 150)
    with pytest.raises(DiagError, match="nom du conseiller"):
        sign_visit(store, answered_audit.id, png, png, advisor_name=" ", owner_name="Paul")


def test_a_follow_up_carries_the_accepted_actions_and_records_savings(
    store, answered_audit, reference
):
    plan = current_plan(store, answered_audit.id, reference)
    kept = plan.lines[0].action_id
    accept_line(store, answered_audit.id, kept)
    png = signature_png(STROKES, 320, 150)
    sign_visit(store, answered_audit.id, png, png, advisor_name="C", owner_name="P")
    follow = start_follow_up(store, answered_audit.id, dt.date(2027, 5, 1))
    assert follow.follow_up_of == answered_audit.id and follow.status == "draft"
    lines = followed_lines(store, follow.id)
    assert [line.action_id for line in lines] == [kept]
    done = mark_done(store, follow.id, kept, reference, dt.date(2027, 5, 1), kwh=1500)
    assert done.follow_up is not None and done.follow_up.eur and done.follow_up.eur > 0
    summary = follow_up_summary(followed_lines(store, follow.id))
    assert summary.done == 1 and summary.achieved_kwh == 1500
    assert current_plan(store, follow.id, reference).line(kept).follow_up is not None
    mark_not_done(store, follow.id, kept)
    assert followed_lines(store, follow.id)[0].follow_up is None
    assert get_audit(store, answered_audit.id).status == "signed"


def test_a_draft_cannot_be_followed_up(store, audit):
    with pytest.raises(DiagError, match="terminez"):
        start_follow_up(store, audit.id, dt.date(2027, 1, 1))


def test_home_figures_and_conflicts(store, answered_audit):
    assert pending_changes(store)["réponses"] > 30
    assert campaign_lines(store) == []
    store.db.execute(
        "INSERT INTO conflicts (table_name, row_id, kept_rev, lost_rev, lost_data, detected_at)"
        " VALUES ('answers', 'x', 'b', 'a', ?, '2026-11-23T10:00:00Z')",
        [json.dumps({"question_id": "surface_vente"})],
    )
    conflicts = open_conflicts(store)
    assert conflicts[0].what == "réponses : surface_vente"
    resolve_conflict(store, conflicts[0].id)
    assert open_conflicts(store) == []


def test_a_connection_follows_a_login_and_a_pull_made_elsewhere(store, audit):
    """Another connection logged in and pulled a rev from a clock ahead of ours."""
    pulled = "9999999999999-0000-server"
    store.db.execute("UPDATE sync_state SET user_id = 'u1', org_id = 'cci84'")
    store.db.execute("UPDATE establishments SET rev = ?", [pulled])
    refresh_device_state(store, SYNCED_TABLES)
    assert (store.user_id, store.org_id) == ("u1", "cci84")
    assert store.clock.tick() > pulled


def test_export_zips_one_json_per_establishment(store, answered_audit):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(store)))
    names = archive.namelist()
    assert "LISEZMOI.txt" in names and "etablissements/73282932000074.json" in names
    content = json.loads(archive.read("etablissements/73282932000074.json"))
    assert content["establishment"]["name"] == "Boulangerie Martin"


def test_establishment_form_errors_by_field():
    errors = field_errors(
        {"siret": "732 829 320 00075", "name": "", "postcode": "84", "staff": "2,5"}
    )
    assert set(errors) == {"siret", "name", "postcode", "staff"}
    assert "clé de contrôle" in errors["siret"]
    assert field_errors({"siret": "73282932000074", "name": "A", "surface_m2": "1 200,5"}) == {}
    assert form_values({"surface_m2": "1 200,5", "name": "A"})["surface_m2"] == 1200.5
