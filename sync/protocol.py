"""The sync protocol: one definition of every message, used by the server and the client.

The server declares these as FastAPI request and response models (so they are the OpenAPI
document), and the client validates every answer with ``Model.model_validate``: a change to
the wire format is a change here, seen by both ends and by mypy.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
MAX_BATCH = 500
MAX_PAGE = 2000
DEFAULT_PAGE = 500
MAX_HASHES = 1000

REV_PATTERN = r"^\d{13}-\d{4}-[A-Za-z0-9_.:-]{1,64}$"
TABLE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
NAME_PATTERN = r"^[A-Za-z0-9_.@-]{1,64}$"
# Free text stored by the server: no NUL or other control characters (PostgreSQL refuses NUL).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"

AUDITS_TABLE = "audits"
ESTABLISHMENTS_TABLE = "establishments"
AUDIT_CHILD_TABLES = ("answers", "actions")
SIGNED_STATUS = "signed"


class ErrorCode(StrEnum):
    """Every error the server returns: the client branches on these, never on messages."""

    AUTH_REQUIRED = "AUTH_REQUIRED"
    INVALID_TOKEN = "INVALID_TOKEN"  # noqa: S105 (an error code)
    TOKEN_REVOKED = "TOKEN_REVOKED"  # noqa: S105 (an error code)
    TOKEN_EXPIRED = "TOKEN_EXPIRED"  # noqa: S105 (an error code)
    BAD_CREDENTIALS = "BAD_CREDENTIALS"
    FORBIDDEN = "FORBIDDEN"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"
    NOT_FOUND = "NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    INVALID_JSON = "INVALID_JSON"
    VALIDATION_ERROR = "VALIDATION_ERROR"
    PROTOCOL_MISMATCH = "PROTOCOL_MISMATCH"
    BATCH_MISMATCH = "BATCH_MISMATCH"
    AUDIT_SIGNED = "AUDIT_SIGNED"
    ERASED = "ERASED"
    CONCURRENT_EDIT = "CONCURRENT_EDIT"
    HASH_MISMATCH = "HASH_MISMATCH"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    RATE_LIMITED = "RATE_LIMITED"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    QUESTIONNAIRE_IMMUTABLE = "QUESTIONNAIRE_IMMUTABLE"
    INTERNAL_ERROR = "INTERNAL_ERROR"


class Strict(BaseModel):
    """Unknown fields are refused: a typo in a client is a 422, not silently ignored data."""

    model_config = ConfigDict(extra="forbid")


class ErrorInfo(Strict):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(Strict):
    """The one error shape of every route: ``{"error": {"code", "message", "details"}}``."""

    error: ErrorInfo


class Change(Strict):
    """One row version as a device pushes it: the sync columns, the rest in ``data``.

    ``erased`` marks a tombstone written by the erasure of an establishment's personal data
    (GDPR): the server keeps it whatever comes later (``ERASED`` conflicts), where an ordinary
    deletion is one more version. Clients send it only when true, so a server older than the
    field still reads every other change; a change without it is an ordinary one.
    """

    table: str = Field(pattern=TABLE_PATTERN)
    id: str = Field(pattern=ID_PATTERN)
    rev: str = Field(pattern=REV_PATTERN)
    base_rev: str | None = Field(default=None, pattern=REV_PATTERN)
    deleted: bool = False
    erased: bool = Field(default=False, exclude_if=lambda erased: not erased)
    data: dict[str, Any] = Field(default_factory=dict)


class PushRequest(Strict):
    protocol: int = PROTOCOL_VERSION
    batch_id: str = Field(pattern=ID_PATTERN)
    device_id: str = Field(pattern=ID_PATTERN)
    changes: list[Change] = Field(max_length=MAX_BATCH)


ConflictReason = Literal["CONCURRENT_EDIT", "AUDIT_SIGNED", "ERASED"]


class Conflict(Strict):
    """Two versions of one row met: ``kept_rev`` is the server's row now, the other is kept aside.

    Both versions travel with it, so the pushing device can adopt the kept one and file the
    lost one in its own ``conflicts`` table without another round trip. ``kept_rev`` is None
    when a new row was refused (an answer added to an audit already signed on the server).
    """

    table: str
    id: str
    kept_rev: str | None
    lost_rev: str
    reason: ConflictReason = "CONCURRENT_EDIT"
    kept_deleted: bool = False
    kept_data: dict[str, Any] = Field(default_factory=dict)
    lost_deleted: bool = False
    lost_data: dict[str, Any] = Field(default_factory=dict)


class PushResult(Strict):
    """What the server did with a batch; ``server_seq`` is the seq of its last row written.

    ``previous_seq`` is the organisation's last seq before this batch's rows (``None`` when
    the batch wrote nothing). The batch's rows took every seq after it up to ``server_seq``, so
    a device that had already applied everything up to ``previous_seq`` may move its pull
    position to ``server_seq``: it would otherwise download its own rows back.
    """

    batch_id: str
    applied: int
    conflicts: list[Conflict] = Field(default_factory=list)
    server_seq: int
    previous_seq: int | None = None


class ServerChange(Strict):
    """A row as the server holds it, in the order of ``seq`` (tombstones included).

    ``erased`` (an erasure's tombstone, final) is sent only to clients that ask for it
    (``erasures=true``): older ones refuse unknown fields, and take it as a deletion.
    """

    seq: int
    table: str
    id: str
    org_id: str
    rev: str
    base_rev: str | None = None
    deleted: bool = False
    erased: bool = Field(default=False, exclude_if=lambda erased: not erased)
    updated_by: str
    data: dict[str, Any] = Field(default_factory=dict)


class ChangesPage(Strict):
    changes: list[ServerChange]
    next: int
    more: bool


class LoginRequest(Strict):
    username: str = Field(min_length=1, max_length=64, pattern=TEXT_PATTERN)
    password: str = Field(min_length=1, max_length=256)
    device_id: str | None = Field(default=None, pattern=ID_PATTERN)
    device_name: str | None = Field(default=None, max_length=120, pattern=TEXT_PATTERN)


Role = Literal["admin", "advisor", "viewer"]
OrgKind = Literal["cci", "cma", "association", "other"]


class UserInfo(Strict):
    id: str
    username: str
    full_name: str
    role: Role
    org_id: str
    org_name: str


class LoginResult(Strict):
    token: str
    token_id: str
    user: UserInfo


class TokenInfo(Strict):
    id: str
    user_id: str
    device_id: str | None
    device_name: str | None
    created_at: str
    revoked: bool


class UserCreate(Strict):
    username: str = Field(pattern=NAME_PATTERN)
    full_name: str = Field(min_length=1, max_length=120, pattern=TEXT_PATTERN)
    password: str = Field(min_length=10, max_length=256)
    role: Role = "advisor"


class HashList(Strict):
    hashes: list[str] = Field(max_length=MAX_HASHES)


class MissingHashes(Strict):
    missing: list[str]


class AttachmentInfo(Strict):
    sha256: str
    size: int


class QuestionnaireInfo(Strict):
    questionnaire_id: str
    version: int
    title: str
    kind: str
    sha256: str


class QuestionnairePublish(Strict):
    title: str = Field(min_length=1, max_length=200, pattern=TEXT_PATTERN)
    kind: str = Field(pattern=r"^[a-z]{1,20}$")
    body: dict[str, Any]


class QuestionnaireVersion(QuestionnaireInfo):
    body: dict[str, Any]


class QuestionnaireList(Strict):
    questionnaires: list[QuestionnaireInfo]


class AuditCompleteness(Strict):
    audit_id: str
    complete: bool
    photos: int
    missing_photos: list[str]


class CampaignSummary(Strict):
    id: str
    org_id: str
    name: str


class CampaignList(Strict):
    campaigns: list[CampaignSummary]


class CampaignResults(Strict):
    """A campaign's audits and plan lines, without the establishments' personal contacts."""

    campaign: dict[str, Any]
    establishments: list[dict[str, Any]]
    audits: list[dict[str, Any]]
    actions: list[dict[str, Any]]


class Health(Strict):
    status: Literal["ok"] = "ok"
    protocol: int = PROTOCOL_VERSION
