"""Filling a database with the sample street of ``demo_data``: shops, a campaign, audits.

Answers go through the store like an advisor's (validated, visible questions only, in
questionnaire order), so the demo also exercises every rule. Questionnaires that are
missing or changed are handled: only questions that exist and accept the value are answered.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

from stdnum import luhn

from audits.answers import answered
from audits.errors import AnswerError, DiagError
from audits.evaluation import evaluate
from audits.questionnaire import Question, Questionnaire, QuestionType
from audits.store import demo_data
from audits.store.actions import PlanLine, propose
from audits.store.answers import answers_of, save_answer
from audits.store.audits import complete_audit, create_audit, sign_audit
from audits.store.campaigns import add_to_campaign, create_campaign
from audits.store.db import Store
from audits.store.establishments import create_establishment
from audits.store.photos import add_photo
from audits.store.questionnaires import import_questionnaire

ENERGY_QUESTIONNAIRE = "energie-commerce"
DAYS_AGO = {"signed": 40, "completed": 12, "draft": 0}


@dataclass
class DemoSummary:
    establishments: int = 0
    audits: int = 0
    answers: int = 0
    signed: int = 0


def fill_demo(
    store: Store, questionnaires: list[Questionnaire], today: date, seed: int = 84400
) -> DemoSummary:
    """Add the sample street; ``today`` dates the visits (the demo has some planned today)."""
    for questionnaire in questionnaires:
        import_questionnaire(store, questionnaire)
    available = {q.id: q for q in questionnaires}
    campaign_id = _campaign(store, today) if ENERGY_QUESTIONNAIRE in available else None
    street = _Street(store, Random(seed), today, available, campaign_id)  # noqa: S311 (not crypto)
    for shop in demo_data.SHOPS:
        street.add_shop(shop)
    return street.summary


@dataclass
class _Street:
    """The state of one demo run: where it writes, its random source and what it made."""

    store: Store
    rng: Random
    today: date
    questionnaires: dict[str, Questionnaire]
    campaign_id: str | None
    summary: DemoSummary = field(default_factory=DemoSummary)

    def add_shop(self, shop: Mapping[str, Any]) -> None:
        establishment = create_establishment(self.store, _establishment(shop, self.rng))
        self.summary.establishments += 1
        if self.campaign_id:
            add_to_campaign(self.store, self.campaign_id, establishment.id)
        for qid, status in shop["status"].items():
            if qid in self.questionnaires:
                self.add_audit(establishment.id, qid, shop["answers"].get(qid, {}), status)

    def add_audit(
        self, establishment_id: str, qid: str, presets: Mapping[str, Any], status: str
    ) -> None:
        questionnaire = self.questionnaires[qid]
        days_ago = DAYS_AGO[status] + (self.rng.randint(0, 5) if status != "draft" else 0)
        audit = create_audit(
            self.store,
            establishment_id,
            questionnaire.ref,
            planned_on=self.today - timedelta(days=days_ago),
            campaign_id=self.campaign_id if qid == ENERGY_QUESTIONNAIRE else None,
        )
        self.summary.audits += 1
        share = 0.5 if status == "draft" else 1.0
        self.summary.answers += answer_audit(
            self.store, audit.id, questionnaire, presets, self.rng, self.today, share
        )
        if status in ("completed", "signed"):
            _plan(self.store, audit.id, questionnaire, status)
            self.summary.signed += _advance(self.store, audit.id, status)


def _campaign(store: Store, today: date) -> str:
    return create_campaign(
        store,
        demo_data.CAMPAIGN,
        ENERGY_QUESTIONNAIRE,
        organiser=demo_data.CAMPAIGN_ORGANISER,
        commune=demo_data.COMMUNE,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=30),
        advisors=[store.user_id],
    )


def _establishment(shop: Mapping[str, Any], rng: Random) -> dict[str, Any]:
    slug = re.sub(r"[^a-z]+", "-", shop["activity"].lower()).strip("-")
    fields = ("name", "naf", "activity", "surface_m2", "staff", "contact_name")
    return {
        **{name: shop[name] for name in fields},
        "siret": demo_siret(rng),
        "address": f"{shop['number']} {demo_data.STREET}",
        "postcode": demo_data.POSTCODE,
        "commune": demo_data.COMMUNE,
        "contact_phone": f"04 90 74 {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "contact_email": f"contact@{slug}-apt.example",
    }


def demo_siret(rng: Random) -> str:
    """An invented SIRET whose SIREN and SIRET Luhn keys are right."""
    siren = str(rng.randint(10_000_000, 99_999_999))
    siren += luhn.calc_check_digit(siren)
    body = f"{siren}{rng.randint(1, 99):04d}"
    return body + luhn.calc_check_digit(body)


def answer_audit(
    store: Store,
    audit_id: str,
    questionnaire: Questionnaire,
    presets: Mapping[str, Any],
    rng: Random,
    today: date,
    share: float = 1.0,
) -> int:
    """Answer visible questions in order (each answer may show others); return the count."""
    tried: set[str] = set()
    count = 0
    while (question := _next_question(store, audit_id, questionnaire, tried)) is not None:
        tried.add(question.id)
        if question.id not in presets and rng.random() > share:
            continue
        for attempt in range(3):
            value = presets[question.id] if question.id in presets and not attempt else None
            try:
                value = value if value is not None else _value(store, question, rng, today)
                save_answer(store, audit_id, question.id, answered(value))
            except AnswerError:
                continue
            count += 1
            break
    return count


def _next_question(
    store: Store, audit_id: str, questionnaire: Questionnaire, tried: set[str]
) -> Question | None:
    state = evaluate(questionnaire, answers_of(store, audit_id))
    for question in questionnaire.questions():
        answerable = question.takes_answer and question.type is not QuestionType.COMPUTED
        if answerable and question.id not in tried and state.is_visible(question.id):
            return question
    return None


def _value(store: Store, question: Question, rng: Random, today: date) -> Any:
    codes = [choice.code for choice in question.choices or []]
    kind = question.type
    if kind is QuestionType.BOOL:
        return rng.random() < 0.55
    if kind is QuestionType.CHOICE:
        return rng.choice(codes)
    if kind is QuestionType.MULTI:
        return rng.sample([c for c in codes if c != "aucun"] or codes, k=min(2, len(codes)))
    if kind in (QuestionType.INT, QuestionType.NUMBER):
        return _number(question, rng)
    if kind is QuestionType.DATE:
        return (today - timedelta(days=rng.randint(30, 700))).isoformat()
    if kind is QuestionType.TIME:
        closing = any(word in question.id for word in ("fermeture", "extinction"))
        return rng.choice(["19:00", "19:30"]) if closing else rng.choice(["08:30", "09:00"])
    if kind is QuestionType.PHOTO:
        return [add_photo(store, demo_png(rng), "image/png")]
    if kind is QuestionType.SIGNATURE:
        return add_photo(store, demo_png(rng, height=24), "image/png")
    return rng.choice(demo_data.TEXTS)


def _number(question: Question, rng: Random) -> int | float:
    low = question.min or 0
    if "kwh" in question.id:
        return rng.randrange(8000, 60000, 500)
    if question.max == 100:
        return rng.randrange(10, 95, 5)
    span = min((question.max or low + 100) - low, 20 if question.type is QuestionType.INT else 100)
    if question.type is QuestionType.INT:
        return int(low) + rng.randint(0, int(span))
    return round(low + rng.random() * span, 1)


def demo_png(rng: Random, width: int = 32, height: int = 32) -> bytes:
    """A small solid-colour PNG: a real image file, different for every call."""
    colour = bytes(rng.randrange(256) for _ in range(3))
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))


def _plan(store: Store, audit_id: str, questionnaire: Questionnaire, status: str) -> None:
    for rank, action in enumerate(questionnaire.actions[:3], start=1):
        accepted = status == "signed" and rank == 1
        line = PlanLine(
            action_key=action.id,
            title=action.title,
            theme=action.theme,
            priority=rank,
            status="accepted" if accepted else "proposed",
        )
        propose(store, audit_id, line)


def _advance(store: Store, audit_id: str, status: str) -> int:
    """Complete (and sign) the audit; one still missing answers stays a draft."""
    try:
        complete_audit(store, audit_id)
        if status == "signed":
            sign_audit(store, audit_id)
            return 1
    except DiagError:
        return 0
    return 0
