"""Plan lines: the actions proposed to an establishment, keyed by (audit, action key).

The plan engine recomputes lines as answers change; a recomputation only refreshes lines
the advisor has left alone (not edited, still « proposed »), so the advisor's choices and
figures are never overwritten. Custom lines get a ``custom_…`` key of their own.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from audits.store import rows
from audits.store.audit_rows import editable_audit
from audits.store.db import Store
from audits.store.errors import NotFoundError, invalid_data
from audits.store.ids import new_id

ActionStatus = Literal["proposed", "accepted", "rejected", "done"]


class PlanLine(BaseModel):
    """One line of an action plan as the engine or the advisor produces it."""

    model_config = ConfigDict(extra="forbid")

    action_key: str = Field(min_length=1, max_length=100)
    title: str = Field(min_length=1)
    from_catalogue: bool = True
    theme: str | None = None
    kwh_year: float | None = None
    eur_year: float | None = None
    kgco2e_year: float | None = None
    cost_eur: float | None = None
    aid_eur: float | None = None
    payback_years: float | None = None
    priority: int | None = None
    regulatory: bool = False
    funding: list[str] = Field(default_factory=list)
    owner: str | None = None
    deadline: str | None = None
    status: ActionStatus = "proposed"
    achieved_kwh_year: float | None = None
    achieved_eur_year: float | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    note: str | None = None


LINE_FIELDS = tuple(PlanLine.model_fields)


def _columns(line: PlanLine) -> dict[str, Any]:
    values = line.model_dump()
    values["funding"] = rows.to_json(values["funding"])
    values["details"] = rows.to_json(values["details"])
    return values


def propose(store: Store, audit_id: str, line: PlanLine) -> str:
    """Add or refresh an engine line; one the advisor touched is left as it is."""
    with store.db.atomic():
        editable_audit(store, audit_id)
        row = store.db.execute(
            "SELECT id, edited, status FROM actions WHERE audit_id = ? AND action_key = ?",
            [audit_id, line.action_key],
        ).fetchone()
        if row is None:
            return rows.insert(store, "actions", {"audit_id": audit_id, **_columns(line)})
        row_id, edited, status = row
        if not edited and status == "proposed":
            rows.update(store, "actions", row_id, _columns(line))
        return str(row_id)


def add_custom(store: Store, audit_id: str, line: PlanLine) -> str:
    """A line the advisor writes: its own key, marked as edited so no recomputation drops it."""
    custom = line.model_copy(update={"action_key": f"custom_{new_id()}", "from_catalogue": False})
    with store.db.atomic():
        editable_audit(store, audit_id)
        values = {"audit_id": audit_id, **_columns(custom), "edited": 1}
        return rows.insert(store, "actions", values)


def edit_action(store: Store, action_id: str, changes: dict[str, Any]) -> None:
    """The advisor's change to a line (figures, owner, deadline, status…)."""
    with store.db.atomic():
        current = _line(store, action_id)
        editable_audit(store, current.pop("audit_id"))
        current.pop("edited")
        merged = _plan_line({**current, **changes})
        rows.update(store, "actions", action_id, {**_columns(merged), "edited": 1})


def actions_of(store: Store, audit_id: str) -> list[dict[str, Any]]:
    """Live plan lines of an audit, by priority then key."""
    cursor = store.db.execute(
        "SELECT id FROM actions WHERE audit_id = ? AND deleted = 0"
        " ORDER BY priority IS NULL, priority, action_key",
        [audit_id],
    )
    return [{"id": row[0], **_line(store, row[0])} for row in cursor.fetchall()]


def copy_actions(store: Store, from_audit: str, to_audit: str) -> None:
    """Copy plan lines into another audit (a revision), keeping their edited flag."""
    for line in actions_of(store, from_audit):
        copied = _columns(_plan_line({k: line[k] for k in LINE_FIELDS}))
        edited = int(line["edited"])
        rows.insert(store, "actions", {"audit_id": to_audit, **copied, "edited": edited})


def _plan_line(values: dict[str, Any]) -> PlanLine:
    try:
        return PlanLine.model_validate(values)
    except ValidationError as exc:
        raise invalid_data("action", exc, PlanLine) from None


def _line(store: Store, action_id: str) -> dict[str, Any]:
    names = ("audit_id", "edited", *LINE_FIELDS)
    columns = ", ".join(names)
    row = store.db.execute(
        f"SELECT {columns} FROM actions WHERE id = ? AND deleted = 0",  # noqa: S608
        [action_id],
    ).fetchone()
    if row is None:
        raise NotFoundError("action", action_id)
    values = dict(zip(names, row, strict=True))
    values["funding"] = json.loads(values["funding"])
    values["details"] = json.loads(values["details"])
    values["from_catalogue"] = bool(values["from_catalogue"])
    values["regulatory"] = bool(values["regulatory"])
    values["edited"] = bool(values["edited"])
    return values
