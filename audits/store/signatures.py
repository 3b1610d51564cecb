"""Who signed an audit and which stored picture is whose signature (migration 4).

Held on the audit row as JSON, written in the transaction that signs it, so it travels
through the outbox with the signature itself: any device of the organisation can print the
signed plan again, with both names and both pictures. The pictures are attachments (by
SHA-256); a device that pulled a signed audit fetches the ones it lacks
(``missing_signature_files``, ``add_signature_file``). Validated when read: a row pulled
from another device is data like any other.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from audits.errors import Message
from audits.store.db import Store
from audits.store.errors import StoreError
from audits.store.photos import add_photo, has_photo

SHA256_PATTERN = r"^[0-9a-f]{64}$"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class Signer(BaseModel):
    """One person who signed: the name printed under the box, the picture drawn in it."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1)
    sha256: str = Field(pattern=SHA256_PATTERN)


class Signers(BaseModel):
    """The advisor and the business owner, as the signing screen hands them to the store."""

    model_config = ConfigDict(frozen=True)

    advisor: Signer
    owner: Signer

    @property
    def hashes(self) -> list[str]:
        return [self.advisor.sha256, self.owner.sha256]

    @property
    def signed_by(self) -> str:
        """The audit's ``signed_by`` text, « Claire Dumas ; Paul Martin »."""
        return f"{self.advisor.name} ; {self.owner.name}"


class AuditSignatures(Signers):
    """What the ``signatures`` column holds. Unknown keys (a newer app's) are ignored."""

    signed_at: str


def signatures_json(signatures: AuditSignatures) -> str:
    return json.dumps(signatures.model_dump(), ensure_ascii=False, separators=(",", ":"))


def parse_signatures(audit_id: str, text: str | None) -> AuditSignatures | None:
    """The column's content checked; a malformed one is refused in French, not guessed."""
    if text is None:
        return None
    try:
        return AuditSignatures.model_validate_json(text)
    except ValidationError as error:
        problem = error.errors()[0]["msg"]
        raise StoreError(
            Message.AUDIT_SIGNATURES_INVALID.format(id=audit_id, problem=problem)
        ) from None


def check_signature_files(store: Store, signers: Signers) -> None:
    """Both pictures must be stored before they are named: the sync sends stored files."""
    for sha256 in signers.hashes:
        if not has_photo(store, sha256):
            raise StoreError(Message.SIGNATURE_UNKNOWN.format(sha256=sha256))


NAMED_SQL = """
SELECT json_extract(signatures, '$.advisor.sha256') FROM audits
WHERE signatures IS NOT NULL AND deleted = 0 AND json_valid(signatures)
UNION
SELECT json_extract(signatures, '$.owner.sha256') FROM audits
WHERE signatures IS NOT NULL AND deleted = 0 AND json_valid(signatures)
"""


def missing_signature_files(store: Store) -> list[str]:
    """Signature pictures named by this device's audits (pulled ones too) but not stored."""
    named = [row[0] for row in store.db.execute(NAMED_SQL)]
    valid = [h for h in named if isinstance(h, str) and _is_hash(h)]
    return sorted(h for h in valid if not has_photo(store, h))


def add_signature_file(store: Store, sha256: str, content: bytes) -> bool:
    """Store a fetched signature picture if it is the one named; False when it is not."""
    if hashlib.sha256(content).hexdigest() != sha256:
        return False
    media_type = "image/png" if content.startswith(PNG_MAGIC) else "application/octet-stream"
    add_photo(store, content, media_type)
    return True


def _is_hash(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)
