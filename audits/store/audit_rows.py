"""The audit row as a record, and the one check every write to an audit goes through.

Kept apart from the audit workflow so that answers and plan lines can check « not signed »
without importing the workflow that itself copies answers and plan lines.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from audits.store.db import Store
from audits.store.errors import AuditFrozenError, NotFoundError
from audits.store.signatures import AuditSignatures, parse_signatures

AuditStatus = Literal["draft", "completed", "signed"]


class Audit(BaseModel):
    id: str
    org_id: str
    rev: str
    base_rev: str | None = None
    deleted: bool = False
    updated_by: str
    establishment_id: str
    questionnaire_id: str
    questionnaire_version: int
    campaign_id: str | None = None
    advisor: str
    status: AuditStatus
    planned_on: str | None = None
    started_at: str | None = None
    completed_at: str | None = None
    signed_at: str | None = None
    signed_by: str | None = None
    follow_up_of: str | None = None
    revision_of: str | None = None
    signatures: AuditSignatures | None = None

    @property
    def questionnaire_ref(self) -> str:
        return f"{self.questionnaire_id}@{self.questionnaire_version}"


COLUMNS = ", ".join(Audit.model_fields)


def get_audit(store: Store, audit_id: str) -> Audit:
    row = store.db.execute(
        f"SELECT {COLUMNS} FROM audits WHERE id = ? AND deleted = 0",  # noqa: S608
        [audit_id],
    ).fetchone()
    if row is None:
        raise NotFoundError("audit", audit_id)
    return from_row(row)


def from_row(row: tuple[Any, ...]) -> Audit:
    values = dict(zip(Audit.model_fields, row, strict=True))
    values["deleted"] = bool(values["deleted"])
    values["signatures"] = parse_signatures(values["id"], values["signatures"])
    return Audit.model_construct(**values)


def editable_audit(store: Store, audit_id: str) -> Audit:
    """The audit, if it may still change; a signed one raises AuditFrozenError."""
    audit = get_audit(store, audit_id)
    if audit.status == "signed":
        raise AuditFrozenError(audit.signed_at)
    return audit


def editable_ref(store: Store, audit_id: str) -> str:
    """The pinned ``ID@VERSION`` of an audit that may still change (the hot path of a save:
    four columns, no record built)."""
    row = store.db.conn.execute(
        "SELECT questionnaire_id, questionnaire_version, status, signed_at FROM audits"
        " WHERE id = ? AND deleted = 0",
        [audit_id],
    ).fetchone()
    if row is None:
        raise NotFoundError("audit", audit_id)
    if row[2] == "signed":
        raise AuditFrozenError(row[3])
    return f"{row[0]}@{row[1]}"
