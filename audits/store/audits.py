"""Audits (visits): draft -> completed -> signed, pinned to one questionnaire version.

A signed audit is what the merchant was handed: it is frozen, and any later change goes to
a new revision (a new audit row whose ``revision_of`` names the signed one, answers and plan
copied). Completing needs every visible required question answered, checked here and not
only in the UI, because the CLI and sync write too.
"""

from __future__ import annotations

from datetime import date

from audits.errors import Message
from audits.evaluation import missing_required
from audits.store import rows
from audits.store.actions import copy_actions
from audits.store.answers import answers_of, copy_answers
from audits.store.audit_rows import Audit, editable_audit, get_audit
from audits.store.db import Store
from audits.store.errors import STATUS_NAMES, IncompleteAuditError, StoreError
from audits.store.establishments import get_establishment
from audits.store.questionnaires import resolve_ref, stored_questionnaire
from audits.store.signatures import (
    AuditSignatures,
    Signers,
    check_signature_files,
    signatures_json,
)


def create_audit(
    store: Store,
    establishment_id: str,
    questionnaire_ref: str,
    *,
    planned_on: date | None = None,
    campaign_id: str | None = None,
    follow_up_of: str | None = None,
    advisor: str | None = None,
) -> Audit:
    """Start a draft audit pinned to a stored questionnaire version (bare ID: the latest)."""
    get_establishment(store, establishment_id)
    questionnaire = stored_questionnaire(store, resolve_ref(store, questionnaire_ref))
    if follow_up_of is not None:
        get_audit(store, follow_up_of)
    values = {
        "establishment_id": establishment_id,
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "campaign_id": campaign_id,
        "advisor": advisor or store.user_id,
        "status": "draft",
        "planned_on": planned_on.isoformat() if planned_on else None,
        "started_at": store.timestamp(),
        "follow_up_of": follow_up_of,
    }
    with store.db.atomic():
        row_id = rows.insert(store, "audits", values)
    return get_audit(store, row_id)


def complete_audit(store: Store, audit_id: str) -> Audit:
    """draft -> completed, once no visible required question is left unanswered."""
    with store.db.atomic():
        audit = editable_audit(store, audit_id)
        _check_complete(store, audit)
        values = {"status": "completed", "completed_at": store.timestamp()}
        rows.update(store, "audits", audit_id, values)
    return get_audit(store, audit_id)


def reopen_audit(store: Store, audit_id: str) -> Audit:
    """completed -> draft, to go on editing before signing."""
    with store.db.atomic():
        editable_audit(store, audit_id)
        rows.update(store, "audits", audit_id, {"status": "draft", "completed_at": None})
    return get_audit(store, audit_id)


def sign_audit(
    store: Store, audit_id: str, signed_by: str | None = None, signers: Signers | None = None
) -> Audit:
    """completed -> signed: from now on the audit is frozen.

    ``signers`` (names and stored signature pictures) go on the row in the same
    transaction, so every device that pulls the signed audit can print it again.
    """
    with store.db.atomic():
        audit = editable_audit(store, audit_id)
        if audit.status != "completed":
            status = STATUS_NAMES[audit.status]
            raise StoreError(Message.AUDIT_NOT_COMPLETED.format(status=status))
        _check_complete(store, audit)
        signed_at = store.timestamp()
        named = signers.signed_by if signers else None
        values = {
            "status": "signed",
            "signed_at": signed_at,
            "signed_by": signed_by or named or store.user_id,
        }
        if signers is not None:
            check_signature_files(store, signers)
            record = AuditSignatures(**signers.model_dump(), signed_at=signed_at)
            values["signatures"] = signatures_json(record)
        rows.update(store, "audits", audit_id, values)
    return get_audit(store, audit_id)


def _check_complete(store: Store, audit: Audit) -> None:
    questionnaire = stored_questionnaire(store, audit.questionnaire_ref)
    missing = missing_required(questionnaire, answers_of(store, audit.id))
    if missing:
        raise IncompleteAuditError(missing)


def revise_audit(store: Store, audit_id: str) -> Audit:
    """A new draft revision of a signed audit, with its answers and plan copied."""
    with store.db.atomic():
        audit = get_audit(store, audit_id)
        if audit.status != "signed":
            status = STATUS_NAMES[audit.status]
            raise StoreError(Message.AUDIT_NOT_SIGNED.format(status=status))
        values = audit.model_dump(
            include={"establishment_id", "questionnaire_id", "questionnaire_version",
                     "campaign_id", "planned_on", "follow_up_of"}
        )  # fmt: skip
        values |= {"advisor": store.user_id, "status": "draft", "revision_of": audit_id}
        new_id = rows.insert(store, "audits", {**values, "started_at": store.timestamp()})
        copy_answers(store, audit_id, new_id)
        copy_actions(store, audit_id, new_id)
    return get_audit(store, new_id)


def latest_revision(store: Store, audit_id: str) -> Audit | None:
    """The newest live revision made from this audit, so a second one is not started by
    mistake while the first is still in progress."""
    row = store.db.execute(
        "SELECT id FROM audits WHERE revision_of = ? AND deleted = 0"
        " ORDER BY started_at DESC, id DESC LIMIT 1",
        [audit_id],
    ).fetchone()
    return None if row is None else get_audit(store, row[0])
