"""The collective report as data: what one shop brings in, and what the campaign adds up to.

``ShopResult`` is everything the aggregation needs about one establishment, already read
from the store (``gather.py``); ``CollectiveReport`` is what the PDF, the app and the JSON
output show. Keeping the two apart makes the aggregation a pure function that tests can feed
with hand-made shops and check against a hand computation.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from audits.plan.models import SOBRIETY_TARGET

Audience = Literal["chambre", "association"]
ShopStatus = Literal["none", "planned", "visited", "signed"]
MIN_GROUP = 3
"""In the association's view, no figure is shown about fewer shops than this (k-anonymity)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ShopLine(_Model):
    action_key: str
    title: str
    theme: str | None = None
    status: str = "proposed"
    kwh: float | None = None
    eur: float | None = None
    kgco2e: float | None = None
    cost: float | None = None
    aid: float = 0.0
    obligation: str | None = None


class ShopTotals(_Model):
    """One shop's plan totals, overlapping actions combined (``compute_totals``)."""

    kwh: float = 0.0
    eur: float = 0.0
    kgco2e: float = 0.0
    cost: float = 0.0
    aid: float = 0.0
    declared_kwh: float | None = None
    kwh_on_declared: float = Field(default=0.0, description="Saved on energies with a bill")


class ShopResult(_Model):
    establishment_id: str
    name: str
    activity: str | None = None
    address: str | None = None
    consent: bool = False
    status: ShopStatus = "none"
    advisor: str | None = None
    overall: float | None = None
    themes: dict[str, float | None] = Field(default_factory=dict)
    gaps: dict[str, str] = Field(default_factory=dict, description="question id -> answer text")
    lines: list[ShopLine] = Field(default_factory=list)
    totals: ShopTotals = Field(default_factory=ShopTotals)
    accepted: ShopTotals = Field(default_factory=ShopTotals, description="Accepted + done lines")
    quantities: dict[str, float] = Field(default_factory=dict)
    achieved_kwh: float | None = None
    achieved_eur: float | None = None


class CampaignHeader(_Model):
    name: str
    organiser: str | None = None
    commune: str | None = None
    questionnaire: str
    questionnaire_title: str
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    advisors: int = 0


class Participation(_Model):
    establishments: int
    planned: int
    visited: int
    handed_over: int
    consenting: int
    by_activity: list[tuple[str, int]] = Field(default_factory=list)


class LevelCount(_Model):
    label: str
    minimum: float
    count: int


class Distribution(_Model):
    theme: str
    title: str
    shops: int
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    levels: list[LevelCount] = Field(default_factory=list)


class FindingStat(_Model):
    question_id: str
    question: str
    theme: str | None = None
    shops: int
    share: float
    common_answer: str


class ActionStat(_Model):
    action_key: str
    title: str
    shops: int
    share: float
    accepted: int
    done: int
    kwh: float
    eur: float
    kgco2e: float
    cost: float
    aid: float


class Savings(_Model):
    shops: int
    kwh: float
    eur: float
    kgco2e: float
    cost: float
    aid: float
    declared_kwh: float
    declared_shops: int
    kwh_on_declared: float
    share: float | None
    target_share: float = SOBRIETY_TARGET
    target_kwh: float
    accepted_kwh: float
    accepted_eur: float
    followed_up: int
    achieved_kwh: float
    achieved_eur: float

    @property
    def meets_target(self) -> bool | None:
        return None if self.share is None else self.share >= self.target_share


class GroupPurchase(_Model):
    action_key: str
    shops: int
    quantity: float
    unit: str
    text: str


class ObligationStat(_Model):
    obligation: str
    title: str
    shops: int
    share: float


class ShopRow(_Model):
    name: str
    activity: str | None = None
    address: str | None = None
    status: ShopStatus
    overall: float | None = None
    kwh: float = 0.0
    eur: float = 0.0
    actions: int = 0
    accepted: int = 0


class CollectiveReport(_Model):
    campaign: CampaignHeader
    generated_on: dt.date
    audience: Audience
    min_group: int = MIN_GROUP
    suppressed: bool = Field(default=False, description="Too few shops visited to show results")
    participation: Participation
    overall: Distribution | None = None
    themes: list[Distribution] = Field(default_factory=list)
    findings: list[FindingStat] = Field(default_factory=list)
    actions: list[ActionStat] = Field(default_factory=list)
    savings: Savings | None = None
    purchases: list[GroupPurchase] = Field(default_factory=list)
    obligations: list[ObligationStat] = Field(default_factory=list)
    shops: list[ShopRow] = Field(default_factory=list)
    unnamed_shops: int = Field(default=0, description="Shops left out of ``shops`` (no consent)")
