"""The KPI tables: yearly targets, and facts distilled from the synced audits and plan lines.

Synced rows are generic JSON (``sync_rows``); reading JSON of 100,000 audits per request
would be too slow, so ``kpi_facts`` keeps one typed row per audit (with its plan lines'
sums) and per plan line, brought up to date from ``sync_rows`` by sequence number before
each KPI request. ``kpi_state.seq`` is the last sequence number distilled.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models import Base

KINDS = ("energy", "rse", "label", "other")


class KpiTarget(Base):
    """How many audits of a kind an organisation committed to in a year."""

    __tablename__ = "kpi_targets"
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    target: Mapped[int] = mapped_column(Integer)


class KpiState(Base):
    __tablename__ = "kpi_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)


class KpiAudit(Base):
    """One audit, typed, with the sums of its live plan lines."""

    __tablename__ = "kpi_audits"
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[str] = mapped_column(String(64))
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[str | None] = mapped_column(String(64))
    advisor: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20))
    day: Mapped[dt.date | None] = mapped_column(Date)
    month: Mapped[str | None] = mapped_column(String(7))
    follow_up: Mapped[bool] = mapped_column(Boolean)
    counted: Mapped[bool] = mapped_column(Boolean, doc="Live, not a revision")
    lines: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    kwh_est: Mapped[float] = mapped_column(Float, default=0.0)
    eur_est: Mapped[float] = mapped_column(Float, default=0.0)
    co2_est: Mapped[float] = mapped_column(Float, default=0.0)
    kwh_acc: Mapped[float] = mapped_column(Float, default=0.0)
    eur_acc: Mapped[float] = mapped_column(Float, default=0.0)
    kwh_done_est: Mapped[float] = mapped_column(Float, default=0.0)
    eur_done_est: Mapped[float] = mapped_column(Float, default=0.0)
    kwh_achieved: Mapped[float] = mapped_column(Float, default=0.0)
    eur_achieved: Mapped[float] = mapped_column(Float, default=0.0)

    __table_args__ = (
        Index("kpi_audits_org_day", "org_id", "day"),
        Index("kpi_audits_campaign_day", "campaign_id", "day"),
    )


class KpiAction(Base):
    """One plan line, typed: what the audit's sums are recomputed from."""

    __tablename__ = "kpi_actions"
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    audit_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20))
    live: Mapped[bool] = mapped_column(Boolean)
    kwh: Mapped[float] = mapped_column(Float)
    eur: Mapped[float] = mapped_column(Float)
    co2: Mapped[float] = mapped_column(Float)
    achieved_kwh: Mapped[float] = mapped_column(Float)
    achieved_eur: Mapped[float] = mapped_column(Float)
