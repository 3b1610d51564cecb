"""XLSForm names and choice codes turned into the identifiers our questionnaires accept.

XLSForm allows capitals, hyphens, leading underscores and names like ``FALSE``; our ids match
``^[a-z][a-z0-9_]*$`` and must not read as keywords of the expression language. Each
registry remembers original -> new so that ``${name}`` references can be translated.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

MAX_LENGTH = 64
RESERVED = frozenset(
    {word.lower() for word in keyword.kwlist} | {"value", "true", "false", "null", "none"}
)
_INVALID_ID = re.compile(r"[^a-z0-9_]+")
_INVALID_QUESTIONNAIRE_ID = re.compile(r"[^a-z0-9_-]+")
_INVALID_CODE = re.compile(r"[^A-Za-z0-9_.-]+")
_UNDERSCORES = re.compile(r"_{2,}")


def ascii_text(text: str) -> str:
    """``Équipé`` -> ``Equipe``: accents dropped, not the letters they sit on."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def to_identifier(text: str, prefix: str = "q", hyphens: bool = False) -> str:
    """A valid, non-reserved identifier as close as possible to ``text``.

    Questionnaire ids may hold hyphens (``energie-commerce``), question ids may not.
    """
    invalid = _INVALID_QUESTIONNAIRE_ID if hyphens else _INVALID_ID
    name = invalid.sub("_", ascii_text(text).lower())
    name = _UNDERSCORES.sub("_", name).strip("_-")
    if not name:
        return prefix
    if not name[0].isalpha() or name in RESERVED:
        name = f"{prefix}_{name}"
    return name[:MAX_LENGTH].rstrip("_-")


def to_code(text: str) -> str:
    """A valid choice code as close as possible to ``text`` (case is kept)."""
    code = _INVALID_CODE.sub("_", ascii_text(text).strip())
    code = _UNDERSCORES.sub("_", code)
    return code[:MAX_LENGTH] or "choix"


def with_suffix(base: str, number: int) -> str:
    suffix = f"_{number}"
    return base[: MAX_LENGTH - len(suffix)] + suffix


class Registry:
    """Hands out unique names in one family (question ids, section ids, codes of a list)."""

    def __init__(self, code: bool = False) -> None:
        self.code = code
        self.taken: set[str] = set()
        self.by_original: dict[str, str] = {}

    def claim(self, original: str, prefix: str = "q") -> str:
        """The new name of ``original``; the first holder of a duplicated name keeps the map."""
        base = to_code(original) if self.code else to_identifier(original, prefix)
        name, number = base, 1
        while name in self.taken:
            number += 1
            name = with_suffix(base, number)
        self.taken.add(name)
        self.by_original.setdefault(original, name)
        return name
