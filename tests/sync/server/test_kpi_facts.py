"""The set-based distillation of synced rows into KPI facts, on both backends.

Rows are written straight into ``sync_rows`` as pushes leave them (one row per id, a new
sequence number at each version), then ``kpi_facts.refresh`` runs; its facts are compared
field by field with an expectation written out by hand below.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, delete, insert, select, text, update
from sqlalchemy.orm import Session

from sync.server import kpi_facts
from sync.server.db import make_engine, make_sessions, migrate
from sync.server.kpi_models import KpiAction, KpiAudit, KpiState
from sync.server.models import Counter, SyncRow
from tests.sync.factories import batch, change
from tests.sync.servers import PG_ADMIN_URL, Account, Server

ORG = "org-kpi"
A, B, C, D, F, G, R = (f"audit-{name}" for name in "abcdfgr")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Engine]:
    """A migrated, empty server database of each backend (PostgreSQL: a schema of its own)."""
    if request.param == "sqlite":
        url, schema = f"sqlite:///{tmp_path / 'server.db'}", None
    else:
        schema = f"kpi_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()
    if schema:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def store(session: Session, rows: list[tuple[str, str, dict[str, Any], bool]]) -> None:
    """(table, id, data, deleted) as a push stores them: the new version replaces the old."""
    seq = session.execute(select(Counter.seq)).scalar_one()
    for table, row_id, data, deleted in rows:
        seq += 1
        session.execute(
            delete(SyncRow).where(SyncRow.table_name == table, SyncRow.row_id == row_id)
        )
        session.execute(
            insert(SyncRow).values(table_name=table, row_id=row_id, org_id=ORG, rev=f"{seq:013d}",
                                   base_rev=None, deleted=deleted, data=data, updated_by="u",
                                   device_id="d", seq=seq)
        )  # fmt: skip
    session.execute(update(Counter).values(seq=seq))
    session.commit()


def audit(status: str | None, **data: Any) -> dict[str, Any]:
    base = {"questionnaire_id": "energie-commerce", "campaign_id": "camp-1",
            "advisor": "Claire Martin", "follow_up_of": None, "revision_of": None}  # fmt: skip
    return {**base, **({"status": status} if status else {}), **data}


def line(audit_id: str, status: str, kwh: Any, eur: Any = 0, **data: Any) -> dict[str, Any]:
    return {"audit_id": audit_id, "status": status, "kwh_year": kwh, "eur_year": eur, **data}


FIRST_PUSHES = [
    ("audits", A, audit("signed", completed_at="2026-03-02T09:00:00Z",
                        signed_at="2026-03-03T16:30:00.000Z"), False),
    ("audits", B, audit("draft", completed_at=None), False),
    ("audits", C, audit("completed", completed_at="2026-04-10T11:00:00Z"), False),
    ("audits", R, audit("signed", signed_at="2026-03-20T10:00:00Z", revision_of=A), False),
    ("audits", F, audit("completed", completed_at="2026-09-15T14:00:00Z", follow_up_of=A), False),
    ("audits", D, audit("completed", completed_at="2026-02-30T10:00:00Z"), False),
    ("actions", "a1", line(A, "accepted", 1000, 200, kgco2e_year=52), False),
    ("actions", "a2", line(A, "rejected", 500, 100, kgco2e_year=26), False),
    ("actions", "a3", line(A, "proposed", "beaucoup", 50), False),
    ("actions", "c1", line(C, "accepted", 400), False),
    ("actions", "f1", line(F, "done", 800, 160, kgco2e_year=41.5, achieved_kwh_year=700,
                           achieved_eur_year=140), False),
    ("actions", "f2", line(F, "accepted", 300, 60, achieved_kwh_year=None), False),
    ("actions", "g1", line(G, "proposed", 10, True), False),
    ("answers", "ans-1", {"audit_id": A, "status": "signed", "kwh_year": 999}, False),
    ("campaigns", "camp-1", {"name": "Centre-ville", "status": "completed"}, False),
]  # fmt: skip
SECOND_PUSHES = [
    ("audits", B, audit("completed", completed_at="2026-05-20T08:00:00Z"), False),
    ("audits", C, audit("completed", completed_at="2026-04-10T11:00:00Z"), True),
    ("actions", "a3", line(A, "proposed", "beaucoup", 50), True),
    ("actions", "f2", line(F, "done", 300, 60, achieved_kwh_year=250, achieved_eur_year=50),
     False),
    ("actions", "b1", line(B, "proposed", 120, 24), False),
    ("audits", G, {"questionnaire_id": "rse-dear", "advisor": "Paul Roux"}, False),
]  # fmt: skip

NO_SUMS = dict.fromkeys(kpi_facts.SUMS, 0)
FACT = {"org_id": ORG, "questionnaire_id": "energie-commerce", "campaign_id": "camp-1",
        "advisor": "Claire Martin", "follow_up": False, "counted": True}  # fmt: skip
EXPECTED_AUDITS = {
    A: {**FACT, **NO_SUMS, "status": "signed", "day": dt.date(2026, 3, 3), "month": "2026-03",
        # a1 accepted, a2 rejected (out of the estimate), a3 deleted.
        "lines": 2, "accepted": 1, "rejected": 1, "kwh_est": 1000, "eur_est": 200,
        "co2_est": 52, "kwh_acc": 1000, "eur_acc": 200},
    B: {**FACT, **NO_SUMS, "status": "completed", "day": dt.date(2026, 5, 20), "month": "2026-05",
        "lines": 1, "kwh_est": 120, "eur_est": 24},
    C: {**FACT, **NO_SUMS, "status": "completed", "day": dt.date(2026, 4, 10), "month": "2026-04",
        "counted": False, "lines": 1, "accepted": 1, "kwh_est": 400, "kwh_acc": 400},
    D: {**FACT, **NO_SUMS, "status": "completed", "day": None, "month": None},
    F: {**FACT, **NO_SUMS, "status": "completed", "day": dt.date(2026, 9, 15), "month": "2026-09",
        "follow_up": True, "lines": 2, "accepted": 2, "done": 2, "kwh_est": 1100,
        "eur_est": 220, "co2_est": 41.5, "kwh_acc": 1100, "eur_acc": 220,
        "kwh_done_est": 1100, "eur_done_est": 220, "kwh_achieved": 950, "eur_achieved": 190},
    G: {**FACT, **NO_SUMS, "questionnaire_id": "rse-dear", "campaign_id": None,
        "advisor": "Paul Roux", "status": "draft", "day": None, "month": None, "lines": 1,
        "kwh_est": 10},
    R: {**FACT, **NO_SUMS, "status": "signed", "day": dt.date(2026, 3, 20), "month": "2026-03",
        "counted": False},
}  # fmt: skip
NO_RESULT = {"achieved_kwh": 0, "achieved_eur": 0}
EXPECTED_ACTIONS = {
    "a1": {"audit_id": A, "status": "accepted", "live": True, "kwh": 1000, "eur": 200, "co2": 52,
           **NO_RESULT},
    "a2": {"audit_id": A, "status": "rejected", "live": True, "kwh": 500, "eur": 100, "co2": 26,
           **NO_RESULT},
    "a3": {"audit_id": A, "status": "proposed", "live": False, "kwh": 0, "eur": 50, "co2": 0,
           **NO_RESULT},
    "b1": {"audit_id": B, "status": "proposed", "live": True, "kwh": 120, "eur": 24, "co2": 0,
           **NO_RESULT},
    "c1": {"audit_id": C, "status": "accepted", "live": True, "kwh": 400, "eur": 0, "co2": 0,
           **NO_RESULT},
    "f1": {"audit_id": F, "status": "done", "live": True, "kwh": 800, "eur": 160, "co2": 41.5,
           "achieved_kwh": 700, "achieved_eur": 140},
    "f2": {"audit_id": F, "status": "done", "live": True, "kwh": 300, "eur": 60, "co2": 0,
           "achieved_kwh": 250, "achieved_eur": 50},
    "g1": {"audit_id": G, "status": "proposed", "live": True, "kwh": 10, "eur": 0, "co2": 0,
           **NO_RESULT},
}  # fmt: skip


def facts(session: Session) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    def typed(row: Any, table: Any) -> dict[str, Any]:
        return {c.key: getattr(row, c.key) for c in table.__table__.columns if c.key != "row_id"}

    audits = {a.row_id: typed(a, KpiAudit) for a in session.scalars(select(KpiAudit))}
    actions = {a.row_id: typed(a, KpiAction) for a in session.scalars(select(KpiAction))}
    return audits, actions


def distil(engine: Engine) -> int:
    with make_sessions(engine)() as session:
        written = kpi_facts.refresh(session)
        session.commit()
        return written


@pytest.mark.parametrize("span", [kpi_facts.SPAN, 4], ids=["one-span", "spans-of-4"])
def test_new_updated_and_deleted_rows_give_exactly_the_hand_built_facts(
    engine: Engine, span: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kpi_facts, "SPAN", span)
    with make_sessions(engine)() as session:
        store(session, FIRST_PUSHES)
        assert distil(engine) == 6 + 7  # the audits and plan lines, not the other tables
        store(session, SECOND_PUSHES)
        assert distil(engine) == 3 + 3
        audits, actions = facts(session)
        assert session.execute(select(KpiState.seq)).scalar_one() == len(FIRST_PUSHES) + 6
    assert actions == EXPECTED_ACTIONS
    assert audits.keys() == EXPECTED_AUDITS.keys()
    for row_id, expected in EXPECTED_AUDITS.items():
        assert audits[row_id] == pytest.approx(expected), row_id


def test_a_refresh_with_nothing_pushed_since_reads_nothing(engine: Engine) -> None:
    with make_sessions(engine)() as session:
        store(session, FIRST_PUSHES)
    assert distil(engine) > 0
    assert distil(engine) == 0


def test_texts_too_long_for_their_fact_column_are_cut_rather_than_failing_the_refresh(
    engine: Engine,
) -> None:
    long_audit = audit("x" * 30, advisor="y" * 200, questionnaire_id="q" * 100)
    with make_sessions(engine)() as session:
        store(session, [("audits", A, long_audit, False)])
        assert distil(engine) == 1
        fact = facts(session)[0][A]
    assert (fact["status"], fact["advisor"], fact["questionnaire_id"]) == (
        "x" * 20,
        "y" * 120,
        "q" * 64,
    )


def test_a_push_of_audits_is_distilled_right_after_its_answer(
    server: Server, advisor: Account
) -> None:
    audit_id = str(uuid.uuid4())
    data = audit("completed", completed_at="2026-06-01T10:00:00Z")
    pushed = advisor.post("/sync/push", json=batch([change("audits", audit_id, **data)]))
    assert pushed.status_code == 200, pushed.text
    engine = make_engine(server.database_url)
    try:
        with make_sessions(engine)() as session:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                fact = session.get(KpiAudit, audit_id, populate_existing=True)
                if fact is not None:
                    break
                session.rollback()
                time.sleep(0.05)
    finally:
        engine.dispose()
    assert fact is not None and fact.day == dt.date(2026, 6, 1)
