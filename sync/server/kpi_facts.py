"""Keeping the KPI facts up to date with the synced rows, incrementally, by sequence number.

Before answering, a KPI request distils the audits and plan lines pushed since the last
distilled sequence number (``kpi_state.seq``): nothing to do when no push happened, a few
rows after a day of sync. The push route also distils once a push of audits or plan lines
has answered (``refresh_after_push``), so a request seldom finds any backlog. Sequence
numbers become visible in commit order (``db.py``), so reading ``seq > last`` never skips a
row. Several replicas may serve KPIs: the one that locks ``kpi_state`` refreshes, the others
answer from the facts as they are (PostgreSQL ``SKIP LOCKED``); on SQLite every transaction
holds the single write lock anyway.

The distillation is set-based, in the database, per span of sequence numbers, with the same
statements on both backends but for their JSON functions:

1. ``INSERT INTO kpi_actions … SELECT … FROM sync_rows … ON CONFLICT (row_id) DO UPDATE``:
   one typed row per plan line (``sync_rows`` holds one row per id: its latest version);
2. the same for ``kpi_audits``, each audit with the sums of its live lines, grouped from
   ``kpi_actions`` in the same statement;
3. ``UPDATE kpi_audits … FROM`` the grouped lines, for the audits of step 1's lines that
   step 2 did not write (lines edited after their audit was distilled).

How rows read: a tombstone keeps its fact but out of the counts (an audit's ``counted``, a
line's ``live``); a revision (``revision_of``) is not counted; a missing, null or empty text
takes its default (status ``draft`` or ``proposed``, empty questionnaire or advisor); a
figure that is not a JSON number counts 0; an audit's day is the ``YYYY-MM-DD`` start of its
``signed_at`` if signed, of its ``completed_at`` if completed, and none otherwise or when that
is not a real date; a text longer than its fact column is cut to it (rather than failing the
refresh, and with it every KPI request, on PostgreSQL).
"""

# ruff: noqa: S608 -- SQL made of this module's own text only; every value is a bound parameter.
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, select, text
from sqlalchemy.orm import Session, sessionmaker

from sync.server.kpi_models import KpiState
from sync.server.models import Counter

SPAN = 200_000
"""Sequence numbers distilled per round of statements: bounds each statement's work."""
CHUNK = 5000
LARGE = 10_000
"""A backlog of this many sequence numbers gets the backend's settings for large statements."""
TIDY_AFTER = 10_000
TABLES = ("audits", "actions")
log = logging.getLogger(__name__)


def refresh(session: Session) -> int:
    """Distil rows pushed since the last refresh; return how many facts were written."""
    counter = session.execute(select(Counter.seq).where(Counter.id == 1)).scalar_one()
    state_seq = session.execute(select(KpiState.seq).where(KpiState.id == 1)).scalar_one()
    if state_seq >= counter:
        return 0
    locked = select(KpiState).where(KpiState.id == 1).with_for_update(skip_locked=True)
    state = session.execute(locked).scalar_one_or_none()
    if state is None:
        return 0  # another replica is refreshing: answer from the facts as they are
    connection = session.connection()
    sql = STATEMENTS[connection.dialect.name]
    if counter - state.seq >= LARGE:
        for setting in sql.settings:
            connection.execute(setting)
    written = 0
    while state.seq < counter:
        span = {"last": state.seq, "upto": min(counter, state.seq + SPAN)}
        lines = connection.execute(sql.actions, span).scalars().all()
        audits = set(connection.execute(sql.audits, span).scalars())
        written += len(lines) + len(audits)
        _recompute(connection, sql, sorted(set(lines) - audits))
        state.seq = span["upto"]
    session.flush()
    return written


def refresh_after_push(sessions: sessionmaker[Session], engine: Engine) -> None:
    """Distil a push's audits and plan lines once its answer is sent (a background task).

    Its own transaction, after the push committed. It skips (``SKIP LOCKED``) when a KPI
    request or another push is distilling already; on a failure it logs and leaves the rows
    to the next KPI request, which distils them anyway.
    """
    try:
        with sessions() as session:
            written = refresh(session)
            session.commit()
        tidy(engine, written)
    except Exception:
        log.exception("KPI facts not refreshed after a push (the next KPI request will)")


def tidy(engine: Engine, written: int) -> None:
    """After a large refresh (a first start, a month of pushes), VACUUM ANALYZE the facts.

    Without fresh statistics PostgreSQL keeps an empty table's estimates and sorts 100,000
    facts on disk instead of hashing them; without the vacuum, every scan also wades through
    the dead versions the refresh left behind, until autovacuum comes by. Runs outside any
    transaction (VACUUM cannot run in one), after the refresh committed.
    """
    if written < TIDY_AFTER or engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in ("kpi_audits", "kpi_actions"):
            connection.execute(text(f"VACUUM ANALYZE {table}"))


