"""The cells of a row that an import leaves out, named as the author wrote the columns.

pyxform groups columns (``appearance`` is ``control.appearance``, ``constraint_message``
is ``bind.jr:constraintMsg``); notices name them back in XLSForm terms, with their value, so
that « colonnes ignorées : appearance=autocomplete, choice_filter=… » reads like the sheet.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from audits.xlsform.reading import ROW

SPELLING = {
    "jr:requiredMsg": "required_message",
    "jr:constraintMsg": "constraint_message",
    "readonly": "read_only",
    "jr:count": "repeat_count",
    "jr:noAppErrorString": "no_app_error_string",
    "calculate": "calculation",
}
GROUPS = ("bind", "control")
TRANSLATED = frozenset({"label", "hint", "jr:constraintMsg"})  # other languages: not columns
MAX_VALUE = 40
Cell = tuple[tuple[str, ...], str]


def cells(row: dict[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[Cell]:
    """(column path, value) of every non-empty cell of a grouped row."""
    for key, value in row.items():
        if key == ROW:
            continue
        if isinstance(value, dict):
            yield from cells(value, (*prefix, key))
        elif value not in (None, ""):
            yield (*prefix, key), str(value)


def column_name(path: tuple[str, ...]) -> str:
    parts = path[1:] if path[0] in GROUPS and len(path) > 1 else path
    return "::".join(SPELLING.get(part, part) for part in parts)


def ignored(row: dict[str, Any], used: Collection[str]) -> list[str]:
    """``column=value`` of the cells not in ``used`` (paths written ``bind.relevant``)."""
    found = []
    for path, value in cells(row):
        key = ".".join(path[:2]) if path[0] in GROUPS else path[0]
        if key in used or any(part in TRANSLATED for part in path):
            continue
        short = value if len(value) <= MAX_VALUE else value[: MAX_VALUE - 1] + "…"
        found.append(f"{column_name(path)}={short}")
    return found


def ignored_names(row: dict[str, Any], used: Collection[str]) -> list[str]:
    """Just the column names, for sheets where values repeat on every row (choices)."""
    return [item.split("=", 1)[0] for item in ignored(row, used)]
