from __future__ import annotations

import hashlib

import pytest

from audits.store import Store
from audits.store.errors import PhotoCorruptedError, StoreError
from audits.store.photos import add_photo, damaged_photos, has_photo, photo_path, read_photo

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


def test_a_photo_is_stored_beside_the_database_under_its_sha256(store: Store) -> None:
    sha256 = add_photo(store, JPEG)
    assert sha256 == hashlib.sha256(JPEG).hexdigest()
    path = photo_path(store, sha256)
    assert path.parent.parent == store.path.parent / "device.photos"
    assert path.read_bytes() == JPEG
    assert read_photo(store, sha256) == JPEG


def test_the_same_photo_twice_is_stored_once(store: Store) -> None:
    first = add_photo(store, JPEG)
    mtime = photo_path(store, first).stat().st_mtime_ns
    second = add_photo(store, bytes(JPEG))
    assert first == second
    assert photo_path(store, first).stat().st_mtime_ns == mtime
    assert store.db.execute("SELECT count(*) FROM photos").fetchone()[0] == 1
    files = [p for p in store.photos_dir.rglob("*") if p.is_file()]
    assert files == [photo_path(store, first)]


def test_a_corrupted_photo_is_detected_on_read_with_a_french_message(store: Store) -> None:
    sha256 = add_photo(store, JPEG)
    damaged = bytearray(JPEG)
    damaged[100] ^= 0xFF
    photo_path(store, sha256).write_bytes(bytes(damaged))
    with pytest.raises(PhotoCorruptedError, match=f"photo {sha256} corrompue"):
        read_photo(store, sha256)
    assert damaged_photos(store) == [sha256]


def test_adding_a_corrupted_photo_again_repairs_the_file(store: Store) -> None:
    sha256 = add_photo(store, JPEG)
    photo_path(store, sha256).write_bytes(b"truncated")
    add_photo(store, JPEG)
    assert read_photo(store, sha256) == JPEG


def test_a_missing_photo_file_is_reported_not_crashed_on(store: Store) -> None:
    sha256 = add_photo(store, JPEG)
    photo_path(store, sha256).unlink()
    with pytest.raises(StoreError, match=f"photo {sha256} absente"):
        read_photo(store, sha256)
    assert has_photo(store, sha256)


def test_an_empty_photo_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="photo vide"):
        add_photo(store, b"")
