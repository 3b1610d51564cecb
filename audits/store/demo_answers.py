"""Plausible, mutually consistent answers of one invented shop to the energy questionnaire.

``shop_facts`` draws what defines the shop (trade, surfaces, consumption, lighting, cold);
``shop_answers`` then answers every question that becomes visible, facts first and sensible
random values elsewhere, in rounds: each round's answers may show further questions. Kept
in memory until the end, so a shop costs a few evaluations instead of one per question.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from random import Random
from typing import Any

from audits.answers import Answer, answered
from audits.evaluation import evaluate
from audits.questionnaire import Question, Questionnaire, QuestionType
from audits.store.demo_campaign_data import OBSERVATIONS, Trade

SKIPPED = {"puissance_eclairage_vente": 0.7, "conso_chauffage_connue": 0.6, "photo_facade": 1.0}
"""Questions an advisor often cannot answer on the spot, with how often they stay empty."""

NUMBERS = {
    "consigne_hiver": (18, 23),
    "consigne_ete": (21, 27),
    "heures_mise_en_place": (0, 2),
    "charge_fluide_kg": (1, 12),
    "puissance_spot_halogene": (35, 50),
    "puissance_luminaire_fluo": (60, 130),
    "nb_luminaires_fluo": (4, 24),
    "nb_zones_sans_detecteur": (1, 4),
    "puissance_eclairage_annexes": (100, 600),
    "puissance_enseigne_w": (150, 900),
    "puissance_vitrine_w": (200, 1500),
    "nb_ecrans": (0, 3),
    "temperature_ecs": (50, 65),
    "nb_robinets": (1, 4),
    "puissance_four_kw": (12, 40),
    "heures_cuisson_jour": (2, 7),
    "duree_prechauffe_min": (15, 60),
    "nb_appareils_veille": (0, 8),
    "part_hc": (15, 60),
    "puissance_souscrite_kva": (9, 36),
}
TIMES = {
    "heure_extinction_enseigne": ("19:30", "20:00", "22:00", "23:30", "01:30"),
    "heure_extinction_vitrine": ("19:30", "20:00", "22:00", "01:00", "02:00"),
}


def shop_facts(trade: Trade, rng: Random) -> dict[str, Any]:
    """The answers that define the shop; the rest follows from them or is drawn freely."""
    sales = rng.randint(*trade.surface)
    total = round(sales * rng.uniform(1.15, 1.6))
    energies = ["electricite"] + (["gaz"] if rng.random() < trade.gas_share else [])
    lighting = _lighting(trade, rng)
    food = trade.activity in ("alimentation", "boucherie")
    facts: dict[str, Any] = {
        "activite": trade.activity,
        "surface_vente": sales,
        "surface_totale": total,
        "effectif": rng.randint(1, 8),
        "heure_ouverture": rng.choice(("08:00", "08:30", "09:00", "09:30")),
        "heure_fermeture": rng.choice(("18:30", "19:00", "19:30")),
        "jours_ouverture": rng.choice((5, 6, 6, 6)),
        "semaines_fermeture": rng.randint(1, 5),
        "zone_climatique": "H3",
        "ensemble_1000": False,
        "energies": energies,
        "conso_electricite_kwh": round(total * rng.uniform(*trade.kwh_per_m2), -2),
        "technos_eclairage": lighting,
        "longueur_vitrines_ouvertes": round(rng.uniform(*trade.open_cases_m), 1),
        "longueur_bacs_negatifs_ouverts": rng.choice((0, 0, 1, 2)) if food else 0,
        "systeme_chauffage": _heating(energies, rng),
        "observations": rng.choice(OBSERVATIONS),
    }
    if "gaz" in energies:
        facts["conso_gaz_kwh"] = round(rng.uniform(12_000, 70_000), -2)
    if "halogene" in lighting:
        facts["nb_spots_halogenes"] = rng.randint(6, 45)
    return facts


def _lighting(trade: Trade, rng: Random) -> list[str]:
    found = ["led"] if rng.random() < 0.7 else []
    if rng.random() < trade.halogen_share:
        found.append("halogene")
    if rng.random() < 0.35:
        found.append("fluo_t8")
    return found or ["fluocompacte"]


def _heating(energies: list[str], rng: Random) -> str:
    if "gaz" in energies and rng.random() < 0.6:
        return "chaudiere_gaz"
    return rng.choice(("convecteurs", "convecteurs", "pac_air_air", "pac_air_air", "aucun"))


def shop_answers(
    questionnaire: Questionnaire,
    facts: Mapping[str, Any],
    rng: Random,
    reference: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Values for the visible questions, in questionnaire order, facts first."""
    answers: dict[str, Answer] = {}
    tried: set[str] = set()
    while True:
        state = evaluate(questionnaire, answers, reference)
        fresh = [
            q
            for q in questionnaire.questions()
            if q.takes_answer and q.type is not QuestionType.COMPUTED
            and q.id not in tried and state.is_visible(q.id)
        ]  # fmt: skip
        if not fresh:
            return {qid: answer.value for qid, answer in answers.items()}
        for question in fresh:
            tried.add(question.id)
            value = facts.get(question.id, _drawn(question, rng))
            if value is not None:
                answers[question.id] = answered(value)


def _drawn(question: Question, rng: Random) -> Any:
    if rng.random() < SKIPPED.get(question.id, 0.0):
        return None
    if question.id in NUMBERS:
        low, high = NUMBERS[question.id]
        return rng.randint(low, high)
    if question.id in TIMES:
        return rng.choice(TIMES[question.id])
    return _by_type(question, rng)


def _by_type(question: Question, rng: Random) -> Any:
    codes = [choice.code for choice in question.choices or []]
    kind = question.type
    if kind is QuestionType.BOOL:
        return rng.random() < 0.55
    if kind is QuestionType.CHOICE:
        return rng.choice(codes)
    if kind is QuestionType.MULTI:
        return rng.sample([c for c in codes if c != "aucun"] or codes, k=1)
    if kind in (QuestionType.INT, QuestionType.NUMBER):
        low = int(question.min or 0)
        high = min(int(question.max or low + 10), low + 10)
        return rng.randint(low, high)
    if kind is QuestionType.DATE:
        return date(2026, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
    if kind is QuestionType.TIME:
        return rng.choice(("08:30", "19:00"))
    if kind is QuestionType.TEXT:
        return rng.choice(OBSERVATIONS)
    return None
