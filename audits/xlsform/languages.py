"""Which language of a multilingual XLSForm becomes the questionnaire's text.

XLSForm keeps one column per language (``label::French (fr)``, ``label::English (en)``);
our questionnaires hold one text. The language the author asks for wins, then French when the
workbook has it, then the form's ``default_language``, then the language most labels are
written in. A cell missing in that language falls back to the untagged column, then to any.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from audits.xlsform.names import ascii_text
from audits.xlsform.reading import DEFAULT_LANGUAGE, Row

TEXT_KEYS = ("label", "hint")
_FRENCH = re.compile(r"^(?:fr|fra|fre)(?:[-_][a-z]{2})?$|\((?:fr|fra|fre)(?:[-_][a-z]{2})?\)")


def is_french(language: str) -> bool:
    """``French (fr)``, ``fr``, ``fr-FR``, ``Français``, ``francais``…"""
    name = ascii_text(language).strip().lower()
    return bool(_FRENCH.search(name)) or name.startswith(("french", "francais"))


def label_languages(rows: Iterable[Row]) -> Counter[str]:
    """How many label cells each language has (untagged cells count as the default)."""
    counts: Counter[str] = Counter()
    for row in rows:
        label = row.get("label")
        if isinstance(label, dict):
            counts.update(key for key, text in label.items() if text)
        elif label:
            counts[DEFAULT_LANGUAGE] += 1
    return counts


def choose_language(counts: Counter[str], wanted: str | None, default: str | None) -> str:
    """The language to read texts in, by the rule of the module docstring."""
    if wanted and wanted in counts:
        return wanted
    french = [language for language in counts if is_french(language)]
    if french:
        return max(french, key=lambda language: counts[language])
    if default and default in counts:
        return default
    if not counts:
        return DEFAULT_LANGUAGE
    return counts.most_common(1)[0][0]


def text_in(value: Any, language: str) -> str | None:
    """The text of a cell group in ``language``, else the untagged text, else any text."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return str(value) or None
    for key in (language, DEFAULT_LANGUAGE):
        text = value.get(key)
        if isinstance(text, str) and text:
            return text
    return next((text for text in value.values() if isinstance(text, str) and text), None)
