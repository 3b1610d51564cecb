"""Sync fixtures: one real server per database backend (SQLite file and PostgreSQL schema).

PostgreSQL is not optional: the suite fails, rather than skips, when it cannot connect
(start it with ``pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from audits.store import Store
from tests.sync.devices import new_device
from tests.sync.servers import PG_ADMIN_URL, Account, Server


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str]:
    """A fresh schema in the ``test`` database for this session, dropped at the end."""
    schema = f"dt_{uuid.uuid4().hex[:12]}"
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    with engine.connect() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def database_url(backend: str, tmp: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'server.db'}"
    url: str = request.getfixturevalue("pg_schema")
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server shared by the tests of one backend; tests isolate by organisation."""
    tmp = tmp_path_factory.mktemp(f"server-{request.param}")
    running = Server(database_url(request.param, tmp, request), tmp / "data").start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A SQLite server for client tests, whose server side is covered on both backends."""
    tmp = tmp_path_factory.mktemp("server-client")
    running = Server(f"sqlite:///{tmp / 'server.db'}", tmp / "data").start()
    yield running
    running.stop()


@pytest.fixture
def advisor(server: Server) -> Account:
    return server.account("advisor")


@pytest.fixture
def colleagues(tmp_path: Path, server: Server) -> Iterator[tuple[Store, Store]]:
    """Two advisors of one organisation, each with a device, on each backend's server."""
    advisor = server.account("advisor")
    colleague = server.account("advisor", org_id=advisor.org_id)
    with (
        new_device(tmp_path / "a.db", advisor) as first,
        new_device(tmp_path / "b.db", colleague) as second,
    ):
        yield first, second
