"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sync.server import kpi_models  # the KPI tables belong to the same metadata
from sync.server.db import make_engine, migrate
from sync.server.models import Base

assert kpi_models


def test_migrated_schema_matches_the_models(server):
    engine = make_engine(server.database_url)
    try:
        migrate(engine)  # again: a no-op on an up-to-date database
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []
