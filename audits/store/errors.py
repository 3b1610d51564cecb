"""Errors of the device store: each a ``DiagError``, shown to the advisor as one French line."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from audits.errors import DiagError, Message
from audits.model_errors import problems_from

STATUS_NAMES = {"draft": "brouillon", "completed": "terminé", "signed": "signé"}


class StoreError(DiagError):
    """The store refused a write or could not read what was asked."""


class NotFoundError(StoreError):
    def __init__(self, what: str, row_id: str) -> None:
        super().__init__(Message.NOT_FOUND.format(what=what, id=row_id))


class AuditFrozenError(StoreError):
    """A signed audit is evidence handed to the merchant: it is never changed in place."""

    def __init__(self, signed_at: str | None) -> None:
        day = (signed_at or "?")[:10]
        super().__init__(Message.AUDIT_SIGNED.format(date=day))


class IncompleteAuditError(StoreError):
    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        super().__init__(Message.AUDIT_INCOMPLETE.format(count=len(missing), questions=shown))


class PhotoCorruptedError(StoreError):
    def __init__(self, sha256: str) -> None:
        self.sha256 = sha256
        super().__init__(Message.PHOTO_CORRUPTED.format(sha256=sha256))


def invalid_data(what: str, error: ValidationError, model: type[BaseModel]) -> StoreError:
    """The first problem of a refused record, in French (« établissement : « x » : … »)."""
    problem = problems_from(error, [model])[0]
    return StoreError(f"{what} : {problem.message}")
