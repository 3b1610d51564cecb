"""Turning kWh into euros and kgCO2e with the reference data.

The engine values every kWh the same way wherever it appears (a line, a total, an advisor's
edit), with ``prix_<énergie>`` and ``facteur_emission_<énergie>`` of the reference data; the
plan keeps the ``Valuation`` it used so an edit made weeks later is valued like the estimate.
"""

from __future__ import annotations

from collections.abc import Iterable

from audits.plan.models import ENERGIES, Valuation
from audits.questionnaire import Energy
from audits.reference import Reference

PRICE_KEY = "prix_{energy}"
FACTOR_KEY = "facteur_emission_{energy}"


def valuation_of(reference: Reference) -> Valuation:
    """Prices and factors per energy; an energy without a price saves kWh but no money."""
    numbers = reference.numbers
    prices = {
        e: numbers[PRICE_KEY.format(energy=e)]
        for e in ENERGIES
        if PRICE_KEY.format(energy=e) in numbers
    }
    factors = {
        e: numbers[FACTOR_KEY.format(energy=e)]
        for e in ENERGIES
        if FACTOR_KEY.format(energy=e) in numbers
    }
    return Valuation(prices=prices, factors=factors)


def valuation_keys(energies: Iterable[Energy]) -> set[str]:
    """Reference keys read when valuing these energies."""
    keys: set[str] = set()
    for energy in energies:
        keys |= {PRICE_KEY.format(energy=energy), FACTOR_KEY.format(energy=energy)}
    return keys


def rounded_kwh(value: float) -> float:
    return round(value, 1)


def rounded_eur(value: float) -> float:
    return round(value, 2)
