"""A plan signed on one device is printed again, signed, on another: the audit row carries
who signed with which picture, the pictures travel as attachments (real server, two devices)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app import config
from audits.answers_file import load_answers_file
from audits.catalog import load_catalog
from audits.fieldwork.report import Identity, report_pdf, visit_report
from audits.fieldwork.signature import sign_visit, signature_png
from audits.reference import load_reference
from audits.store import Store
from audits.store.answers import save_answer
from audits.store.audit_rows import get_audit
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.personal_data import erase_establishment
from audits.store.questionnaires import import_catalog, stored_questionnaire
from sync.runner import SyncReport, push_outbox, send_photos
from tests.sync.devices import SIRET, client_of, new_device, sync

ADVISOR_STROKES = [[(10.0, 10.0), (60.0, 80.0), (120.0, 20.0)]]
OWNER_STROKES = [[(20.0, 90.0), (90.0, 15.0), (150.0, 70.0), (200.0, 30.0)]]


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)


def field_device(path, account, catalog) -> Store:  # type: ignore[no-untyped-def]
    store = new_device(path, account)
    import_catalog(store, catalog)
    return store


def signed_bakery(store: Store, catalog) -> str:  # type: ignore[no-untyped-def]
    """The example bakery's energy audit, answered and signed by Claire Dumas and Paul Martin."""
    shop = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    audit_id = answered_bakery(store, catalog, shop.id)
    sign(store, audit_id)
    return audit_id


def answered_bakery(store: Store, catalog, shop_id: str) -> str:  # type: ignore[no-untyped-def]
    """The example bakery's energy audit of the shop, answered, not signed yet."""
    audit = create_audit(store, shop_id, "energie-commerce")
    example = config.QUESTIONNAIRES_DIR / "exemples" / "boulangerie-energie.yaml"
    _, answers = load_answers_file(example, catalog.get)
    for question in stored_questionnaire(store, audit.questionnaire_ref).questions():
        if question.id in answers.answers:
            save_answer(store, audit.id, question.id, answers.answers[question.id])
    return audit.id


def sign(
    store: Store, audit_id: str, advisor: str = "Claire Dumas", owner: str = "Paul Martin"
) -> list[str]:
    """Both signatures drawn and stored, the audit signed: returns the two pictures' hashes."""
    signed = sign_visit(
        store,
        audit_id,
        signature_png(ADVISOR_STROKES, 320, 150),
        signature_png(OWNER_STROKES, 320, 150),
        advisor_name=advisor,
        owner_name=owner,
    )
    return [signed.advisor_signature, signed.owner_signature]


def pdf_of(content: bytes) -> tuple[str, int]:
    """The PDF's text, and how many pictures its signatures page holds."""
    reader = PdfReader(io.BytesIO(content))
    texts = [page.extract_text() for page in reader.pages]
    signing = [page for page, text in zip(reader.pages, texts, strict=True) if "Le chef" in text]
    return "\n".join(texts), sum(len(page.images) for page in signing)


def test_another_device_pulls_the_signed_audit_and_prints_both_signatures(
    tmp_path, sqlite_server, catalog
):
    first_account = sqlite_server.account("advisor")
    second_account = sqlite_server.account("advisor", org_id=first_account.org_id)
    with (
        field_device(tmp_path / "a.db", first_account, catalog) as first,
        field_device(tmp_path / "b.db", second_account, catalog) as second,
    ):
        audit_id = signed_bakery(first, catalog)
        signed = get_audit(first, audit_id).signatures
        sync(first)
        report = sync(second)
        pulled = get_audit(second, audit_id)
        data = visit_report(
            second, audit_id, load_reference(config.REFERENCE_DIR), Identity(advisor="Luc Roux")
        )
        text, images = pdf_of(report_pdf(data))
    assert report.signatures_fetched == 2
    assert signed is not None and pulled.signatures == signed
    assert pulled.status == "signed"
    assert "Claire Dumas" in text and "Paul Martin" in text and "Luc Roux" not in text
    assert images == 2


def test_a_signed_audit_is_complete_on_the_server_only_with_both_signature_pictures(
    tmp_path, server, catalog
):
    account = server.account("advisor")
    with field_device(tmp_path / "a.db", account, catalog) as store:
        audit_id = signed_bakery(store, catalog)
        signed = get_audit(store, audit_id).signatures
        assert signed is not None
        client, report = client_of(store), SyncReport()
        push_outbox(store, client, report, lambda progress: None)  # rows before the pictures
        before = account.get(f"/audits/{audit_id}/completeness").json()
        send_photos(store, client, report, lambda progress: None)
        after = account.get(f"/audits/{audit_id}/completeness").json()
    assert not before["complete"] and set(before["missing_photos"]) == set(signed.hashes)
    assert after["complete"] and after["photos"] == 2


def test_erasing_a_signed_establishment_reaches_the_server_and_the_other_devices(
    tmp_path, sqlite_server, catalog
):
    first_account = sqlite_server.account("advisor")
    second_account = sqlite_server.account("advisor", org_id=first_account.org_id)
    with (
        field_device(tmp_path / "a.db", first_account, catalog) as first,
        field_device(tmp_path / "b.db", second_account, catalog) as second,
    ):
        audit_id = signed_bakery(first, catalog)
        sync(first)
        sync(second)
        erase_establishment(first, get_audit(first, audit_id).establishment_id)
        report = sync(first)
        sync(second)
        left = [
            store.db.execute(
                "SELECT deleted, signed_by, signatures FROM audits WHERE id = ?", [audit_id]
            ).fetchone()
            for store in (first, second)
        ]
        answers_left = second.db.execute(
            "SELECT count(*) FROM answers WHERE deleted = 0 OR value IS NOT NULL"
        ).fetchone()
    assert report.conflicts == 0  # a signed audit is frozen, but erasure is the law
    assert left == [(1, None, None), (1, None, None)]
    assert answers_left == (0,)
