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


CHAMBERS = {
    "energy": "Chambre de commerce et d'industrie",
    "rse": "Chambre de métiers et de l'artisanat",
    "label": "Chambre de métiers et de l'artisanat",
}
"""The chamber printed on the cover when none is configured: energy diagnostics are run by the
CCI for shops, RSE (DEAR) and craft-label audits by the CMA for craft firms."""


def chamber_for(kind: str) -> str:
    return CHAMBERS.get(kind, CHAMBERS["energy"])


class AuditInfo(_Model):
    date: dt.date
    advisor: str
    chamber: str | None = Field(default=None, description="None: by questionnaire kind")
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
    scored: bool = Field(default=True, description="False: no score says whether it is a gap")
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
    other_eur: float = Field(default=0.0, description="EUR/yr besides energy (water, contract)")
    status: LineStatus = LineStatus.PROPOSED
    owner: str | None = None
    deadline: dt.date | None = None
    achieved_eur: float | None = None


class ObligationRow(_Model):
    title: str
    text: str
    rule: str
    sanction: str
    status: str = Field(
        description="À régulariser, Pas d'écart constaté, Non vérifié, Non concerné"
    )
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


class Decision(_Model):
    """The advisor's conclusion of a label audit: opinion, labels put forward, what to fix."""

    opinion: str | None = None
    labels: list[str] = Field(default_factory=list)
    points: str | None = Field(default=None, description="Points to resolve before applying")


class Signatures(_Model):
    """Signatures drawn on screen at the end of the visit (PNG files), printed in their boxes."""

    advisor: Path | None = None
    owner: Path | None = None
    owner_name: str | None = Field(default=None, description="Who signed for the business")


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
    decision: Decision | None = None
    observations: str | None = None
    signatures: Signatures = Field(default_factory=Signatures)
