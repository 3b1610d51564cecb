"""An erasure (GDPR) leaves no copy in conflict records: two real devices, a real server on
each backend. The owner's contact names, once kept as the losing side of a concurrent edit,
must be found nowhere on the server nor on either device after the erasure has synced.
The device's own rules (a pulled or adopted tombstone deletes its row's conflicts) are
also checked alone, on a device database without a server."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from audits.store import Store, open_store
from audits.store.establishments import create_establishment, update_establishment
from audits.store.personal_data import BLANK_ESTABLISHMENT, erase_establishment
from sync import device
from sync.protocol import ChangesPage, Conflict, PushResult, ServerChange
from sync.server.db import make_engine, make_sessions
from sync.server.models import ConflictRecord
from tests.sync.devices import SIRET, conflicts, new_audit, sync
from tests.sync.servers import Server
from tests.sync.traces import device_columns_holding, in_device_file, server_columns_holding


def contacts() -> dict[str, str]:
    """Names no other test writes: the search of the shared server database is exact."""
    tag = uuid.uuid4().hex[:8]
    return {k: f"{name} {tag}" for k, name in (("first", "Jeanne Lefort"),
            ("lost", "Paul Renard"), ("kept", "Marie Caron"))}  # fmt: skip


def shop_of(store: Store, audit_id: str) -> str:
    row = store.db.execute("SELECT establishment_id FROM audits WHERE id = ?", [audit_id])
    return str(row.fetchone()[0])


def edit_contact(store: Store, shop_id: str, name: str) -> None:
    update_establishment(store, shop_id, {"contact_name": name})
    time.sleep(0.005)  # the next device's rev is later, whatever the device ids


def server_conflicts(server: Server, shop_id: str) -> list[ConflictRecord]:
    engine = make_engine(server.database_url)
    try:
        with make_sessions(engine)() as session:
            query = select(ConflictRecord).where(ConflictRecord.row_id == shop_id)
            return list(session.scalars(query))
    finally:
        engine.dispose()


def traces(server: Server, devices: tuple[Store, Store], names: dict[str, str]) -> list[str]:
    """Everywhere any of the names still lies: server columns, device columns, device files."""
    found = []
    for name in names.values():
        found += [
            f"serveur {c} : {name}" for c in server_columns_holding(server.database_url, name)
        ]
        for store in devices:
            found += [
                f"{store.path.name} {c} : {name}" for c in device_columns_holding(store.path, name)
            ]
            if in_device_file(store.path, name):
                found.append(f"{store.path.name} (octets du fichier) : {name}")
    return found


def conflicting_contacts(colleagues: tuple[Store, Store], names: dict[str, str]) -> str:
    """Both devices hold the shop; each edits its contact; the second's edit wins on the
    server, and the first's is kept as the conflict's lost version (on the server and in the
    second device's conflicts table). Returns the shop's id."""
    first, second = colleagues
    shop_id = shop_of(first, new_audit(first))
    update_establishment(first, shop_id, {"contact_name": names["first"]})
    sync(first)
    sync(second)
    edit_contact(first, shop_id, names["lost"])
    edit_contact(second, shop_id, names["kept"])
    sync(first)
    assert sync(second).conflicts == 1
    sync(first)
    return shop_id


def test_an_erased_contact_kept_as_a_conflict_is_found_nowhere_once_the_erasure_has_synced(
    colleagues, server
):
    first, second = colleagues
    names = contacts()
    shop_id = conflicting_contacts(colleagues, names)
    [recorded] = server_conflicts(server, shop_id)
    assert recorded.lost_data is not None and recorded.lost_data["contact_name"] == names["lost"]
    assert [json.loads(c["lost_data"])["contact_name"] for c in conflicts(second)] == [
        names["lost"]
    ]
    where = server_columns_holding(server.database_url, names["lost"])
    assert {"sync_conflicts.lost_data", "sync_batches.response"} <= set(where)
    assert "conflicts.lost_data" in device_columns_holding(second.path, names["lost"])
    erase_establishment(first, shop_id)
    sync(first)
    sync(second)
    sync(first)
    assert traces(server, colleagues, names) == []


def test_the_server_keeps_the_erased_conflict_as_a_trail_without_its_data(colleagues, server):
    names = contacts()
    shop_id = conflicting_contacts(colleagues, names)
    [before] = server_conflicts(server, shop_id)
    erase_establishment(colleagues[0], shop_id)
    sync(colleagues[0])
    [after] = server_conflicts(server, shop_id)
    assert after.lost_data is None and after.erased_at is not None
    assert (after.table_name, after.reason, after.kept_rev, after.lost_rev) == (
        "establishments", "CONCURRENT_EDIT", before.kept_rev, before.lost_rev,
    )  # fmt: skip


def test_an_edit_made_offline_before_the_erasure_syncs_after_it_and_leaves_no_copy(
    colleagues, server
):
    first, second = colleagues
    names = contacts()
    shop_id = shop_of(first, new_audit(first))
    update_establishment(first, shop_id, {"contact_name": names["first"]})
    sync(first)
    sync(second)
    edit_contact(second, shop_id, names["lost"])  # offline, before the erasure: an older rev
    erase_establishment(first, shop_id)
    sync(first)
    report = sync(second)  # its edit meets the tombstone and loses
    sync(first)
    assert report.conflicts == 1
    assert conflicts(second) == []
    deleted = second.db.execute("SELECT deleted FROM establishments WHERE id = ?", [shop_id])
    assert deleted.fetchone() == (1,)
    [recorded] = server_conflicts(server, shop_id)
    assert recorded.lost_data is None and recorded.erased_at is not None
    assert traces(server, colleagues, names) == []


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    with open_store(tmp_path / "device.db") as opened:
        yield opened


def filed_conflicts(store: Store) -> list[tuple[str, str]]:
    return store.db.execute("SELECT table_name, row_id FROM conflicts ORDER BY id").fetchall()


def lost_contact(table: str, row_id: str, name: str) -> Conflict:
    return Conflict(
        table=table, id=row_id, kept_rev="1765100000000-0000-srv", lost_rev="1765000000000-0000-b",
        lost_data={"contact_name": name},
    )  # fmt: skip


def tombstone(store: Store, row_id: str, seq: int) -> ServerChange:
    return ServerChange(
        seq=seq, table="establishments", id=row_id, org_id=store.org_id,
        rev=f"{2_000_000_000_000 + seq:013d}-0000-other", deleted=True, updated_by="u",
        data=BLANK_ESTABLISHMENT,
    )  # fmt: skip


def test_a_pulled_tombstone_deletes_its_rows_conflicts_and_no_other_rows(store):
    erased = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    kept = create_establishment(store, {"siret": "55210055400013", "name": "Fleurs Dupont"})
    with store.db.atomic():
        device._file_conflict(store, lost_contact("establishments", erased.id, "Paul Renard"))
        device._file_conflict(store, lost_contact("establishments", kept.id, "Luc Blanc"))
    store.db.execute("DELETE FROM outbox")  # both synced: a pull may overwrite them
    device.apply_page(
        store, ChangesPage(changes=[tombstone(store, erased.id, 7)], next=7, more=False)
    )
    assert filed_conflicts(store) == [("establishments", kept.id)]
    assert store.db.execute(
        "SELECT deleted, name FROM establishments WHERE id = ?", [erased.id]
    ).fetchone() == (1, "")
    store.close()
    assert not in_device_file(store.path, "Paul Renard")
    assert not in_device_file(store.path, "Boulangerie Martin")


def test_a_push_answered_with_a_tombstone_files_no_conflict_and_adopts_the_tombstone(store):
    shop = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    update_establishment(store, shop.id, {"contact_name": "Paul Renard"})
    [pushed] = device.pending_changes(store, 10).changes
    erased = tombstone(store, shop.id, 9)
    answer = PushResult(
        batch_id="b1",
        applied=0,
        server_seq=9,
        conflicts=[
            Conflict(
                table="establishments", id=shop.id, kept_rev=erased.rev, kept_deleted=True,
                kept_data=erased.data, lost_rev=pushed.rev, lost_data={},
            )
        ],
    )  # fmt: skip
    device.settle_push(store, [pushed], answer)
    assert filed_conflicts(store) == []
    row = store.db.execute(
        "SELECT deleted, rev, contact_name FROM establishments WHERE id = ?", [shop.id]
    ).fetchone()
    assert row == (1, erased.rev, None)


def test_a_conflict_on_a_live_row_is_still_filed_for_review(store):
    shop = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    [pushed] = device.pending_changes(store, 10).changes
    won = lost_contact("establishments", shop.id, "Paul Renard")
    won = won.model_copy(update={"kept_rev": pushed.rev})  # this device's version was kept
    answer = PushResult(batch_id="b1", applied=1, server_seq=3, conflicts=[won])
    device.settle_push(store, [pushed], answer)
    [filed] = conflicts(store)
    assert json.loads(filed["lost_data"])["contact_name"] == "Paul Renard"
