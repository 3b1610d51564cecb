"""Alembic environment: runs on the connection given by ``sync.server.db.migrate``.

Run by hand (``alembic -c ...``), it connects to the configured ``DATABASE_URL`` instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sync.server.models import Base


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from sync.server.config import load_settings
    from sync.server.db import make_engine

    with make_engine(load_settings().DATABASE_URL).connect() as fresh:
        _run(fresh)


_run_online()
