"""KPI targets per organisation and year, and the KPI fact tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MONEY = sa.Float


def upgrade() -> None:
    op.create_table(
        "kpi_targets",
        sa.Column("org_id", sa.String(64), sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("target", sa.Integer, nullable=False),
    )
    op.create_table(
        "kpi_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(sa.table("kpi_state", sa.column("id"), sa.column("seq")), [{"id": 1, "seq": 0}])
    sums: list[sa.Column[Any]] = [sa.Column(name, sa.Integer, nullable=False, server_default="0")
            for name in ("lines", "accepted", "done", "rejected")]  # fmt: skip
    sums += [sa.Column(name, MONEY, nullable=False, server_default="0")
             for name in ("kwh_est", "eur_est", "co2_est", "kwh_acc", "eur_acc", "kwh_done_est",
                          "eur_done_est", "kwh_achieved", "eur_achieved")]  # fmt: skip
    op.create_table(
        "kpi_audits",
        sa.Column("row_id", sa.String(64), primary_key=True),
        sa.Column("org_id", sa.String(64), nullable=False),
        sa.Column("questionnaire_id", sa.String(64), nullable=False),
        sa.Column("campaign_id", sa.String(64)),
        sa.Column("advisor", sa.String(120), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("month", sa.String(7)),
        sa.Column("follow_up", sa.Boolean, nullable=False),
        sa.Column("counted", sa.Boolean, nullable=False),
        *sums,
    )
    op.create_index("kpi_audits_org_day", "kpi_audits", ["org_id", "day"])
    op.create_index("kpi_audits_campaign_day", "kpi_audits", ["campaign_id", "day"])
    op.create_table(
        "kpi_actions",
        sa.Column("row_id", sa.String(64), primary_key=True),
        sa.Column("audit_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("live", sa.Boolean, nullable=False),
        *[
            sa.Column(name, MONEY, nullable=False)
            for name in ("kwh", "eur", "co2", "achieved_kwh", "achieved_eur")
        ],
    )
    op.create_index("ix_kpi_actions_audit_id", "kpi_actions", ["audit_id"])


def downgrade() -> None:
    for table in ("kpi_actions", "kpi_audits", "kpi_state", "kpi_targets"):
        op.drop_table(table)
