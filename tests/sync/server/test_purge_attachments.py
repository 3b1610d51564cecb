"""``diagterrain server purge-attachments``: after an establishment is erased on a device, its
photos leave the server's attachment folder, and a photo another audit still uses stays.

A real server per backend (SQLite file, PostgreSQL schema of its own: the purge reads every
organisation's rows, so it must not share a database with the other tests), a real device
that syncs, erases (RGPD) and syncs again, and the command run as an administrator would.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.cli import main
from audits.store import Store
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.personal_data import erase_establishment
from audits.store.photos import add_photo
from sync.server.attachments import path_of
from tests.sync.devices import answer, client_of, new_device, sync
from tests.sync.servers import PG_ADMIN_URL, Server

ERASED_SIRET = "73282932000074"
KEPT_SIRET = "55210055400013"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def own_server(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp(f"purge-{request.param}")
    if request.param == "sqlite":
        yield from _serve(f"sqlite:///{tmp / 'server.db'}", tmp)
        return
    schema = f"dt_purge_{uuid.uuid4().hex[:10]}"
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield from _serve(f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}", tmp)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def _serve(url: str, tmp: Path) -> Iterator[Server]:
    running = Server(url, tmp / "data").start()
    try:
        yield running
    finally:
        running.stop()


def purge(server: Server, capsys, *options: str) -> str:
    argv = ["server", "purge-attachments", "--database-url", server.database_url]
    assert main([*argv, "--data-dir", str(server.data_dir), *options]) == 0
    return re.sub(r"[\u00a0\u202f]", " ", capsys.readouterr().out)


def shop_with_photos(store: Store, siret: str, name: str, photos: list[str]) -> str:
    shop = create_establishment(store, {"siret": siret, "name": name, "commune": "Apt"})
    audit = create_audit(store, shop.id, "boutique").id
    answer(store, audit, "photo_facade", photos)
    return shop.id


def stored_file(server: Server, sha256: str) -> Path:
    return path_of(server.data_dir / "attachments", sha256)


@pytest.fixture
def erased(own_server: Server, tmp_path: Path) -> Iterator[tuple[Store, dict[str, str]]]:
    """Two shops synced, then the first erased on the device and the erasure synced: its own
    photo is named by no live row any more, the street photo both shops share still is."""
    with new_device(tmp_path / "device.db", own_server.account("advisor")) as store:
        own = add_photo(store, os.urandom(30_000))
        street = add_photo(store, os.urandom(20_000))
        kept = add_photo(store, os.urandom(10_000))
        erased_shop = shop_with_photos(store, ERASED_SIRET, "Fleurs Dupont", [own, street])
        shop_with_photos(store, KEPT_SIRET, "Boulangerie Martin", [street, kept])
        sync(store)
        assert all(stored_file(own_server, h).is_file() for h in (own, street, kept))
        erase_establishment(store, erased_shop)
        sync(store)
        yield store, {"own": own, "street": street, "kept": kept}


def test_an_erased_shop_photo_is_deleted_and_a_photo_another_audit_uses_stays(
    own_server, erased, capsys
):
    store, photos = erased
    out = purge(own_server, capsys, "--grace-hours", "0")
    assert f"supprimé : {photos['own']} (29,3 Ko)" in out
    assert "1 fichier(s) supprimé(s), 29,3 Ko libéré(s)." in out
    assert not stored_file(own_server, photos["own"]).exists()
    assert stored_file(own_server, photos["street"]).is_file()
    assert stored_file(own_server, photos["kept"]).is_file()
    # the server no longer claims to hold it: a device that still had it would send it again
    assert client_of(store).missing(list(photos.values())) == [photos["own"]]
    assert "Aucune pièce jointe à supprimer." in purge(own_server, capsys, "--grace-hours", "0")


def test_a_dry_run_lists_the_files_and_deletes_nothing(own_server, erased, capsys):
    _, photos = erased
    out = purge(own_server, capsys, "--dry-run", "--grace-hours", "0")
    assert f"à supprimer : {photos['own']} (29,3 Ko)" in out
    assert "Simulation : 1 fichier(s) à supprimer, 29,3 Ko ; rien n'a été supprimé." in out
    assert stored_file(own_server, photos["own"]).is_file()
    purge(own_server, capsys, "--grace-hours", "0")  # leave the shared server clean


def test_files_just_received_are_kept_while_a_sync_may_still_be_sending_their_rows(
    own_server, erased, capsys
):
    _, photos = erased
    out = purge(own_server, capsys)
    assert "Aucune pièce jointe à supprimer." in out
    assert "1 fichier(s) non cité(s) mais reçu(s) depuis moins de 24 h : conservé(s)" in out
    assert stored_file(own_server, photos["own"]).is_file()
    purge(own_server, capsys, "--grace-hours", "0")


def test_a_file_left_on_disk_without_its_record_is_found_too(own_server, capsys):
    stray = "ab" + "0" * 62
    path = stored_file(own_server, stray)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * 2048)
    out = purge(own_server, capsys, "--grace-hours", "0")
    assert f"supprimé : {stray} (2,0 Ko)" in out and not path.exists()
