"""Attachments: which hashes the server lacks, upload (verified), download, audit completeness."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from sync.protocol import (
    ID_PATTERN,
    SHA256_PATTERN,
    AttachmentInfo,
    AuditCompleteness,
    ErrorCode,
    HashList,
    MissingHashes,
)
from sync.server import attachments
from sync.server.deps import DeviceUser, SessionDep, SettingsDep
from sync.server.errors import ERROR_RESPONSES, ApiError

router = APIRouter(tags=["pièces jointes"], responses=ERROR_RESPONSES)
Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN)]


@router.post("/attachments/missing", response_model=MissingHashes)
def missing(body: HashList, session: SessionDep, user: DeviceUser) -> MissingHashes:
    """The hashes, among those given, that the caller's organisation has not uploaded yet."""
    hashes = [h for h in body.hashes if attachments.SHA256_RE.match(h)]
    return MissingHashes(missing=attachments.missing(session, org_id=user.org_id, hashes=hashes))


@router.put(
    "/attachments/{sha256}",
    response_model=AttachmentInfo,
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def upload(
    sha256: Sha256,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    user: DeviceUser,
) -> AttachmentInfo:
    """Receive a file (raw body); refused unless its SHA-256 is the one in the address."""
    size = await attachments.receive_file(settings.attachments_dir, sha256, request.stream())
    created = await run_in_threadpool(
        attachments.record, session, sha256=sha256, size=size, org_id=user.org_id
    )
    await run_in_threadpool(session.commit)
    response.status_code = 201 if created else 200
    return AttachmentInfo(sha256=sha256, size=size)


@router.get(
    "/attachments/{sha256}",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def download(
    sha256: Sha256, session: SessionDep, settings: SettingsDep, user: DeviceUser
) -> FileResponse:
    if not attachments.owned(session, org_id=user.org_id, hashes=[sha256]):
        raise ApiError(ErrorCode.NOT_FOUND, sha256=sha256)
    path = attachments.path_of(settings.attachments_dir, sha256)
    return FileResponse(path, media_type="application/octet-stream")


@router.get("/audits/{audit_id}/completeness", response_model=AuditCompleteness)
def completeness(
    audit_id: Annotated[str, Path(pattern=ID_PATTERN)], session: SessionDep, user: DeviceUser
) -> AuditCompleteness:
    """An audit is complete on the server only once every photo it refers to has arrived."""
    hashes = sorted(attachments.audit_photos(session, org_id=user.org_id, audit_id=audit_id))
    lacking = attachments.missing(session, org_id=user.org_id, hashes=hashes)
    return AuditCompleteness(
        audit_id=audit_id, complete=not lacking, photos=len(hashes), missing_photos=lacking
    )
