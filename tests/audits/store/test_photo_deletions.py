"""The photo deletion queue (migration 6): an erasure queues its pictures with its tombstones,
so a crash before the files go only delays their deletion to the next open of the store;
a picture a live row names again by then is kept and leaves the queue. Real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from audits.answers import answered
from audits.store import Store, open_store
from audits.store import personal_data as personal_data_module
from audits.store.answers import save_answer
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.establishments import Establishment
from audits.store.personal_data import erase_establishment
from audits.store.photos import (
    add_photo,
    has_photo,
    photo_path,
    queue_photo_deletions,
    read_photo,
)
from tests.audits.store.conftest import OTHER_SIRET, FakeClock, make_shop

FACADE = b"\xff\xd8 facade de la boulangerie"


def queued(store: Store) -> list[str]:
    return [str(row[0]) for row in store.db.execute("SELECT sha256 FROM photo_deletions")]


def crash_after_commit(*_: object) -> int:
    raise KeyboardInterrupt  # the app killed right after the erasure's commit


@pytest.fixture
def erased_in_a_crash(
    store: Store, shop: Establishment, audit: Audit, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The shop's façade photographed, then the shop erased and the app killed just after
    the commit, before the file was deleted. Returns the photo's hash."""
    photo = add_photo(store, FACADE)
    save_answer(store, audit.id, "photo_facade", answered([photo]))
    with monkeypatch.context() as patched:
        patched.setattr(personal_data_module, "delete_unused_photos", crash_after_commit)
        with pytest.raises(KeyboardInterrupt):
            erase_establishment(store, shop.id)
    return photo


def test_an_erasure_queues_its_photos_in_the_transaction_that_tombstones_the_rows(
    store: Store, erased_in_a_crash: str
) -> None:
    assert queued(store) == [erased_in_a_crash]
    assert photo_path(store, erased_in_a_crash).exists()


def test_a_crash_after_an_erasure_commits_only_delays_the_deletion_to_the_next_open(
    store: Store, db_path: Path, clock: FakeClock, erased_in_a_crash: str
) -> None:
    store.close()
    with open_store(db_path, now=clock) as reopened:
        assert not photo_path(reopened, erased_in_a_crash).exists()
        assert not has_photo(reopened, erased_in_a_crash)
        assert queued(reopened) == []


def test_a_queued_photo_a_live_answer_names_again_is_kept_and_dequeued(
    store: Store, db_path: Path, clock: FakeClock, erased_in_a_crash: str
) -> None:
    other = create_audit(store, make_shop(store, siret=OTHER_SIRET, name="Fleurs").id, "boutique")
    save_answer(store, other.id, "photo_facade", answered([erased_in_a_crash]))
    store.close()
    with open_store(db_path, now=clock) as reopened:
        assert read_photo(reopened, erased_in_a_crash) == FACADE
        assert queued(reopened) == []


def test_a_queued_photo_stored_again_leaves_the_queue_before_its_answer_is_saved(
    store: Store, erased_in_a_crash: str
) -> None:
    assert add_photo(store, FACADE) == erased_in_a_crash
    assert queued(store) == []
    assert read_photo(store, erased_in_a_crash) == FACADE


def test_a_queued_photo_whose_file_is_already_gone_leaves_the_queue_at_the_next_open(
    store: Store, db_path: Path, clock: FakeClock
) -> None:
    photo = add_photo(store, FACADE)
    with store.db.atomic():
        queue_photo_deletions(store, [photo])
    photo_path(store, photo).unlink()  # killed after the file went, before the queue entry
    store.close()
    with open_store(db_path, now=clock) as reopened:
        assert not has_photo(reopened, photo)
        assert queued(reopened) == []


def test_an_unused_photo_nobody_queued_is_never_swept_at_open(
    store: Store, db_path: Path, clock: FakeClock
) -> None:
    photo = add_photo(store, FACADE)  # stored, its answer not saved yet
    store.close()
    with open_store(db_path, now=clock) as reopened:
        assert read_photo(reopened, photo) == FACADE
