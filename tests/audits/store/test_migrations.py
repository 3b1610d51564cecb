from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from audits.answers import answered
from audits.store import open_store
from audits.store.answers import answers_of, save_answer
from audits.store.audit_rows import get_audit
from audits.store.errors import StoreError
from audits.store.migrations import LATEST_VERSION, MIGRATIONS, schema_version
from audits.store.photos import photo_path, read_photo
from audits.store.questionnaires import stored_questionnaire
from audits.store.search import search_establishments
from tests.audits.store.conftest import STORE_FIXTURES, FakeClock

V1_FIXTURE = STORE_FIXTURES / "schema_v1.db3"
V1_AUDIT = "01890a5d-ac96-7000-8000-000000000002"


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    """A copy of the committed first-schema file: tests never write to the fixture."""
    target = tmp_path / "old-device.db"
    shutil.copyfile(V1_FIXTURE, target)
    return target


def test_a_new_database_gets_every_migration_and_the_store_pragmas(tmp_path: Path) -> None:
    with open_store(tmp_path / "new.db") as store:
        assert schema_version(store.db) == LATEST_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        tables = set(store.db.table_names())
    assert {"outbox", "sync_state", "conflicts", "answers", "photos"} <= tables


def test_the_first_schema_fixture_is_at_version_one() -> None:
    db = Database(V1_FIXTURE)
    try:
        assert schema_version(db) == 1
    finally:
        db.close()


def test_a_database_of_the_first_schema_opens_upgraded_with_its_data_intact(
    v1_copy: Path,
) -> None:
    with open_store(v1_copy) as store:
        assert schema_version(store.db) == LATEST_VERSION
        assert store.device_id == "01890a5d-ac96-774b-bcce-b302099a8057"
        assert store.org_id == "cci-vaucluse"
        assert get_audit(store, V1_AUDIT).questionnaire_ref == "boutique@1"
        assert answers_of(store, V1_AUDIT) == {"surface": answered(80)}
        assert stored_questionnaire(store, "boutique@1").title == "Visite de boutique"


def test_the_upgrade_indexes_establishments_already_in_the_old_file(v1_copy: Path) -> None:
    with open_store(v1_copy) as store:
        found = search_establishments(store, "jourdan cavaillon")
    assert [establishment.name for establishment in found] == ["Boulangerie Jourdan"]


def test_an_upgraded_database_takes_new_answers_with_revs_after_the_old_ones(
    v1_copy: Path,
) -> None:
    with open_store(v1_copy, now=FakeClock(1_000)) as store:
        save_answer(store, V1_AUDIT, "activite", answered("boulangerie"))
        revs = [row[0] for row in store.db.execute("SELECT rev FROM answers ORDER BY rev")]
    assert revs[-1] > revs[0] > ""
    assert revs[-1].startswith("1700000000003-0001-")


def test_a_database_from_a_newer_app_is_refused_with_a_french_message(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    db = Database(path)
    db.table("_sqlite_migrations").insert(
        {"migration_set": "diagterrain", "name": "m999_future", "applied_at": "2031-01-01"}
    )
    db.close()
    with pytest.raises(StoreError, match="version plus récente"):
        open_store(path)


def test_a_file_that_is_not_a_database_gives_a_french_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    with pytest.raises(StoreError, match="base illisible"):
        open_store(path)


SIGNATURE = b"\x89PNG signature d'un audit signe avant la migration 4"


def version_5_device(path: Path) -> str:
    """A database as schema 5 left it, with a signature picture no row names (the audit
    signed before migration 4 names it in the app's settings file). Returns its hash."""
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m006_photo_deletions")
    sha256 = hashlib.sha256(SIGNATURE).hexdigest()
    db.table("photos").insert(
        {"sha256": sha256, "size": len(SIGNATURE), "media_type": "image/png",
         "stored_at": "2025-03-10T09:05:00.000Z"}
    )  # fmt: skip
    db.close()
    folder = path.parent / f"{path.stem}.photos" / sha256[:2]
    folder.mkdir(parents=True)
    (folder / sha256).write_bytes(SIGNATURE)
    return sha256


def test_a_version_5_database_opens_upgraded_with_an_empty_photo_deletion_queue(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v5-device.db"
    version_5_device(path)
    with open_store(path) as store:
        assert schema_version(store.db) == LATEST_VERSION >= 6
        columns = {row[1] for row in store.db.execute("PRAGMA table_info(photo_deletions)")}
        assert columns == {"sha256", "queued_at"}
        assert store.db.execute("SELECT count(*) FROM photo_deletions").fetchone()[0] == 0


def test_the_upgrade_to_version_6_deletes_no_picture_that_no_row_names(tmp_path: Path) -> None:
    path = tmp_path / "v5-device.db"
    signature = version_5_device(path)
    with open_store(path) as store:
        assert read_photo(store, signature) == SIGNATURE
        assert photo_path(store, signature).exists()
