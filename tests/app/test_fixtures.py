"""The app tests' databases: asking for the empty one and the demo one gives two files."""

from __future__ import annotations

from app.state.context import AppContext
from audits.store.overview import overview
from tests.app.conftest import TODAY


def establishments(db) -> int:
    return overview(AppContext(db, today=lambda: TODAY).store).counts["establishments"]


def test_the_empty_and_the_demo_database_are_distinct_files(empty_db, demo_db):
    assert empty_db != demo_db
    assert establishments(empty_db) == 0
    assert establishments(demo_db) > 0


def test_the_demo_database_asked_first_does_not_overwrite_the_empty_one(demo_db, empty_db):
    assert establishments(empty_db) == 0
    assert establishments(demo_db) > 0
