"""Stores on real database files in tmp_path, a clock the tests move, and small factories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audits.loader import load_questionnaire
from audits.questionnaire import Questionnaire
from audits.store import Store, open_store
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.establishments import Establishment, create_establishment
from audits.store.questionnaires import import_questionnaire
from tests.conftest import FIXTURES

STORE_FIXTURES = FIXTURES / "store"
VALID_SIRET = "73282932000074"
OTHER_SIRET = "35600000000048"


class FakeClock:
    """Milliseconds since the epoch, set by the test (and free to go backwards)."""

    def __init__(self, ms: int = 1_700_000_000_000) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def boutique() -> Questionnaire:
    return load_questionnaire(STORE_FIXTURES / "boutique.yaml")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "device.db"


@pytest.fixture
def store(db_path: Path, clock: FakeClock, boutique: Questionnaire) -> Iterator[Store]:
    opened = open_store(db_path, now=clock)
    import_questionnaire(opened, boutique)
    yield opened
    opened.close()


def make_shop(store: Store, siret: str = VALID_SIRET, **fields: object) -> Establishment:
    data = {"siret": siret, "name": "Boulangerie Martin", "commune": "Apt", **fields}
    return create_establishment(store, data)


@pytest.fixture
def shop(store: Store) -> Establishment:
    return make_shop(store)


@pytest.fixture
def audit(store: Store, shop: Establishment) -> Audit:
    return create_audit(store, shop.id, "boutique@1")


def outbox(store: Store) -> dict[tuple[str, str], str]:
    """Outbox entries as {(table, row id): rev}."""
    rows = store.db.execute("SELECT table_name, row_id, rev FROM outbox").fetchall()
    return {(table, row_id): rev for table, row_id, rev in rows}
