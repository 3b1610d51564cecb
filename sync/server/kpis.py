"""The chamber's KPIs: audits per kind and period against yearly targets, plans handed over,
actions accepted and done, savings estimated and achieved at follow-up.

Scoped like the rest of the API: an admin or advisor sees the organisation's audits; an
association viewer sees only the campaigns shared with its organisation, aggregated (no
breakdown by advisor, and no plan or savings figure over fewer than ``MIN_GROUP`` audits).
Three grouped queries over the typed facts (``kpi_facts``) answer any filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from sync.protocol import ErrorCode
from sync.server.errors import ApiError
from sync.server.kpi_models import KINDS, KpiAudit, KpiTarget
from sync.server.kpi_periods import period_of, periods, prorated
from sync.server.kpi_schema import (
    KIND_LABELS,
    Actions,
    Breakdown,
    FollowUpSavings,
    KindCount,
    KpiFilters,
    KpiReport,
    KpiScope,
    PeriodCount,
    Savings,
)
from sync.server.models import CampaignViewer, Questionnaire, SyncRow, User

MIN_GROUP = 3
SUM_COLUMNS = ("lines", "accepted", "done", "rejected", "kwh_est", "eur_est", "co2_est",
               "kwh_acc", "eur_acc", "kwh_done_est", "kwh_achieved", "eur_done_est",
               "eur_achieved")  # fmt: skip


def kpi_report(session: Session, user: User, filters: KpiFilters) -> KpiReport:
    """The report over the facts as they are (``kpi_facts.refresh`` them first)."""
    scope, where = _scope(session, user, filters)
    kinds = _kinds(session)
    groups = session.execute(_main_query(where)).all()
    people = list(session.execute(_people_query(where)).all())
    main = [g for g in groups if not g.follow_up]
    follow = [g for g in groups if g.follow_up]
    done = sum(g.audits for g in main)
    hidden = user.role == "viewer" and done < MIN_GROUP
    return KpiReport(
        filters=filters,
        scope=scope,
        suppressed=hidden,
        periods=periods(filters.start, filters.end, filters.granularity),
        audits=_by_kind(session, user, filters, main, kinds),
        by_period=_by_period(filters, main, kinds),
        total_done=done,
        plans_handed_over=sum(g.signed for g in main),
        actions=None if hidden else _actions(main, follow),
        savings_estimated=None if hidden else _savings(main, "kwh_est", "eur_est", "co2_est"),
        savings_accepted=None if hidden else _savings(main, "kwh_acc", "eur_acc"),
        follow_up=None if hidden else _follow_up(follow),
        advisors=[] if user.role == "viewer" else _advisors(people),
        campaigns=_campaigns(session, people),
    )


def _scope(
    session: Session, user: User, filters: KpiFilters
) -> tuple[KpiScope, list[ColumnElement[bool]]]:
    where: list[ColumnElement[bool]] = [
        KpiAudit.counted.is_(True),
        KpiAudit.day >= filters.start,
        KpiAudit.day <= filters.end,
    ]
    if filters.campaign:
        where.append(KpiAudit.campaign_id == filters.campaign)
    if filters.advisor:
        if user.role == "viewer":
            raise ApiError(
                ErrorCode.FORBIDDEN, "Le filtre par conseiller est réservé à la chambre."
            )
        where.append(KpiAudit.advisor == filters.advisor)
    if user.role != "viewer":
        where.append(KpiAudit.org_id == user.org_id)
        return KpiScope(org_id=user.org_id, role=user.role), where
    shared = list(
        session.scalars(
            select(CampaignViewer.campaign_id).where(CampaignViewer.org_id == user.org_id)
        )
    )
    if filters.campaign and filters.campaign not in shared:
        raise ApiError(ErrorCode.NOT_FOUND, campaign_id=filters.campaign)
    where.append(KpiAudit.campaign_id.in_(shared))
    return KpiScope(org_id=user.org_id, role=user.role, campaigns=sorted(shared)), where


def _kinds(session: Session) -> dict[str, str]:
    """Questionnaire id -> kind, from the published versions (the latest wins)."""
    rows = session.execute(
        select(Questionnaire.questionnaire_id, Questionnaire.kind).order_by(Questionnaire.version)
    )
    return {qid: kind if kind in KINDS else "other" for qid, kind in rows}


def _main_query(where: list[ColumnElement[bool]]) -> Any:
    sums = [func.sum(getattr(KpiAudit, name)).label(name) for name in SUM_COLUMNS]
    signed = func.sum(case((KpiAudit.status == "signed", 1), else_=0)).label("signed")
    keys = (KpiAudit.questionnaire_id, KpiAudit.month, KpiAudit.follow_up)
    return select(*keys, func.count().label("audits"), signed, *sums).where(*where).group_by(*keys)


def _people_query(where: list[ColumnElement[bool]]) -> Any:
    """Audits and plans per advisor and campaign: two cheap counts, kept out of the sums."""
    signed = func.sum(case((KpiAudit.status == "signed", 1), else_=0)).label("signed")
    keys = (KpiAudit.advisor, KpiAudit.campaign_id)
    return (
        select(*keys, func.count().label("audits"), signed)
        .where(*where, KpiAudit.follow_up.is_(False))
        .group_by(*keys)
    )


def _by_kind(
    session: Session, user: User, filters: KpiFilters, main: list[Any], kinds: dict[str, str]
) -> list[KindCount]:
    targets = {} if user.role == "viewer" else _targets(session, user.org_id, filters)
    counts: dict[str, list[int]] = {kind: [0, 0] for kind in KINDS}
    for group in main:
        tally = counts[kinds.get(group.questionnaire_id, "other")]
        tally[0] += group.audits
        tally[1] += group.signed
    result = []
    for kind, (done, signed) in counts.items():
        target = targets.get(kind)
        if not done and target is None:
            continue
        share = round(done / target, 4) if target else None
        result.append(KindCount(kind=kind, label=KIND_LABELS[kind], done=done, signed=signed,
                                target=target, target_share=share))  # fmt: skip
    return result


def _targets(session: Session, org_id: str, filters: KpiFilters) -> dict[str, float]:
    rows = session.scalars(
        select(KpiTarget).where(
            KpiTarget.org_id == org_id,
            KpiTarget.year >= filters.start.year,
            KpiTarget.year <= filters.end.year,
        )
    )
    result: dict[str, float] = {}
    for row in rows:
        share = prorated(row.year, filters.start, filters.end)
        result[row.kind] = round(result.get(row.kind, 0.0) + row.target * share, 1)
    return result


def _by_period(filters: KpiFilters, main: list[Any], kinds: dict[str, str]) -> list[PeriodCount]:
    table = {
        p: dict.fromkeys(KINDS, 0) for p in periods(filters.start, filters.end, filters.granularity)
    }
    for group in main:
        period = period_of(group.month, filters.granularity)
        if period in table:
            table[period][kinds.get(group.questionnaire_id, "other")] += group.audits
    return [PeriodCount(period=p, counts=c) for p, c in table.items()]


def _total(groups: Iterable[Any], name: str) -> float:
    return round(float(sum(getattr(g, name) or 0 for g in groups)), 1)


def _savings(groups: list[Any], kwh: str, eur: str, co2: str | None = None) -> Savings:
    return Savings(kwh=_total(groups, kwh), eur=_total(groups, eur),
                   kgco2e=_total(groups, co2) if co2 else 0.0)  # fmt: skip


def _actions(main: list[Any], follow: list[Any]) -> Actions:
    proposed = int(_total(main, "lines"))
    accepted = int(_total(main, "accepted"))
    decided = accepted + int(_total(main, "rejected"))
    return Actions(
        proposed=proposed,
        accepted=accepted,
        rejected=int(_total(main, "rejected")),
        done=int(_total(follow, "done")),
        acceptance_rate=round(accepted / decided, 4) if decided else None,
    )


def _follow_up(follow: list[Any]) -> FollowUpSavings:
    estimated = _savings(follow, "kwh_done_est", "eur_done_est")
    achieved = _savings(follow, "kwh_achieved", "eur_achieved")
    share = round(achieved.kwh / estimated.kwh, 4) if estimated.kwh else None
    return FollowUpSavings(follow_ups=sum(g.audits for g in follow), estimated=estimated,
                           achieved=achieved, achieved_share=share)  # fmt: skip


def _folded(groups: list[Any], key: str) -> list[tuple[str, int, int]]:
    """(key, audits, signed) per value of ``key``, the most audits first."""
    tally: dict[str, list[int]] = {}
    for group in groups:
        value = getattr(group, key)
        if value:
            counts = tally.setdefault(value, [0, 0])
            counts[0] += group.audits
            counts[1] += group.signed
    return sorted(((k, d, s) for k, (d, s) in tally.items()), key=lambda t: (-t[1], t[0]))


def _advisors(main: list[Any]) -> list[Breakdown]:
    return [Breakdown(key=k, label=k, done=d, signed=s) for k, d, s in _folded(main, "advisor")]


def _campaigns(session: Session, main: list[Any]) -> list[Breakdown]:
    folded = _folded(main, "campaign_id")
    names = {
        row.row_id: str(row.data.get("name") or row.row_id)
        for row in session.execute(
            select(SyncRow.row_id, SyncRow.data).where(
                SyncRow.table_name == "campaigns", SyncRow.row_id.in_([k for k, _, _ in folded])
            )
        )
    }
    return [Breakdown(key=k, label=names.get(k, k), done=d, signed=s) for k, d, s in folded]


def set_targets(session: Session, org_id: str, year: int, targets: dict[str, int]) -> None:
    """Replace the organisation's targets for ``year`` (kinds left out have none)."""
    for row in session.scalars(
        select(KpiTarget).where(KpiTarget.org_id == org_id, KpiTarget.year == year)
    ):
        session.delete(row)
    session.flush()
    for kind, target in targets.items():
        session.add(KpiTarget(org_id=org_id, year=year, kind=kind, target=target))
    session.flush()


def get_targets(session: Session, org_id: str, year: int) -> dict[str, int]:
    rows = session.scalars(
        select(KpiTarget).where(KpiTarget.org_id == org_id, KpiTarget.year == year)
    )
    return {row.kind: row.target for row in rows}


def default_filters(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    day = today or dt.date.today()
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