def _recompute(connection: Connection, sql: Statements, audit_ids: list[str]) -> None:
    for start in range(0, len(audit_ids), CHUNK):
        connection.execute(sql.recompute, {"ids": audit_ids[start : start + CHUNK]})


@dataclass(frozen=True)
class Dialect:
    """How one backend reads the span's rows of a table: each JSON key a column of ``s``."""

    rows: Callable[[str, tuple[str, ...], tuple[str, ...]], str]
    """(table, text keys, number keys) -> a subquery: row_id, org_id, deleted, then per key
    its JSON text (or NULL), or its JSON number as a float (else 0)."""
    day: str  # the date written ``YYYY-MM-DD`` in the text {t}, else NULL
    month: str  # ``YYYY-MM`` of the date {day}
    settings: tuple[str, ...] = ()


_SPAN = "seq > :last AND seq <= :upto AND table_name = '{table}'"


def _postgresql_rows(table: str, texts: tuple[str, ...], numbers: tuple[str, ...]) -> str:
    # ``json_to_record`` parses each row's JSON once (faster than ``::jsonb`` then lookups).
    columns = [f"r.{key}" for key in texts] + [
        f"CASE WHEN json_typeof(r.{key}) = 'number' THEN r.{key}::text::double precision"
        f" ELSE 0 END AS {key}"
        for key in numbers
    ]
    record = ", ".join([f"{key} text" for key in texts] + [f"{key} json" for key in numbers])
    return (
        f"(SELECT row_id, org_id, deleted, {', '.join(columns)}"
        f" FROM sync_rows, json_to_record(data) AS r({record})"
        f" WHERE {_SPAN.format(table=table)})"
    )


def _sqlite_rows(table: str, texts: tuple[str, ...], numbers: tuple[str, ...]) -> str:
    columns = [f"json_extract(data, '$.{key}') AS {key}" for key in texts] + [
        f"CASE WHEN json_type(data, '$.{key}') IN ('integer', 'real')"
        f" THEN CAST(json_extract(data, '$.{key}') AS REAL) ELSE 0.0 END AS {key}"
        for key in numbers
    ]
    return (
        f"(SELECT row_id, org_id, deleted, {', '.join(columns)}"
        f" FROM sync_rows WHERE {_SPAN.format(table=table)})"
    )


DIALECTS = {
    "postgresql": Dialect(
        rows=_postgresql_rows,
        # The shape first, then a real day of that month (``::date`` would fail, not NULL).
        day="CASE WHEN {t} ~ '^[0-9]{{4}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'"
        " AND {t} >= '0001' THEN CASE WHEN extract(month FROM make_date(substr({t}, 1, 4)::int,"
        " substr({t}, 6, 2)::int, 1) + (substr({t}, 9, 2)::int - 1)) = substr({t}, 6, 2)::int"
        " THEN {t}::date END END",
        month="to_char({day}, 'YYYY-MM')",
        # One large transaction now and then: no JIT compiling (a second, for nothing), and
        # room to group 100,000 audits in memory rather than on disk.
        settings=("SET LOCAL jit = off", "SET LOCAL work_mem = '64MB'"),
    ),
    "sqlite": Dialect(
        rows=_sqlite_rows,
        # Via the Julian day, 30 February comes back as 2 March: equal only for a real day.
        day="CASE WHEN date(julianday({t})) = {t} AND {t} >= '0001' THEN {t} END",
        month="substr({day}, 1, 7)",
    ),
}
_TAKEN = "k.status IN ('accepted', 'done')"
_DONE = "k.status = 'done'"
_KEPT = "k.status <> 'rejected'"
SUMS = {
    "lines": "count(k.row_id)",
    "accepted": f"sum(CASE WHEN {_TAKEN} THEN 1 ELSE 0 END)",
    "done": f"sum(CASE WHEN {_DONE} THEN 1 ELSE 0 END)",
    "rejected": "sum(CASE WHEN k.status = 'rejected' THEN 1 ELSE 0 END)",
    "kwh_est": f"sum(CASE WHEN {_KEPT} THEN k.kwh ELSE 0 END)",
    "eur_est": f"sum(CASE WHEN {_KEPT} THEN k.eur ELSE 0 END)",
    "co2_est": f"sum(CASE WHEN {_KEPT} THEN k.co2 ELSE 0 END)",
    "kwh_acc": f"sum(CASE WHEN {_TAKEN} THEN k.kwh ELSE 0 END)",
    "eur_acc": f"sum(CASE WHEN {_TAKEN} THEN k.eur ELSE 0 END)",
    "kwh_done_est": f"sum(CASE WHEN {_DONE} THEN k.kwh ELSE 0 END)",
    "eur_done_est": f"sum(CASE WHEN {_DONE} THEN k.eur ELSE 0 END)",
    "kwh_achieved": f"sum(CASE WHEN {_DONE} THEN k.achieved_kwh ELSE 0 END)",
    "eur_achieved": f"sum(CASE WHEN {_DONE} THEN k.achieved_eur ELSE 0 END)",
}
"""An audit's figures from its live plan lines ``k``, as the KPI report adds them up."""
_SUMS = ", ".join(f"{value} AS {name}" for name, value in SUMS.items())


