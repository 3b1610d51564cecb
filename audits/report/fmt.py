"""French number, money and date formatting (babel, locale fr_FR) for the PDF and the CLI.

Babel writes the thousands separator as a narrow no-break space (U+202F): the owner reads
« 1 234,5 kWh », and a number never breaks across two lines of a table.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "fr_FR"


def number(value: float, decimals: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def kwh(value: float) -> str:
    """« 1 234,5 kWh » below 10 000 kWh, where the decimal still means something; else whole."""
    decimals = 1 if abs(value) < 10_000 and value != round(value) else 0
    return f"{number(value, decimals)}\u00a0kWh"


def euros(value: float) -> str:
    """« 12 345 € »: plans speak in whole euros, cents would be false precision."""
    return format_currency(
        round(value), "EUR", format="#,##0\u00a0¤", locale=LOCALE, currency_digits=False
    )


def tonnes_co2(kg: float) -> str:
    return f"{number(kg / 1000, 2 if abs(kg) < 10_000 else 1)}\u00a0t\u00a0CO₂e"


def kg_co2(kg: float) -> str:
    return f"{number(kg)}\u00a0kg\u00a0CO₂e"


def percent(share: float, decimals: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(share, format=pattern, locale=LOCALE)


def years(value: float | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "immédiat"
    if value < 1:
        return f"{max(round(value * 12), 1)}\u00a0mois"
    return f"{number(value, 1)}\u00a0an" + ("s" if value >= 2 else "")


def long_date(day: dt.date) -> str:
    """« 23 novembre 2026 »."""
    return format_date(day, format="d MMMM y", locale=LOCALE)


def short_date(day: dt.date) -> str:
    return format_date(day, format="dd/MM/y", locale=LOCALE)


LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def sort_key(text: str) -> tuple[str, str, str]:
    """French dictionary order: « Épicerie » between « Eau » and « Fleuriste », not after Z.

    Babel has no collation, so this is the first two levels of the French rules by hand:
    letters without accents or case first (œ as « oe »), then accents and case break ties, then
    the text itself, so that equal names still sort the same way every time.
    """
    folded = text.casefold().translate(LIGATURES)
    base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return base, folded, text
