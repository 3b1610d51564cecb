"""Accounts, generic sync rows, batches, conflicts, attachments, questionnaires, campaigns.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def _accounts() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("org_id", sa.String(64), sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_users_org_id", "users", ["org_id"])
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("device_id", sa.String(64)),
        sa.Column("device_name", sa.String(120)),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("revoked_at", WHEN),
    )
    op.create_index("ix_tokens_user_id", "tokens", ["user_id"])


def _sync() -> None:
    op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(
        sa.table("sync_counter", sa.column("id"), sa.column("seq")), [{"id": 1, "seq": 0}]
    )
    op.create_table(
        "sync_rows",
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("row_id", sa.String(64), primary_key=True),
        sa.Column("org_id", sa.String(64), nullable=False),
        sa.Column("rev", sa.String(100), nullable=False),
        sa.Column("base_rev", sa.String(100)),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False, unique=True),
    )
    op.create_index("sync_rows_org_seq", "sync_rows", ["org_id", "seq"])
    op.create_table(
        "sync_batches",
        sa.Column("batch_id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("response", sa.JSON, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("org_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("kept_rev", sa.String(100), nullable=False),
        sa.Column("lost_rev", sa.String(100), nullable=False),
        sa.Column("lost_deleted", sa.Boolean, nullable=False),
        sa.Column("lost_data", sa.JSON, nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_sync_conflicts_org_id", "sync_conflicts", ["org_id"])


def _content() -> None:
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "attachment_owners",
        sa.Column("sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), primary_key=True),
        sa.Column("org_id", sa.String(64), primary_key=True),
    )
    op.create_table(
        "questionnaires",
        sa.Column("questionnaire_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("published_at", WHEN, nullable=False),
    )
    op.create_table(
        "campaign_viewers",
        sa.Column("campaign_id", sa.String(64), primary_key=True),
        sa.Column("org_id", sa.String(64), sa.ForeignKey("organisations.id"), primary_key=True),
    )


def upgrade() -> None:
    _accounts()
    _sync()
    _content()


def downgrade() -> None:
    for table in (
        "campaign_viewers",
        "questionnaires",
        "attachment_owners",
        "attachments",
        "sync_conflicts",
        "sync_batches",
        "sync_rows",
        "sync_counter",
        "tokens",
        "users",
        "organisations",
    ):
        op.drop_table(table)
