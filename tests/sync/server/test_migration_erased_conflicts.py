"""Migration 0003 on a server that already holds erasures: the conflicts of rows tombstoned
before it lose their data too, and so do the stored answers that reported them."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text

from sync.server.db import MIGRATIONS_DIR, make_engine
from tests.sync.servers import PG_ADMIN_URL

WHEN = datetime(2026, 11, 30, tzinfo=UTC)
LOST = '{"contact_name": "Paul Renard"}'


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
        yield engine
        engine.dispose()
        return
    schema = f"dt_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}")
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def upgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def row(connection, row_id: str, rev: str, deleted: bool, data: str, seq: int) -> None:
    connection.execute(
        text(
            "INSERT INTO sync_rows (table_name, row_id, org_id, rev, deleted, data, updated_by,"
            " device_id, seq) VALUES ('establishments', :id, 'org', :rev, :deleted, :data, 'u',"
            " 'd', :seq)"
        ),
        {"id": row_id, "rev": rev, "deleted": deleted, "data": data, "seq": seq},
    )


def conflict(connection, row_id: str, batch_id: str) -> None:
    connection.execute(
        text(
            "INSERT INTO sync_conflicts (table_name, row_id, org_id, reason, kept_rev, lost_rev,"
            " lost_deleted, lost_data, batch_id, created_at) VALUES ('establishments', :id,"
            " 'org', 'CONCURRENT_EDIT', 'r2', 'r1', false, :lost, :batch, :at)"
        ),
        {"id": row_id, "lost": LOST, "batch": batch_id, "at": WHEN},
    )
    lost = {"table": "establishments", "id": row_id, "kept_rev": "r2", "lost_rev": "r1",
        "kept_data": {"contact_name": "Marie Caron"}, "lost_data": json.loads(LOST)}  # fmt: skip
    answer = {"batch_id": batch_id, "applied": 1, "server_seq": 2, "conflicts": [lost]}
    connection.execute(
        text(
            "INSERT INTO sync_batches (batch_id, user_id, device_id, digest, response, created_at)"
            " VALUES (:batch, 'u', 'd', 'x', :answer, :at)"
        ),
        {"batch": batch_id, "answer": json.dumps(answer), "at": WHEN},
    )


def test_conflicts_of_rows_erased_before_the_upgrade_lose_their_data_and_live_ones_keep_it(
    engine,
):
    upgrade(engine, "0002")
    with engine.begin() as connection:
        row(connection, "erased", "r9", True, '{"name": ""}', 1)
        row(connection, "live", "r2", False, '{"contact_name": "Marie Caron"}', 2)
        conflict(connection, "erased", "b-erased")
        conflict(connection, "live", "b-live")
    upgrade(engine, "head")
    with engine.connect() as connection:
        conflicts = connection.execute(
            text("SELECT row_id, lost_data, erased_at FROM sync_conflicts ORDER BY row_id")
        ).all()
        query = text("SELECT batch_id, CAST(response AS TEXT) FROM sync_batches")
        answers = dict(connection.execute(query).all())
    [(erased_id, erased_data, erased_at), (live_id, live_data, live_erased_at)] = conflicts
    assert (erased_id, erased_data) == ("erased", None) and erased_at is not None
    assert live_id == "live" and live_data is not None and live_erased_at is None
    assert "Paul Renard" not in answers["b-erased"] and "Marie Caron" not in answers["b-erased"]
    assert "Paul Renard" in answers["b-live"]
