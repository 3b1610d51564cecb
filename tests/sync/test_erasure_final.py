"""An erasure (GDPR) is final: a device that edits an erased establishment, audit or answer
offline, with a later rev, does not bring the data back. Two real devices, a real server on
each backend; the names are then searched everywhere (``traces``). An ordinary deletion
keeps the ordinary rule: the higher rev wins."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from audits.store import Store, open_store
from audits.store.answers import remove_answer
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment, update_establishment
from audits.store.personal_data import erase_establishment
from audits.store.questionnaires import import_questionnaire
from sync import device
from sync.protocol import ChangesPage, ServerChange
from sync.server.db import make_engine, make_sessions
from sync.server.models import ConflictRecord, SyncRow
from tests.sync.devices import (
    BOUTIQUE,
    SIRET,
    answer,
    answers,
    conflicts,
    new_audit,
    sync,
)
from tests.sync.servers import Server
from tests.sync.test_erasure import shop_of, traces


def names() -> dict[str, str]:
    tag = uuid.uuid4().hex[:8]
    return {"first": f"Jeanne Lefort {tag}", "late": f"Paul Renard {tag}"}


def later() -> None:
    time.sleep(0.005)  # the next write's rev is later than the previous one's, on any device


def server_row(server: Server, table: str, row_id: str) -> SyncRow:
    engine = make_engine(server.database_url)
    try:
        with make_sessions(engine)() as session:
            row = session.get(SyncRow, (table, row_id))
            assert row is not None
            session.expunge(row)
            return row
    finally:
        engine.dispose()


def server_conflicts(server: Server, row_id: str) -> list[tuple[str, object]]:
    engine = make_engine(server.database_url)
    try:
        with make_sessions(engine)() as session:
            query = select(ConflictRecord.reason, ConflictRecord.lost_data)
            return [tuple(r) for r in session.execute(query.where(ConflictRecord.row_id == row_id))]
    finally:
        engine.dispose()


def deleted(store: Store, table: str, row_id: str) -> int:
    sql = f"SELECT deleted FROM {table} WHERE id = ?"
    return int(store.db.execute(sql, [row_id]).fetchone()[0])


def erased_after_sync(colleagues: tuple[Store, Store], contact: str) -> tuple[str, str]:
    """Both devices hold a shop with an audit and an answer; the first erases it and syncs.
    Returns the shop's and the audit's ids."""
    first, second = colleagues
    audit_id = new_audit(first)
    shop_id = shop_of(first, audit_id)
    update_establishment(first, shop_id, {"contact_name": contact})
    answer(first, audit_id, "effectif", 3)
    sync(first)
    sync(second)
    later()
    erase_establishment(first, shop_id)
    sync(first)
    later()
    return shop_id, audit_id


def test_an_edit_made_offline_after_the_erasure_is_refused_and_the_erasure_stays(
    colleagues, server
):
    first, second = colleagues
    contacts = names()
    shop_id, _ = erased_after_sync(colleagues, contacts["first"])
    update_establishment(second, shop_id, {"contact_name": contacts["late"]})  # a later rev
    report = sync(second)
    sync(first)
    assert report.conflicts == 1
    row = server_row(server, "establishments", shop_id)
    assert (row.deleted, row.erased, row.data["name"]) == (True, True, "")
    assert server_conflicts(server, shop_id) == [("ERASED", None)]
    assert (
        deleted(second, "establishments", shop_id) == deleted(first, "establishments", shop_id) == 1
    )
    assert conflicts(second) == []
    assert traces(server, colleagues, contacts) == []


def test_an_answer_edited_offline_under_the_erased_audit_is_refused_too(colleagues, server):
    first, second = colleagues
    contacts = names()
    _, audit_id = erased_after_sync(colleagues, contacts["first"])
    edited = answer(second, audit_id, "effectif", 7, note=contacts["late"])
    added = answer(second, audit_id, "surface", 80, note=contacts["late"])  # no row yet
    report = sync(second)
    sync(first)
    assert report.conflicts == 2
    assert answers(second, audit_id) == {} and conflicts(second) == []
    assert server_row(server, "answers", edited).erased
    with pytest.raises(AssertionError):
        server_row(server, "answers", added)  # refused: never stored
    for row_id in (edited, added):
        assert server_conflicts(server, row_id) == [("ERASED", None)]
    assert traces(server, colleagues, contacts) == []


def test_a_later_pull_does_not_bring_an_erased_row_back_on_either_device(colleagues, server):
    first, second = colleagues
    contacts = names()
    shop_id, _ = erased_after_sync(colleagues, contacts["first"])
    update_establishment(second, shop_id, {"contact_name": contacts["late"]})
    sync(second)
    sync(first)
    sync(second)
    for store in colleagues:
        assert deleted(store, "establishments", shop_id) == 1
        assert store.db.execute(
            "SELECT 1 FROM erased_rows WHERE table_name = 'establishments' AND row_id = ?",
            [shop_id],
        ).fetchone() == (1,)


def test_an_ordinary_deletion_still_loses_to_a_later_edit(colleagues, server):
    first, second = colleagues
    audit_id = new_audit(first)
    answer(first, audit_id, "effectif", 3)
    sync(first)
    sync(second)
    later()
    remove_answer(first, audit_id, "effectif")
    sync(first)
    later()
    answer(second, audit_id, "effectif", 5)  # offline, after the deletion: a later rev
    report = sync(second)
    sync(first)
    assert report.conflicts == 1
    assert answers(first, audit_id) == answers(second, audit_id) == {"effectif": "5"}


# The device's own rules, on a device database without a server.


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    with open_store(tmp_path / "device.db") as opened:
        yield opened


def pulled(store: Store, row_id: str, seq: int, **fields: object) -> ChangesPage:
    change = ServerChange(
        seq=seq, table="establishments", id=row_id, org_id=store.org_id,
        rev=f"{2_000_000_000_000 + seq:013d}-0000-other", updated_by="u",
        data={"siret": SIRET, "name": "Fleurs Dupont"}, **fields,
    )  # fmt: skip
    return ChangesPage(changes=[change], next=seq, more=False)


def new_audit_of(store: Store, shop_id: str) -> str:
    import_questionnaire(store, BOUTIQUE)
    return create_audit(store, shop_id, "boutique").id


def test_an_erasure_is_pushed_as_such_and_an_ordinary_deletion_is_not(store):
    shop = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    audit_id = new_audit_of(store, shop.id)
    answer(store, audit_id, "effectif", 3)
    remove_answer(store, audit_id, "effectif")
    other = {(c.table, c.deleted, c.erased) for c in device.pending_changes(store, 50).changes}
    assert ("answers", True, False) in other
    erase_establishment(store, shop.id)
    changes = device.pending_changes(store, 50).changes
    assert {(c.table, c.erased) for c in changes} == {
        ("establishments", True), ("audits", True), ("answers", True),
    }  # fmt: skip


def test_a_pulled_version_of_a_row_erased_here_is_ignored(store):
    shop = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    erase_establishment(store, shop.id)
    store.db.execute("DELETE FROM outbox")  # the erasure has synced
    assert device.apply_page(store, pulled(store, shop.id, 5)) == 0
    assert store.db.execute(
        "SELECT deleted, name FROM establishments WHERE id = ?", [shop.id]
    ).fetchone() == (1, "")


def test_a_pulled_erasure_overrides_an_unpushed_local_edit(store):
    shop = create_establishment(store, {"siret": SIRET, "name": "Boulangerie Martin"})
    page = pulled(store, shop.id, 6, deleted=True, erased=True)
    page.changes[0].data.update(name="", siret="")
    assert device.apply_page(store, page) == 1
    assert device.outbox_size(store) == 0
    assert store.db.execute(
        "SELECT deleted, name FROM establishments WHERE id = ?", [shop.id]
    ).fetchone() == (1, "")
    assert device.apply_page(store, pulled(store, shop.id, 7)) == 0  # final from now on
