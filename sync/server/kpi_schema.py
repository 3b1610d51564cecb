"""The JSON of ``GET /api/v1/kpis`` and of the targets routes (pydantic, in the OpenAPI)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Granularity = Literal["month", "quarter", "year"]
KIND_LABELS = {
    "energy": "Sobriété énergétique",
    "rse": "RSE (DEAR)",
    "label": "Labels artisanaux",
    "other": "Autres diagnostics",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KpiFilters(_Model):
    start: dt.date
    end: dt.date
    granularity: Granularity = "month"
    campaign: str | None = None
    advisor: str | None = None


class KpiScope(_Model):
    org_id: str
    role: str
    campaigns: list[str] | None = Field(
        default=None, description="For an association viewer: the campaigns shared with it"
    )


class KindCount(_Model):
    kind: str
    label: str
    done: int = Field(description="Audits completed or signed in the period (no follow-ups)")
    signed: int
    target: float | None = Field(default=None, description="Yearly targets pro-rated to the period")
    target_share: float | None = None


class PeriodCount(_Model):
    period: str
    counts: dict[str, int] = Field(description="kind -> audits done")


class Savings(_Model):
    kwh: float = 0.0
    eur: float = 0.0
    kgco2e: float = 0.0


class Actions(_Model):
    proposed: int = Field(description="Lines of the plans handed over or completed")
    accepted: int = Field(description="Accepted by the owner at the visit (or since)")
    rejected: int
    done: int = Field(description="Found done at a follow-up visit")
    acceptance_rate: float | None = None


class FollowUpSavings(_Model):
    follow_ups: int
    estimated: Savings = Field(description="Estimate of the lines found done")
    achieved: Savings = Field(description="Measured at the follow-up")
    achieved_share: float | None = Field(default=None, description="achieved / estimated kWh")


class Breakdown(_Model):
    key: str
    label: str
    done: int
    signed: int


class KpiReport(_Model):
    filters: KpiFilters
    scope: KpiScope
    suppressed: bool = Field(default=False, description="Too few audits for a viewer's figures")
    periods: list[str]
    audits: list[KindCount]
    by_period: list[PeriodCount]
    total_done: int
    plans_handed_over: int
    actions: Actions | None
    savings_estimated: Savings | None
    savings_accepted: Savings | None
    follow_up: FollowUpSavings | None
    advisors: list[Breakdown] = Field(default_factory=list)
    campaigns: list[Breakdown] = Field(default_factory=list)


class Targets(_Model):
    year: int
    targets: dict[str, int] = Field(description="kind (energy, rse, label, other) -> audits a year")


__all__ = ["KIND_LABELS", "KpiFilters", "KpiReport", "Targets"]
