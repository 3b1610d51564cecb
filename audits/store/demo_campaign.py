"""A town-centre campaign of N invented shops, audited, planned, signed and followed up.

The sample street of ``demo.py`` shows the app; this one feeds the collective report, the
exports, the KPIs and their benchmarks with realistic volumes: shops of every trade with
consistent facts (surface, consumption, lighting, open chilled cases), answers saved through
the store like an advisor's, plans from the real engine, some lines accepted, some done at a
follow-up visit with the savings actually measured, and some owners consenting to be named.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from random import Random
from typing import Any

from audits.answers import answered
from audits.errors import DiagError
from audits.fieldwork.plan_lines import to_row
from audits.plan import build_plan
from audits.questionnaire import Questionnaire
from audits.reference import Reference
from audits.store import demo_campaign_data as data
from audits.store.actions import PlanLine, actions_of, edit_action, propose
from audits.store.answers import answers_of, copy_answers, save_answer
from audits.store.audits import complete_audit, create_audit, sign_audit
from audits.store.campaigns import add_to_campaign, create_campaign
from audits.store.consent import set_consent
from audits.store.db import Store
from audits.store.demo import demo_siret
from audits.store.demo_answers import shop_answers, shop_facts
from audits.store.establishments import create_establishment
from audits.store.questionnaires import import_questionnaire

OUTCOMES = (("none", 0.08), ("planned", 0.18), ("completed", 0.35), ("signed", 1.0))
"""Cumulative shares: 8 % not reached yet, 10 % planned, 17 % visited, the rest signed."""


@dataclass
class CampaignDemo:
    campaign_id: str = ""
    establishments: int = 0
    audits: int = 0
    signed: int = 0
    follow_ups: int = 0
    establishment_ids: list[str] = field(default_factory=list)


def fill_campaign_demo(
    store: Store,
    questionnaire: Questionnaire,
    reference: Reference,
    today: date,
    shops: int = 60,
    seed: int = 84400,
) -> CampaignDemo:
    """Create the campaign and its ``shops`` shops; ``today`` dates the visits."""
    import_questionnaire(store, questionnaire)
    rng = Random(seed)  # noqa: S311 (not crypto)
    campaign_id = create_campaign(
        store,
        data.CAMPAIGN,
        questionnaire.ref,
        organiser=data.ORGANISER,
        commune=data.COMMUNE,
        starts_on=today - timedelta(days=90),
        ends_on=today + timedelta(days=30),
        advisors=list(data.ADVISORS),
    )
    town = _Town(store, rng, today, questionnaire, reference, CampaignDemo(campaign_id))
    for index in range(shops):
        town.add_shop(index)
    return town.summary


@dataclass
class _Town:
    store: Store
    rng: Random
    today: date
    questionnaire: Questionnaire
    reference: Reference
    summary: CampaignDemo

    def add_shop(self, index: int) -> None:
        trade = self.rng.choices(data.TRADES, weights=[t.weight for t in data.TRADES])[0]
        facts = shop_facts(trade, self.rng)
        shop_id = create_establishment(self.store, self._establishment(trade, facts, index)).id
        campaign_id = self.summary.campaign_id
        add_to_campaign(self.store, campaign_id, shop_id)
        self.summary.establishments += 1
        self.summary.establishment_ids.append(shop_id)
        draw = self.rng.random()
        outcome = next(name for name, share in OUTCOMES if draw < share)
        if outcome == "none":
            return
        self._visit(shop_id, trade.activity, facts, outcome)
        if self.rng.random() < 0.5:
            set_consent(self.store, campaign_id, shop_id, agreed=True)

    def _establishment(
        self, trade: data.Trade, facts: dict[str, Any], index: int
    ) -> dict[str, Any]:
        surname = self.rng.choice(data.SURNAMES)
        return {
            "siret": demo_siret(self.rng),
            "name": self.rng.choice(trade.names).format(n=surname),
            "naf": trade.naf,
            "activity": trade.label,
            "address": f"{index % 60 + 1} {self.rng.choice(data.STREETS)}",
            "postcode": data.POSTCODE,
            "commune": data.COMMUNE,
            "surface_m2": facts["surface_totale"],
            "staff": facts["effectif"],
            "contact_name": f"{self.rng.choice(data.FIRST_NAMES)} {surname}",
        }

    def _visit(self, shop_id: str, activity: str, facts: dict[str, Any], outcome: str) -> None:
        days = self.rng.randint(-20, -1) if outcome == "planned" else self.rng.randint(5, 85)
        visit_day = self.today - timedelta(days=days)
        with dated(self.store, min(visit_day, self.today)):
            self._visit_on(shop_id, facts, outcome, visit_day)

    def _visit_on(self, shop_id: str, facts: dict[str, Any], outcome: str, visit_day: date) -> None:
        audit = create_audit(
            self.store,
            shop_id,
            self.questionnaire.ref,
            planned_on=visit_day,
            campaign_id=self.summary.campaign_id,
            advisor=self.rng.choice(data.ADVISORS),
        )
        self.summary.audits += 1
        if outcome == "planned":
            return
        answers = shop_answers(self.questionnaire, facts, self.rng, self.reference.numbers)
        for question_id, value in answers.items():
            try:
                save_answer(self.store, audit.id, question_id, answered(value))
            except DiagError:
                continue
        stored = answers_of(self.store, audit.id)
        plan = build_plan(self.questionnaire, stored, self.reference, visit_day)
        for line in plan.lines:
            propose(self.store, audit.id, to_row(line))
        self._decide(audit.id, outcome, visit_day)

    def _decide(self, audit_id: str, outcome: str, visit_day: date) -> None:
        accepted = []
        for line in actions_of(self.store, audit_id):
            draw = self.rng.random()
            if draw < 0.6:
                status = "accepted" if draw < 0.45 else "rejected"
                edit_action(self.store, line["id"], {"status": status})
                accepted += [line] if status == "accepted" else []
        try:
            complete_audit(self.store, audit_id)
            if outcome == "signed":
                sign_audit(self.store, audit_id)
                self.summary.signed += 1
        except DiagError:
            return
        if outcome == "signed" and accepted and self.rng.random() < 0.35:
            self._follow_up(audit_id, accepted, visit_day)

    def _follow_up(self, audit_id: str, accepted: list[dict[str, Any]], visit_day: date) -> None:
        """A second visit months later: some accepted actions done, their savings measured."""
        day = min(visit_day + timedelta(days=self.rng.randint(30, 75)), self.today)
        with dated(self.store, day):
            self._follow_up_on(audit_id, accepted, day)

    def _follow_up_on(self, audit_id: str, accepted: list[dict[str, Any]], day: date) -> None:
        first = self.store.db.execute(
            "SELECT establishment_id, advisor FROM audits WHERE id = ?", [audit_id]
        ).fetchone()
        follow_up = create_audit(
            self.store,
            first[0],
            self.questionnaire.ref,
            planned_on=day,
            campaign_id=self.summary.campaign_id,
            follow_up_of=audit_id,
            advisor=first[1],
        )
        self.summary.audits += 1
        self.summary.follow_ups += 1
        for line in accepted:
            done = self.rng.random() < 0.7
            ratio = self.rng.uniform(0.6, 1.1)
            values = {k: line[k] for k in PlanLine.model_fields if k in line}
            values["status"] = "done" if done else "accepted"
            if done:
                values["achieved_kwh_year"] = _scaled(line["kwh_year"], ratio)
                values["achieved_eur_year"] = _scaled(line["eur_year"], ratio)
            propose(self.store, follow_up.id, PlanLine.model_validate(values))
        copy_answers(self.store, audit_id, follow_up.id)
        complete_audit(self.store, follow_up.id)


@contextmanager
def dated(store: Store, day: date) -> Iterator[None]:
    """Timestamps of the store (started, completed, signed) on ``day``, as if written then.

    Only the time source of timestamps moves: revs stay increasing (the hybrid clock never
    goes back), so sync order is unaffected.
    """
    original = store.clock.now
    moment = datetime.combine(day, time(10, 0), tzinfo=UTC)
    store.clock.now = lambda: int(moment.timestamp() * 1000)
    try:
        yield
    finally:
        store.clock.now = original


def _scaled(value: float | None, ratio: float) -> float | None:
    return None if value is None else round(value * ratio, 1)
