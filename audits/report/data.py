"""``ReportData``: everything the PDF prints, already computed and worded in French.

The renderer never reads the store, the questionnaire or the reference data: the device, the
server and the CLI each build a ``ReportData`` (``build_report_data``) from what they hold and
hand it over. That keeps the PDF testable from a plain object and the same wherever it is made.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from audits.plan.models import Category, LabelVerdict, LineStatus, Totals


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Establishment(_Model):
    name: str
    siret: str | None = None
    activity: str | None = None
    address: str | None = None
    commune: str | None = None
    contact: str | None = None


class AuditInfo(_Model):
    date: dt.date
    advisor: str
    chamber: str = "Chambre de commerce et d'industrie"
    logo: Path | None = Field(default=None, description="PNG or JPEG; the neutral logo if None")
    reference: str | None = Field(default=None, description="Audit number shown on the cover")


class ThemeScoreRow(_Model):
    title: str
    percent: float | None
    level: str | None = None


class Finding(_Model):
    question: str
    answer: str
    gap: bool = Field(default=False, description="Scored below its maximum")
    note: str | None = None
    photos: list[Path] = Field(default_factory=list)


class ThemeFindings(_Model):
    title: str
    percent: float | None = None
    level: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list, description="Titles of its plan lines")


class ActionRow(_Model):
    priority: int
    title: str
    description: str | None = None
    theme: str | None = None
    category: Category
    kwh: float = 0.0
    eur: float = 0.0
    kgco2e: float = 0.0
    cost: float | None = None
    aid: float = 0.0
    payback_years: float | None = None
    effort: str = "moyen"
    obligation: str | None = None
    funding: list[str] = Field(default_factory=list, description="Scheme titles")
    indicative: bool = False
    aid_indicative: bool = False
    computed: bool = True
    status: LineStatus = LineStatus.PROPOSED
    owner: str | None = None
    deadline: dt.date | None = None
    achieved_eur: float | None = None


class ObligationRow(_Model):
    title: str
    text: str
    rule: str
    sanction: str
    status: str = Field(description="À régulariser, Pas d'écart constaté, Non vérifié")
    verified: bool = True


class FundingRow(_Model):
    title: str
    organisme: str
    eligibility: str
    how_to_apply: str
    url: str | None = None
    amount: str | None = None
    validity: str
    indicative: bool = False
    actions: list[str] = Field(default_factory=list)


class ReportData(_Model):
    title: str
    kind: str
    establishment: Establishment
    audit: AuditInfo
    score_percent: float | None = None
    score_level: str | None = None
    themes: list[ThemeScoreRow] = Field(default_factory=list)
    findings: list[ThemeFindings] = Field(default_factory=list)
    actions: list[ActionRow] = Field(default_factory=list)
    totals: Totals = Field(default_factory=Totals)
    obligations: list[ObligationRow] = Field(default_factory=list)
    funding: list[FundingRow] = Field(default_factory=list)
    labels: list[LabelVerdict] = Field(default_factory=list)
    observations: str | None = None
