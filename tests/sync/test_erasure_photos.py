"""An erasure (GDPR) takes the shop's pictures off the other devices too: device B photographs
and signs an audit of the shop and syncs, device A erases the shop and syncs; once B has
synced, the façade photo and both signature pictures are gone from B's photo folder, a photo
another shop's audit names on B stays, and the names are found nowhere (``traces``). Two real
devices, a real server on each backend; the device's own rule (files deleted only once the
page is committed, queued with the rows so that a crash only delays the deletion to the
next open) is also checked alone, on a device database without a server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import config
from audits.answers import Answer
from audits.catalog import Catalog, load_catalog
from audits.store import Store, open_store
from audits.store.answers import save_answer
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.personal_data import BLANKS, erase_establishment
from audits.store.photos import add_photo, has_photo, photo_path, read_photo
from audits.store.questionnaires import import_questionnaire
from sync import device
from sync.protocol import ChangesPage, ServerChange
from tests.sync.devices import BOUTIQUE, SIRET, answer, new_audit, sync
from tests.sync.servers import Server
from tests.sync.test_erasure import shop_of, traces
from tests.sync.test_signatures import answered_bakery, field_device, sign

OTHER_SIRET = "35600000000048"
FACADE = b"\xff\xd8 facade de la boulangerie"
STREET = b"\xff\xd8 la rue des Marchands, vue depuis la place"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)


@pytest.fixture
def field_colleagues(
    tmp_path: Path, server: Server, catalog: Catalog
) -> Iterator[tuple[Store, Store]]:
    """Two advisors of one organisation with the full catalogue, on each backend's server."""
    first_account = server.account("advisor")
    second_account = server.account("advisor", org_id=first_account.org_id)
    with (
        field_device(tmp_path / "a.db", first_account, catalog) as first,
        field_device(tmp_path / "b.db", second_account, catalog) as second,
    ):
        yield first, second


def names() -> dict[str, str]:
    tag = uuid.uuid4().hex[:8]
    return {"contact": f"Jeanne Lefort {tag}", "owner": f"Paul Martin {tag}"}


def photographed_and_signed(store: Store, catalog: Catalog, words: dict[str, str]) -> list[str]:
    """The bakery's energy audit on this device: the façade photographed, the street photo
    on another answer (and on another shop's audit), signed. Returns the shop's id, then
    the hashes of the façade photo, the two signatures and the street photo."""
    shop = create_establishment(
        store, {"siret": SIRET, "name": "Boulangerie Martin", "contact_name": words["contact"]}
    )
    audit_id = answered_bakery(store, catalog, shop.id)
    facade, street = add_photo(store, FACADE), add_photo(store, STREET)
    save_answer(store, audit_id, "photo_facade", Answer(value=[facade]))
    save_answer(store, audit_id, "photo_plaque_fluide", Answer(value=[street]))
    signatures = sign(store, audit_id, owner=words["owner"])
    other = create_establishment(store, {"siret": OTHER_SIRET, "name": "Fleurs Dupont"})
    answer(store, create_audit(store, other.id, "boutique").id, "surface", 40, photos=[street])
    return [shop.id, facade, *signatures, street]


def erased_by_the_other_device(
    colleagues: tuple[Store, Store], catalog: Catalog, words: dict[str, str]
) -> list[str]:
    """B photographs and signs, both sync, A erases the shop and syncs, then B syncs."""
    first, second = colleagues
    made = photographed_and_signed(second, catalog, words)
    sync(second)
    sync(first)
    erase_establishment(first, made[0])
    sync(first)
    sync(second)
    return made


def test_the_pulled_erasure_deletes_the_shops_photo_and_signatures_on_the_other_device(
    field_colleagues: tuple[Store, Store], server: Server, catalog: Catalog
) -> None:
    second = field_colleagues[1]
    words = names()
    _, facade, advisor, owner, _ = erased_by_the_other_device(field_colleagues, catalog, words)
    for sha256 in (facade, advisor, owner):
        assert not photo_path(second, sha256).exists()
        assert not has_photo(second, sha256)
    assert traces(server, field_colleagues, words) == []


def test_a_photo_another_shops_audit_names_stays_on_the_other_device(
    field_colleagues: tuple[Store, Store], catalog: Catalog
) -> None:
    second = field_colleagues[1]
    street = erased_by_the_other_device(field_colleagues, catalog, names())[-1]
    assert read_photo(second, street) == STREET


def test_a_photo_added_offline_under_the_erased_audit_goes_with_the_refused_answer(
    colleagues: tuple[Store, Store],
) -> None:
    first, second = colleagues
    audit_id = new_audit(first)
    sync(first)
    sync(second)
    erase_establishment(first, shop_of(first, audit_id))
    sync(first)
    photo = add_photo(second, FACADE)  # offline, under the audit erased meanwhile
    answer(second, audit_id, "surface", 80, photos=[photo])
    assert sync(second).conflicts == 1
    assert not photo_path(second, photo).exists() and not has_photo(second, photo)


# The device's own rule, on a device database without a server.


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "device.db") as opened:
        yield opened


def erased_answer(store: Store, row_id: str) -> ChangesPage:
    """The pulled erasure tombstone of an answer: its row, blanked, as the server sends it."""
    [held] = device.pending_changes(store, 10).changes
    change = ServerChange(
        seq=4, table="answers", id=row_id, org_id=store.org_id,
        rev="2000000000004-0000-other", deleted=True, erased=True, updated_by="u",
        data={**held.data, **BLANKS["answers"]},
    )  # fmt: skip
    return ChangesPage(changes=[change], next=4, more=False)


def test_a_crash_after_the_page_commits_leaves_the_file_queued_and_the_next_open_deletes_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_questionnaire(store, BOUTIQUE)
    shop = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    audit_id = create_audit(store, shop.id, "boutique").id
    photo = add_photo(store, FACADE)
    row_id = answer(store, audit_id, "surface", 80, photos=[photo])
    store.db.execute("DELETE FROM outbox WHERE table_name != 'answers'")
    page = erased_answer(store, row_id)
    store.db.execute("DELETE FROM outbox")  # synced: a pull may overwrite it

    def crash(*_: object) -> int:
        raise KeyboardInterrupt  # the app killed right after the commit

    monkeypatch.setattr(device, "delete_queued_photos", crash)
    with pytest.raises(KeyboardInterrupt):
        device.apply_page(store, page)
    assert device.last_seq(store) == 4
    assert store.db.execute(
        "SELECT deleted, photos FROM answers WHERE id = ?", [row_id]
    ).fetchone() == (1, "[]")
    assert read_photo(store, photo) == FACADE  # unused, still there: nothing names it...
    assert queued(store) == [photo]  # ...but committed with the page as due for deletion
    store.close()
    with open_store(tmp_path / "device.db") as reopened:
        assert not photo_path(reopened, photo).exists() and not has_photo(reopened, photo)
        assert queued(reopened) == []


def queued(store: Store) -> list[str]:
    return [str(row[0]) for row in store.db.execute("SELECT sha256 FROM photo_deletions")]
