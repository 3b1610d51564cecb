"""Plan lines between the engine's model and the store's row, in both directions.

The engine's ``PlanLine`` carries everything the PDF prints (figures per energy, funding,
obligation, follow-up); the store's row keeps the columns the server aggregates (kWh, EUR,
status, owner…) and the full engine line in ``details["line"]``, so a line read back is
exactly the one written. Rows written elsewhere (the demo, another device's older app)
have no such detail: they are rebuilt from their columns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from audits.plan.models import Figures, FollowUp, LineStatus, PlanLine
from audits.store.actions import PlanLine as StoreLine

ADVISOR_COLUMNS = ("status", "owner", "deadline", "note")


def to_row(line: PlanLine) -> StoreLine:
    """The store row of an engine line (figures flattened, the line kept whole in details)."""
    figures = line.figures
    follow_up = line.follow_up
    return StoreLine(
        action_key=line.action_id,
        title=line.title,
        from_catalogue=not line.custom,
        theme=line.theme,
        kwh_year=figures.kwh_total if figures.computed else None,
        eur_year=figures.eur if figures.computed else None,
        kgco2e_year=figures.kgco2e if figures.computed else None,
        cost_eur=figures.cost,
        aid_eur=figures.aid,
        payback_years=figures.payback_years,
        priority=line.priority,
        regulatory=line.regulatory,
        funding=list(line.funding),
        owner=line.owner,
        deadline=line.deadline.isoformat() if line.deadline else None,
        status=line.status.value,
        achieved_kwh_year=sum(follow_up.kwh.values()) if follow_up else None,
        achieved_eur_year=follow_up.eur if follow_up else None,
        details={"line": line.model_dump(mode="json")},
        note=line.advisor_note,
    )


def from_row(row: dict[str, Any]) -> PlanLine:
    """The engine line of a stored row; the row's own advisor columns win (sync may move them)."""
    stored = row.get("details", {}).get("line")
    line = _detailed(stored) if stored else None
    if line is None:
        return _rebuilt(row)
    return line.model_copy(
        update={
            "status": LineStatus(row["status"]),
            "owner": row.get("owner"),
            "deadline": _date(row.get("deadline")),
            "advisor_note": row.get("note"),
        }
    )


def _detailed(stored: Any) -> PlanLine | None:
    try:
        return PlanLine.model_validate(stored)
    except ValidationError:
        return None


def _rebuilt(row: dict[str, Any]) -> PlanLine:
    """A line from columns alone: no per-energy split, so the kWh count as electricity."""
    kwh = row.get("kwh_year")
    achieved = row.get("achieved_eur_year")
    status = LineStatus(row["status"])
    follow_up = None
    if status is LineStatus.DONE:
        follow_up = FollowUp(done_on=dt.date.today(), eur=achieved)
    return PlanLine(
        action_id=row["action_key"],
        title=row["title"],
        theme=row.get("theme"),
        custom=not row.get("from_catalogue", True),
        figures=Figures(
            kwh={"electricite": kwh} if kwh else {},
            eur=row.get("eur_year") or 0.0,
            kgco2e=row.get("kgco2e_year") or 0.0,
            cost=row.get("cost_eur"),
            aid=row.get("aid_eur") or 0.0,
            computed=row.get("eur_year") is not None,
        ),
        funding=list(row.get("funding") or []),
        priority=row.get("priority") or 0,
        status=status,
        edited=bool(row.get("edited")),
        owner=row.get("owner"),
        deadline=_date(row.get("deadline")),
        advisor_note=row.get("note"),
        follow_up=follow_up,
    )


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def same_row(line: StoreLine, row: dict[str, Any]) -> bool:
    """Whether writing ``line`` would change nothing in ``row`` (no needless outbox entry)."""
    written = line.model_dump()
    return all(row.get(key) == value for key, value in written.items())
