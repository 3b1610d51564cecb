"""What the advisor types, turned into answer values, and values shown back as French text.

A phone keyboard gives « 12,5 », « 1 200 », « 8h30 » or « 01/03/2025 »: the engine wants
12.5, 1200, "08:30" and "2025-03-01". Parsing lives here rather than in the view so that
the same rules (and the same French messages) apply on every platform and in tests.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from audits.errors import AnswerError
from audits.questionnaire import Question, QuestionType

SPACES = re.compile(r"[\s\u00a0\u202f]")
TIME_RE = re.compile(r"^(\d{1,2})\s*[:hH.]\s*(\d{2})?$")
FRENCH_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
PREFIX_RE = re.compile(r"^« [^»]+ »\s*(?::\s*)?")


def parse_text(question: Question, text: str) -> Any:
    """The value of a typed answer, None when the field was emptied; AnswerError if unreadable."""
    raw = text.strip()
    if not raw:
        return None
    kind = question.type
    if kind is QuestionType.INT:
        return _int(raw)
    if kind is QuestionType.NUMBER:
        return _number(raw)
    if kind is QuestionType.TIME:
        return _time(raw)
    if kind is QuestionType.DATE:
        return _date(raw)
    return raw


def _number(raw: str) -> float | int:
    compact = SPACES.sub("", raw).replace(",", ".")
    try:
        value = float(compact)
    except ValueError:
        raise AnswerError("saisissez un nombre, par exemple 12,5") from None
    return int(value) if value.is_integer() and "." not in compact else value


def _int(raw: str) -> int:
    value = _number(raw)
    if isinstance(value, float) and not value.is_integer():
        raise AnswerError("saisissez un nombre entier, sans virgule")
    return int(value)


def _time(raw: str) -> str:
    match = TIME_RE.match(raw)
    hours, minutes = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
    if hours > 23 or minutes > 59:
        raise AnswerError("saisissez une heure, par exemple 8h30 ou 19:00")
    return f"{hours:02d}:{minutes:02d}"


def _date(raw: str) -> str:
    match = FRENCH_DATE_RE.match(raw)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day).isoformat()
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise AnswerError("saisissez une date, par exemple 15/03/2025") from None


def input_text(question: Question, value: Any) -> str:
    """A stored value as the field shows it again (« 12,5 », « 15/03/2025 »)."""
    if value is None:
        return ""
    if question.type is QuestionType.DATE and isinstance(value, str):
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def field_message(error: Exception) -> str:
    """An engine message without its « question_id » prefix: the field already says which."""
    message = PREFIX_RE.sub("", str(error)).strip()
    return message[:1].upper() + message[1:]


def number_text(value: float, decimals: int = 0) -> str:
    """« 12 345,6 » with a no-break space that every font of the app can draw."""
    rounded = round(value, decimals)
    body = f"{abs(rounded):,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return ("-" if rounded < 0 else "") + body


def computed_text(question: Question, value: Any) -> str:
    """A computed question's value with its unit, or a dash while it cannot be computed."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() or abs(value) >= 100 else 1
        unit = f"\u00a0{question.unit}" if question.unit else ""
        return number_text(float(value), decimals) + unit
    return str(value)


PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def note_text(label: str, values: dict[str, Any]) -> str:
    """A ``note`` question's text with its ``{question}`` placeholders filled in."""

    def value_of(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            return "…"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number_text(float(value), 0 if abs(value) >= 100 else 1)
        return str(value)

    return PLACEHOLDER_RE.sub(value_of, label)


def parse_amount(text: str) -> float | None:
    """A figure typed in a form (« 1 200 », « 12,5 »); None when left blank."""
    raw = text.strip()
    return None if not raw else float(_number(raw))


def parse_day(text: str) -> date | None:
    """A date typed in a form (« 31/03/2027 » or ISO); None when left blank."""
    raw = text.strip()
    return None if not raw else date.fromisoformat(_date(raw))
