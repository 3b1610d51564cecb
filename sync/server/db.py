"""Engine, sessions and schema upgrades, for SQLite (default) and PostgreSQL (psycopg 3).

Sequence numbers are reserved under one lock taken in the pushing transaction (an ``UPDATE``
of the counter row) and held until commit: PostgreSQL keeps that row lock until the end of
the transaction; on SQLite every transaction takes the single write lock when it begins
(``BEGIN IMMEDIATE``). Seqs are therefore made visible in commit order, so a pull can never
pass over a row that commits later with a smaller ``seq``. A push takes that lock last, just
before writing, so pushes overlap for everything else (``sync.server.replication``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 60
MIGRATION_LOCK_KEY = 0x44696167  # "Diag": one migrator at a time across replicas


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, pool_size: int = 10) -> Engine:
    if is_sqlite(url):
        return _sqlite_engine(url)
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    database = engine.url.database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin (SQLAlchemy's recipe).
        dbapi_connection.isolation_level = None
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE: a transaction that read first (the token) could not upgrade to a write
        # under contention (SQLITE_BUSY_SNAPSHOT, no waiting); taking the lock up front waits.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision; safe with several replicas starting."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


# Plain SQL on the session's connection: the ORM's bulk-update machinery costs more than the
# statement itself, and these run on every push.
CURRENT_SEQUENCE = text("SELECT seq FROM sync_counter WHERE id = 1")
TAKE_SEQUENCE = text("UPDATE sync_counter SET seq = seq + :count WHERE id = 1 RETURNING seq")
# In the order of the (org_id, seq) index, so that index answers it whatever other
# organisations wrote since (``max(seq)`` may walk the seq index back over their rows).
ORG_LAST_SEQ = text(
    "SELECT seq FROM sync_rows WHERE org_id = :org_id AND seq <= :seq"
    " ORDER BY org_id DESC, seq DESC LIMIT 1"
)


def current_sequence(session: Session) -> int:
    """The last seq committed (no lock): what an up-to-date device has seen."""
    return int(session.connection().execute(CURRENT_SEQUENCE).scalar_one())


def take_sequence(session: Session, count: int) -> int:
    """Reserve ``count`` seqs under the push lock (kept until commit); return the one before.

    One statement takes the lock and moves the counter, so the locked section of a push is as
    short as its writes.
    """
    last = session.connection().execute(TAKE_SEQUENCE, {"count": count}).scalar_one()
    return int(last) - count


def org_last_seq(session: Session, org_id: str, seq: int) -> int:
    """The organisation's last seq up to ``seq``: exact once ``seq`` is taken under the lock,
    since every row below it has committed (an index lookup on ``(org_id, seq)``)."""
    found = session.connection().execute(ORG_LAST_SEQ, {"org_id": org_id, "seq": seq})
    return int(found.scalar() or 0)


def statistics_due(session: Session, before: int, after: int) -> bool:
    """Whether the rows table has doubled (or grown by 50,000 rows) on PostgreSQL.

    A table filled faster than autovacuum's pace keeps the planner's estimates of an empty
    table, and the push's key lookup then degrades into a scan of every row: pushes grow
    slower with each batch. Fresh statistics (``analyze``) keep it a primary-key lookup.
    """
    if session.get_bind().dialect.name != "postgresql" or after <= before:
        return False
    doubled = after >= 1024 and after.bit_length() > max(before, 1).bit_length()
    return doubled or after // 50_000 > before // 50_000


def analyze(sessions: sessionmaker[Session]) -> None:
    """``ANALYZE sync_rows`` in a transaction of its own, after a push has answered."""
    with sessions() as session:
        session.execute(text("ANALYZE sync_rows"))
        session.commit()
