"""The plan as data: lines, totals, obligation checks and label verdicts (pydantic).

These models are what the device stores, the server receives and the PDF prints, so they carry
every figure already computed (no reader re-derives EUR from kWh) and every advisor decision
(status, edits, owner, deadline, follow-up) next to the engine's estimate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from audits.questionnaire import Effort, Energy

ENERGIES: tuple[Energy, ...] = ("electricite", "gaz", "fioul", "propane", "bois", "reseau_chaleur")
SOBRIETY_TARGET = 0.10
"""The national sobriety plan's target: −10 % of energy (domain.md §1)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LineStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DONE = "done"


class Category(StrEnum):
    """Why a line sits where it does in the plan: the owner reads obligations first."""

    OBLIGATION = "obligation"
    QUICK_WIN = "quick_win"
    INVESTMENT = "investment"
    PROGRESS = "progress"


class Valuation(_Model):
    """Prices and emission factors the plan was valued with, kept with it for later edits."""

    prices: dict[Energy, float] = Field(default_factory=dict, description="EUR HT per kWh")
    factors: dict[Energy, float] = Field(default_factory=dict, description="kgCO2e per kWh")

    def eur(self, kwh: Mapping[Energy, float]) -> float:
        return sum(value * self.prices.get(energy, 0.0) for energy, value in kwh.items())

    def kgco2e(self, kwh: Mapping[Energy, float]) -> float:
        return sum(value * self.factors.get(energy, 0.0) for energy, value in kwh.items())


class Figures(_Model):
    """The estimate of one line: energy per year, money, CO2, cost and aid."""

    kwh: dict[Energy, float] = Field(default_factory=dict)
    savings_eur_other: float = Field(default=0.0, description="EUR/yr besides energy")
    eur: float = 0.0
    kgco2e: float = 0.0
    cost: float | None = None
    aid: float = 0.0
    capped: bool = Field(default=False, description="At least one energy capped by its use")
    use_kwh: dict[Energy, float] = Field(
        default_factory=dict, description="Consumption of the use acted on, per energy"
    )
    use_names: dict[Energy, list[str]] = Field(
        default_factory=dict,
        description="Computed quantities the use is made of: lines sharing one overlap",
    )
    computed: bool = Field(default=True, description="False when answers are missing")

    @property
    def kwh_total(self) -> float:
        return sum(self.kwh.values())

    @property
    def net_cost(self) -> float | None:
        return None if self.cost is None else max(self.cost - self.aid, 0.0)

    @property
    def payback_years(self) -> float | None:
        """Net cost over yearly savings; 0 for a free action that saves, None without savings."""
        if self.cost is None or self.eur <= 0:
            return None
        return round((self.net_cost or 0.0) / self.eur, 2)


class FollowUp(_Model):
    """What a follow-up audit found: done on a date, with the savings actually achieved."""

    done_on: dt.date
    kwh: dict[Energy, float] = Field(default_factory=dict)
    eur: float | None = None
    note: str | None = None


class PlanLine(_Model):
    """One action of the plan, keyed by ``action_id`` within its audit."""

    action_id: str
    title: str
    description: str | None = None
    theme: str | None = None
    theme_title: str | None = None
    custom: bool = False
    figures: Figures = Field(default_factory=Figures)
    effort: Effort = "moyen"
    obligation: str | None = None
    funding: list[str] = Field(default_factory=list, description="Schemes open on the audit date")
    indicative: bool = Field(default=False, description="Uses unverified reference figures")
    aid_indicative: bool = Field(default=False, description="Aid from CEE or unverified data")
    sources: list[str] = Field(default_factory=list)
    category: Category = Category.PROGRESS
    priority: int = 0
    triggered: bool = True
    status: LineStatus = LineStatus.PROPOSED
    edited: bool = False
    owner: str | None = None
    deadline: dt.date | None = None
    advisor_note: str | None = None
    rejection_reason: str | None = None
    follow_up: FollowUp | None = None

    @property
    def regulatory(self) -> bool:
        return self.obligation is not None

    @property
    def locked(self) -> bool:
        """The advisor decided on it: a recomputation must not overwrite it."""
        return self.edited or self.custom or self.status is not LineStatus.PROPOSED


class EnergyTotal(_Model):
    energy: Energy
    kwh: float
    lines_kwh: float = Field(default=0.0, description="Plain sum of the lines, before overlaps")
    eur: float
    kgco2e: float
    declared_kwh: float | None = None
    share: float | None = Field(default=None, description="kWh saved / declared kWh")
    capped: bool = False


class Totals(_Model):
    """Sums over the lines kept in the plan (rejected lines are left out)."""

    energies: list[EnergyTotal] = Field(default_factory=list)
    kwh: float = 0.0
    eur: float = 0.0
    kgco2e: float = 0.0
    cost: float = 0.0
    aid: float = 0.0
    declared_kwh: float | None = None
    share: float | None = None
    target_share: float = SOBRIETY_TARGET
    payback_years: float | None = None

    @property
    def meets_target(self) -> bool | None:
        return None if self.share is None else self.share >= self.target_share


class ObligationCheck(_Model):
    """An obligation of the questionnaire and whether the audit found it met."""

    obligation: str
    action_id: str
    status: Literal["a_regulariser", "conforme", "non_verifie", "sans_objet"]


class CriterionResult(_Model):
    id: str
    label: str
    status: Literal["rempli", "non_rempli", "a_verifier"]


class LabelVerdict(_Model):
    label: str
    title: str
    applies: bool
    eligible: bool
    criteria: list[CriterionResult] = Field(default_factory=list)

    @property
    def missing(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.status != "rempli"]


class Plan(_Model):
    questionnaire: str
    on_date: dt.date
    valuation: Valuation = Field(default_factory=Valuation)
    lines: list[PlanLine] = Field(default_factory=list)
    totals: Totals = Field(default_factory=Totals)
    declared_kwh: dict[Energy, float] = Field(default_factory=dict)
    obligations: list[ObligationCheck] = Field(default_factory=list)
    labels: list[LabelVerdict] = Field(default_factory=list)

    def line(self, action_id: str) -> PlanLine:
        return next(line for line in self.lines if line.action_id == action_id)

    @property
    def kept_lines(self) -> list[PlanLine]:
        """The lines the totals and the PDF count: every one but those the advisor rejected."""
        return [line for line in self.lines if line.status is not LineStatus.REJECTED]