class Statements:
    """The refresh's statements in one backend's SQL (built once, from this module's text)."""

    def __init__(self, dialect: Dialect) -> None:
        self.settings = tuple(text(setting) for setting in dialect.settings)
        self.actions = text(_actions(dialect))
        self.audits = text(_audits(dialect))
        self.recompute = text(
            f"UPDATE kpi_audits SET {', '.join(f'{name} = g.{name}' for name in SUMS)}"
            f" FROM (SELECT a.row_id AS audit_id, {_SUMS} FROM kpi_audits AS a"
            " LEFT JOIN kpi_actions AS k ON k.audit_id = a.row_id AND k.live"
            " WHERE a.row_id IN :ids GROUP BY a.row_id) AS g WHERE kpi_audits.row_id = g.audit_id"
        ).bindparams(bindparam("ids", expanding=True))


def _text(key: str, default: str = "", size: int = 64) -> str:
    return f"substr(coalesce(nullif(s.{key}, ''), '{default}'), 1, {size})"


def _upsert(table: str, columns: dict[str, str], source: str, returning: str) -> str:
    # ``WHERE true``: SQLite would otherwise read ``ON CONFLICT`` as the ``ON`` of a join.
    return (
        f"INSERT INTO {table} ({', '.join(columns)})"
        f" SELECT {', '.join(f'{value} AS {name}' for name, value in columns.items())}"
        f" FROM {source} WHERE true ON CONFLICT (row_id) DO UPDATE"
        f" SET {', '.join(f'{name} = excluded.{name}' for name in columns if name != 'row_id')}"
        f" RETURNING {returning}"
    )


def _actions(dialect: Dialect) -> str:
    """The span's plan lines, typed; returns each one's audit (whose sums then change)."""
    figures = {
        "kwh": "kwh_year",
        "eur": "eur_year",
        "co2": "kgco2e_year",
        "achieved_kwh": "achieved_kwh_year",
        "achieved_eur": "achieved_eur_year",
    }
    columns = {
        "row_id": "s.row_id",
        "audit_id": _text("audit_id"),
        "status": _text("status", "proposed", 20),
        "live": "(NOT s.deleted)",
        **{name: f"s.{key}" for name, key in figures.items()},
    }
    source = f"{dialect.rows('actions', ('audit_id', 'status'), tuple(figures.values()))} AS s"
    return _upsert("kpi_actions", columns, source, "audit_id")


def _audits(dialect: Dialect) -> str:
    """The span's audits, typed, with the sums of their live lines; returns their ids."""
    status = _text("status", "draft", 20)
    stamp = f"substr(CASE WHEN {status} = 'signed' THEN s.signed_at ELSE s.completed_at END, 1, 10)"
    day = f"CASE WHEN {status} IN ('completed', 'signed') THEN {dialect.day.format(t=stamp)} END"
    columns = {
        "row_id": "s.row_id",
        "org_id": "s.org_id",
        "questionnaire_id": _text("questionnaire_id"),
        "campaign_id": "substr(s.campaign_id, 1, 64)",
        "advisor": _text("advisor", size=120),
        "status": status,
        "day": day,
        "month": dialect.month.format(day=day),
        "follow_up": "(s.follow_up_of IS NOT NULL)",
        "counted": "(NOT s.deleted AND s.revision_of IS NULL)",
        **{name: f"coalesce(g.{name}, 0)" for name in SUMS},
    }
    keys = ("status", "signed_at", "completed_at", "questionnaire_id", "campaign_id", "advisor",
            "follow_up_of", "revision_of")  # fmt: skip
    span_audits = f"SELECT row_id FROM sync_rows WHERE {_SPAN.format(table='audits')}"
    sums = (
        f"(SELECT k.audit_id, {_SUMS} FROM kpi_actions AS k"
        f" WHERE k.live AND k.audit_id IN ({span_audits}) GROUP BY k.audit_id) AS g"
    )
    source = f"{dialect.rows('audits', keys, ())} AS s LEFT JOIN {sums} ON g.audit_id = s.row_id"
    return _upsert("kpi_audits", columns, source, "row_id")


STATEMENTS = {name: Statements(dialect) for name, dialect in DIALECTS.items()}
