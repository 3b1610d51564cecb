"""Keeping the KPI facts up to date with the synced rows, incrementally, by sequence number.

Before answering, a KPI request distils the audits and plan lines pushed since the last
distilled sequence number (``kpi_state.seq``): nothing to do when no push happened, a few
rows after a day of sync. Sequence numbers become visible in commit order (``db.py``), so
reading ``seq > last`` never skips a row. Several replicas may serve KPIs: the one that
locks ``kpi_state`` refreshes, the others answer from the facts as they are (PostgreSQL
``SKIP LOCKED``); on SQLite every transaction holds the single write lock anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Engine, Row, Table, case, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from sync.server.kpi_models import KpiAction, KpiAudit, KpiState
from sync.server.models import Counter, SyncRow

CHUNK = 5000
TIDY_AFTER = 10_000
TABLES = ("audits", "actions")
DONE = ("completed", "signed")


def refresh(session: Session) -> int:
    """Distil rows pushed since the last refresh; return how many were read."""
    counter = session.execute(select(Counter.seq).where(Counter.id == 1)).scalar_one()
    state_seq = session.execute(select(KpiState.seq).where(KpiState.id == 1)).scalar_one()
    if state_seq >= counter:
        return 0
    locked = select(KpiState).where(KpiState.id == 1).with_for_update(skip_locked=True)
    state = session.execute(locked).scalar_one_or_none()
    if state is None:
        return 0  # another replica is refreshing: answer from the facts as they are
    read = 0
    while state.seq < counter:
        rows = session.execute(
            select(SyncRow.table_name, SyncRow.row_id, SyncRow.org_id, SyncRow.deleted,
                   SyncRow.data, SyncRow.seq)
            .where(SyncRow.seq > state.seq, SyncRow.seq <= counter,
                   SyncRow.table_name.in_(TABLES))
            .order_by(SyncRow.seq).limit(CHUNK)
        ).all()  # fmt: skip
        if not rows:
            state.seq = counter
            break
        _apply(session, rows)
        read += len(rows)
        state.seq = counter if len(rows) < CHUNK else rows[-1].seq
    session.flush()
    return read


def tidy(engine: Engine, read: int) -> None:
    """After a large refresh (a first start, a month of pushes), VACUUM ANALYZE the facts.

    Without fresh statistics PostgreSQL keeps an empty table's estimates and sorts 100,000
    facts on disk instead of hashing them; without the vacuum, every scan also wades through
    the dead versions the refresh left behind, until autovacuum comes by. Runs outside any
    transaction (VACUUM cannot run in one), after the refresh committed.
    """
    if read < TIDY_AFTER or engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in ("kpi_audits", "kpi_actions"):
            connection.execute(text(f"VACUUM ANALYZE {table}"))


def _apply(session: Session, rows: Sequence[Row[Any]]) -> None:
    audits = {row.row_id: _audit(row) for row in rows if row.table_name == "audits"}
    actions = {row.row_id: _action(row) for row in rows if row.table_name == "actions"}
    touched = set(audits) | {a["audit_id"] for a in actions.values()}
    for model, facts in ((KpiAudit, audits), (KpiAction, actions)):
        if facts:
            table = cast(Table, model.__table__)
            session.execute(delete(table).where(table.c.row_id.in_(list(facts))))
            session.execute(insert(table), list(facts.values()))
    _recompute(session, touched)


def _audit(row: Row[Any]) -> dict[str, Any]:
    data = row.data
    status = str(data.get("status") or "draft")
    day = _day(data.get("signed_at") if status == "signed" else data.get("completed_at"))
    day = day if status in DONE else None
    return {
        "row_id": row.row_id,
        "org_id": row.org_id,
        "questionnaire_id": str(data.get("questionnaire_id") or ""),
        "campaign_id": data.get("campaign_id"),
        "advisor": str(data.get("advisor") or "")[:120],
        "status": status,
        "day": day,
        "month": day.strftime("%Y-%m") if day else None,
        "follow_up": data.get("follow_up_of") is not None,
        "counted": not row.deleted and data.get("revision_of") is None,
    }


def _action(row: Row[Any]) -> dict[str, Any]:
    data = row.data
    return {
        "row_id": row.row_id,
        "audit_id": str(data.get("audit_id") or ""),
        "status": str(data.get("status") or "proposed"),
        "live": not row.deleted,
        **{
            name: _number(data.get(key))
            for name, key in (("kwh", "kwh_year"), ("eur", "eur_year"), ("co2", "kgco2e_year"),
                              ("achieved_kwh", "achieved_kwh_year"),
                              ("achieved_eur", "achieved_eur_year"))
        },
    }  # fmt: skip


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _recompute(session: Session, audit_ids: Iterable[str]) -> None:
    """Sums of each touched audit's live lines, written back onto its fact row.

    Two set-based statements per chunk (reset, then ``UPDATE … FROM`` the grouped lines, which
    PostgreSQL and SQLite ≥ 3.33 both run), never one statement per audit.
    """
    ids = list(audit_ids)
    audits = cast(Table, KpiAudit.__table__)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        session.execute(update(audits).where(audits.c.row_id.in_(chunk)).values(EMPTY))
        sums = _sums_query(chunk).subquery()
        session.execute(
            update(audits)
            .where(audits.c.row_id == sums.c.audit_id)
            .values({name: sums.c[name] for name in SUMS})
        )


def _when(condition: Any, value: Any) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def _sums_query(chunk: list[str]) -> Any:
    kept = KpiAction.status != "rejected"
    taken = KpiAction.status.in_(("accepted", "done"))
    done = KpiAction.status == "done"
    return (
        select(
            KpiAction.audit_id,
            func.count().label("lines"),
            _when(taken, 1).label("accepted"),
            _when(done, 1).label("done"),
            _when(KpiAction.status == "rejected", 1).label("rejected"),
            _when(kept, KpiAction.kwh).label("kwh_est"),
            _when(kept, KpiAction.eur).label("eur_est"),
            _when(kept, KpiAction.co2).label("co2_est"),
            _when(taken, KpiAction.kwh).label("kwh_acc"),
            _when(taken, KpiAction.eur).label("eur_acc"),
            _when(done, KpiAction.kwh).label("kwh_done_est"),
            _when(done, KpiAction.eur).label("eur_done_est"),
            _when(done, KpiAction.achieved_kwh).label("kwh_achieved"),
            _when(done, KpiAction.achieved_eur).label("eur_achieved"),
        )
        .where(KpiAction.audit_id.in_(chunk), KpiAction.live.is_(True))
        .group_by(KpiAction.audit_id)
    )


SUMS = ("lines", "accepted", "done", "rejected", "kwh_est", "eur_est", "co2_est", "kwh_acc",
        "eur_acc", "kwh_done_est", "eur_done_est", "kwh_achieved", "eur_achieved")  # fmt: skip
EMPTY: dict[str, Any] = dict.fromkeys(SUMS, 0)
