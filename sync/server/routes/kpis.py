"""``/api/v1/kpis``: the chamber's indicators, and the yearly targets they are measured against."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from sync.protocol import ErrorCode
from sync.server import kpi_facts, kpis
from sync.server.deps import AdminUser, CurrentUser, SessionDep
from sync.server.errors import ERROR_RESPONSES, ApiError
from sync.server.kpi_models import KINDS
from sync.server.kpi_schema import Granularity, KpiFilters, KpiReport, Targets

router = APIRouter(tags=["indicateurs"], responses=ERROR_RESPONSES)
Year = Annotated[int, Path(ge=2000, le=2100)]
Filter = Annotated[str | None, Query(max_length=120)]


@router.get("/kpis", response_model=KpiReport)
def indicators(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    start: Annotated[dt.date | None, Query(alias="from", description="AAAA-MM-JJ")] = None,
    end: Annotated[dt.date | None, Query(alias="to", description="AAAA-MM-JJ")] = None,
    granularity: Granularity = "month",
    campaign: Filter = None,
    advisor: Filter = None,
) -> KpiReport:
    """Audits per kind and period against targets, plans, actions, savings (default: this year)."""
    first, last = kpis.default_filters()
    filters = KpiFilters(start=start or first, end=end or last, granularity=granularity,
                         campaign=campaign, advisor=advisor)  # fmt: skip
    if filters.end < filters.start or (filters.end - filters.start).days > 3700:
        raise ApiError(ErrorCode.VALIDATION_ERROR, "Période invalide (au plus dix ans).")
    read = kpi_facts.refresh(session)
    session.commit()
    kpi_facts.tidy(request.app.state.engine, read)
    return kpis.kpi_report(session, user, filters)


@router.get("/kpis/targets/{year}", response_model=Targets)
def targets(year: Year, session: SessionDep, user: CurrentUser) -> Targets:
    if user.role == "viewer":
        raise ApiError(ErrorCode.FORBIDDEN)
    return Targets(year=year, targets=kpis.get_targets(session, user.org_id, year))


@router.put("/kpis/targets/{year}", response_model=Targets)
def set_targets(year: Year, body: Targets, session: SessionDep, admin: AdminUser) -> Targets:
    """The organisation's commitments for a year, e.g. {"energy": 50, "rse": 80}."""
    unknown = sorted(set(body.targets) - set(KINDS))
    if body.year != year or unknown or any(v < 0 or v > 1_000_000 for v in body.targets.values()):
        raise ApiError(ErrorCode.VALIDATION_ERROR, unknown_kinds=unknown, year=body.year)
    kpis.set_targets(session, admin.org_id, year, body.targets)
    session.commit()
    return Targets(year=year, targets=kpis.get_targets(session, admin.org_id, year))
