"""Names of the files the app hands over (readable, safe on every platform's file system), and
the order of names in lists (« Épicerie » among the E, not after the Z)."""

from __future__ import annotations

import unicodedata


def slug(text: str, fallback: str, length: int = 40) -> str:
    """« Commerces économes d'Apt » -> « commerces-economes-d-apt »: ASCII, no spaces."""
    plain = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(c if c.isascii() and c.isalnum() else "-" for c in plain if c.isascii())
    return "-".join(part for part in kept.split("-") if part)[:length].strip("-") or fallback


def sort_key(name: str) -> str:
    """Accents and case left out, as a French reader orders names."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))
