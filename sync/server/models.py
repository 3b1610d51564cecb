"""The server's tables (SQLAlchemy 2), the same on SQLite and PostgreSQL.

Device rows are stored generically, Kinto-style: ``(table, id)`` -> sync columns + ``data``
JSON + ``seq``. The server therefore does not change when the device schema gains a column;
only the few rules of the protocol (signed audits, scope) look inside ``data``.
Alembic migrations in ``migrations/`` create these tables; this module is their typed view.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        datetime: DateTime(timezone=True),
    }


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Token(Base):
    """A device's bearer token: only its keyed hash is stored, so a database leak grants nothing."""

    __tablename__ = "tokens"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    device_name: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class Counter(Base):
    """The one row whose lock orders pushes, so sequence numbers appear in commit order."""

    __tablename__ = "sync_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)


class SyncRow(Base):
    """One device row. ``erased``: a tombstone written by an erasure (GDPR), final."""

    __tablename__ = "sync_rows"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[str] = mapped_column(String(64))
    rev: Mapped[str] = mapped_column(String(100))
    base_rev: Mapped[str | None] = mapped_column(String(100))
    deleted: Mapped[bool] = mapped_column(Boolean)
    erased: Mapped[bool] = mapped_column(Boolean, server_default=false())
    data: Mapped[dict[str, Any]]
    updated_by: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)

    __table_args__ = (Index("sync_rows_org_seq", "org_id", "seq"),)


class Batch(Base):
    """A push already answered: replaying its id returns the stored answer (idempotence)."""

    __tablename__ = "sync_batches"
    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class ConflictRecord(Base):
    """The version that lost a concurrent edit: kept for review, never dropped.

    Once the row is a tombstone there is nothing left to review: ``lost_data`` is set to
    NULL and ``erased_at`` says when (``sync.server.erasure``), so an erasure of personal
    data leaves no copy here; table, id, revs and reason stay as the trail.
    """

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    org_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    kept_rev: Mapped[str] = mapped_column(String(100))
    lost_rev: Mapped[str] = mapped_column(String(100))
    lost_deleted: Mapped[bool] = mapped_column(Boolean)
    lost_data: Mapped[dict[str, Any] | None]
    batch_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    erased_at: Mapped[datetime | None]

    __table_args__ = (Index("sync_conflicts_row", "table_name", "row_id"),)


class Attachment(Base):
    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class AttachmentOwner(Base):
    """Which organisations sent a file: a hash is 'present' only for them (no cross-org probe)."""

    __tablename__ = "attachment_owners"
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True)
    org_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class Questionnaire(Base):
    __tablename__ = "questionnaires"
    questionnaire_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[dict[str, Any]]
    sha256: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime]


class CampaignViewer(Base):
    """An association granted read access to one campaign's results."""

    __tablename__ = "campaign_viewers"
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
