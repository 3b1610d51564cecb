"""Patching a document that failed validation so that the rule checks can still run on it.

An author wants every problem of a file in one pass, not one pass per fix. When pydantic
refuses some fields, the offending values are replaced by harmless placeholders (or dropped
when optional), at the same positions, so that the expression and id checks still see the
rest of the questionnaire with its document paths unchanged.
"""

from __future__ import annotations

import copy
from itertools import count
from typing import Any

from pydantic import ValidationError

from audits.errors import Path

_counter = count(1)

PLACEHOLDER_SCALARS: dict[str, Any] = {
    "version": 1,
    "kind": "other",
    "type": "text",
    "title": "?",
    "label": "?",
    "trigger": "false",
    "condition": "false",
}
LIST_ITEM_KEYS = {
    "sections": "section",
    "questions": "question",
    "choices": "choice",
    "actions": "action",
    "labels": "label",
    "criteria": "criterion",
    "themes": "theme",
    "sources": "source",
}
REQUIRED_KEYS = {
    "questionnaire": ("id", "version", "title", "kind", "sections"),
    "section": ("id", "title", "questions"),
    "question": ("id", "type", "label"),
    "choice": ("code", "label"),
    "action": ("id", "title", "trigger"),
    "label": ("id", "title", "criteria"),
    "criterion": ("id", "label", "condition"),
    "theme": ("id", "title"),
    "source": ("id", "title"),
}


def placeholder(key: str) -> Any:
    """A valid stand-in for the value of ``key``, unique where it is an identifier."""
    if key in ("id", "code"):
        return f"x_invalide_{next(_counter)}"
    if key in PLACEHOLDER_SCALARS:
        return PLACEHOLDER_SCALARS[key]
    if key in LIST_ITEM_KEYS:
        return [placeholder_item(LIST_ITEM_KEYS[key])]
    if key == "score":
        return None
    return None


def placeholder_item(kind: str) -> dict[str, Any]:
    return {key: placeholder(key) for key in REQUIRED_KEYS[kind]}


def salvage(data: dict[str, Any], error: ValidationError) -> dict[str, Any]:
    """A copy of ``data`` with every refused value replaced by a placeholder."""
    patched = copy.deepcopy(data)
    for detail in error.errors(include_url=False):
        _patch(patched, tuple(str(s) if not isinstance(s, int) else s for s in detail["loc"]))
    return patched


def _patch(document: dict[str, Any], loc: Path) -> None:
    path = tuple(step for step in loc if step not in ("oui_non", "formule", "[key]"))
    parent: Any = document
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return
    if not path:
        return
    last = path[-1]
    if isinstance(parent, dict):
        _patch_mapping(parent, str(last))
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        owner = path[-2] if len(path) > 1 else ""
        parent[last] = placeholder_item(LIST_ITEM_KEYS.get(str(owner), "question"))


TYPE_DEPENDENT_KEYS = ("choices", "formula", "min", "max", "score")


def _patch_mapping(parent: dict[str, Any], key: str) -> None:
    if key == "type":
        # The placeholder type says nothing of the author's intent: checks of the keys that
        # depend on the type would only report problems the author does not have.
        for dependent in TYPE_DEPENDENT_KEYS:
            parent.pop(dependent, None)
    value = placeholder(key)
    if value is None:
        parent.pop(key, None)
    else:
        parent[key] = value
