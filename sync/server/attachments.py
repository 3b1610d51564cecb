"""Photos and signatures: content-addressed files, verified by SHA-256 before they count.

A file is written to a temporary name while its hash is computed, then renamed into
``attachments/ab/abcdef...`` only if the hash matches: an upload cut in the middle or altered
leaves nothing behind, and the device simply sends it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from starlette.requests import ClientDisconnect

from sync.protocol import AUDITS_TABLE, ErrorCode
from sync.server.crud import now
from sync.server.errors import ApiError
from sync.server.models import Attachment, AttachmentOwner, Base, SyncRow
from sync.server.uuids import new_id

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def path_of(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


async def receive_file(root: Path, sha256: str, chunks: AsyncIterator[bytes]) -> int:
    """Store the streamed file under its hash after checking it; return its size."""
    temporary = root / "tmp" / f"{new_id()}.part"
    temporary.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    try:
        with temporary.open("wb") as out:
            async for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha256:
            raise ApiError(ErrorCode.HASH_MISMATCH, expected=sha256, received=digest.hexdigest())
        final = path_of(root, sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, final)
    except ClientDisconnect:
        raise ApiError(
            ErrorCode.HASH_MISMATCH, "Envoi interrompu avant la fin du fichier."
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
    return size


def insert_ignore(session: Session, model: type[Base], values: dict[str, Any]) -> bool:
    """Insert unless the primary key exists (racing uploads of one file); True if inserted."""
    dialect = postgresql if session.bind and session.bind.dialect.name == "postgresql" else sqlite
    keys = list(model.__mapper__.primary_key)
    statement = dialect.insert(model).values(**values).on_conflict_do_nothing().returning(*keys)
    return session.execute(statement).first() is not None


def record(session: Session, *, sha256: str, size: int, org_id: str) -> bool:
    """Note that ``org_id`` holds this file; True when it did not before."""
    insert_ignore(session, Attachment, {"sha256": sha256, "size": size, "created_at": now()})
    return insert_ignore(session, AttachmentOwner, {"sha256": sha256, "org_id": org_id})


def owned(session: Session, *, org_id: str, hashes: list[str]) -> set[str]:
    query = select(AttachmentOwner.sha256).where(
        AttachmentOwner.org_id == org_id, AttachmentOwner.sha256.in_(hashes)
    )
    return set(session.scalars(query))


def missing(session: Session, *, org_id: str, hashes: list[str]) -> list[str]:
    present = owned(session, org_id=org_id, hashes=hashes)
    return [h for h in dict.fromkeys(hashes) if h not in present]


def hashes_in(value: Any) -> set[str]:
    """Every SHA-256 mentioned in a value, a JSON text, a list or a mapping of them."""
    if isinstance(value, str):
        if SHA256_RE.match(value):
            return {value}
        if value[:1] in "[{":
            try:
                return hashes_in(json.loads(value))
            except ValueError:
                return set()
        return set()
    if isinstance(value, list):
        return set().union(*(hashes_in(item) for item in value)) if value else set()
    if isinstance(value, dict):
        return hashes_in(list(value.values()))
    return set()


def audit_photos(session: Session, *, org_id: str, audit_id: str) -> set[str]:
    """The hashes an audit refers to (its answers' values and photos, its own signature)."""
    audit = session.get(SyncRow, (AUDITS_TABLE, audit_id))
    if audit is None or audit.org_id != org_id:
        raise ApiError(ErrorCode.NOT_FOUND, audit_id=audit_id)
    query = select(SyncRow.data).where(
        SyncRow.org_id == org_id,
        SyncRow.table_name == "answers",
        SyncRow.deleted.is_(False),
        SyncRow.data["audit_id"].as_string() == audit_id,
    )
    hashes = hashes_in(audit.data)
    for data in session.scalars(query):
        hashes |= hashes_in(data.get("photos")) | hashes_in(data.get("value"))
    return hashes
