"""Engine, sessions and schema upgrades, for SQLite (default) and PostgreSQL (psycopg 3).

Sequence numbers are reserved under one lock taken in the pushing transaction (an ``UPDATE``
of the counter row) and held until commit: PostgreSQL keeps that row lock until the end of
the transaction; on SQLite every transaction takes the single write lock when it begins
(``BEGIN IMMEDIATE``). Seqs are therefore made visible in commit order, so a pull can never
pass over a row that commits later with a smaller ``seq``. A push takes that lock last, just
before writing, so pushes overlap for everything else (``sync.server.replication``).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from sync.server.models import Counter

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 60
MIGRATION_LOCK_KEY = 0x44696167  # "Diag": one migrator at a time across replicas
BATCH_LOCK_SPACE = 0x42617463  # "Batc": advisory locks of batch ids, apart from the above


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


def current_sequence(session: Session) -> int:
    """The last seq committed (no lock): what an up-to-date device has seen."""
    return int(session.execute(select(Counter.seq).where(Counter.id == 1)).scalar_one())


def take_sequence(session: Session, count: int) -> int:
    """Reserve ``count`` seqs under the push lock (kept until commit); return the one before.

    One statement takes the lock and moves the counter, so the locked section of a push is as
    short as its writes.
    """
    query = (
        update(Counter)
        .where(Counter.id == 1)
        .values(seq=Counter.seq + count)
        .returning(Counter.seq)
    )
    return int(session.execute(query).scalar_one()) - count


def lock_batch(session: Session, batch_id: str) -> None:
    """Serialise pushes of one batch id (a client resending while the first try still runs).

    The second waits for the first's commit, then finds its stored answer. SQLite needs
    nothing: its transactions are serialised already.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(batch_id.encode()).digest()[:4], "big", signed=True)
    session.execute(
        text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": BATCH_LOCK_SPACE, "key": key}
    )


def refresh_statistics(session: Session, before: int, after: int) -> None:
    """ANALYZE the rows table on PostgreSQL when it has doubled (or grown by 50,000 rows).

    A table filled faster than autovacuum's pace keeps the planner's estimates of an empty
    table, and the push's ``row_id IN (...)`` lookup then degrades into a scan of every row:
    pushes grow slower with each batch. Fresh statistics keep it a primary-key lookup.
    """
    if session.get_bind().dialect.name != "postgresql" or after <= before:
        return
    doubled = after >= 1024 and after.bit_length() > max(before, 1).bit_length()
    if doubled or after // 50_000 > before // 50_000:
        session.execute(text("ANALYZE sync_rows"))
