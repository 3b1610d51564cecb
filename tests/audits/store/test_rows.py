from __future__ import annotations

import pytest

from audits.answers import answered
from audits.errors import AnswerError
from audits.store import Store
from audits.store.answers import remove_answer, save_answer
from audits.store.audit_rows import Audit
from audits.store.audits import complete_audit
from audits.store.establishments import Establishment, update_establishment
from tests.audits.store.conftest import outbox


def row_sync(store: Store, table: str, row_id: str) -> tuple[str, str | None, int, str]:
    sql = f"SELECT rev, base_rev, deleted, updated_by FROM {table} WHERE id = ?"
    return store.db.execute(sql, [row_id]).fetchone()


def test_every_change_writes_its_outbox_entry_at_the_rows_new_rev(
    store: Store, shop: Establishment, audit: Audit
) -> None:
    answer_id = save_answer(store, audit.id, "activite", answered("coiffure"))
    assert outbox(store)[("answers", answer_id)] == row_sync(store, "answers", answer_id)[0]
    save_answer(store, audit.id, "activite", answered("boulangerie"))
    assert outbox(store)[("answers", answer_id)] == row_sync(store, "answers", answer_id)[0]
    update_establishment(store, shop.id, {"name": "Boulangerie Martin et fils"})
    shop_rev = row_sync(store, "establishments", shop.id)[0]
    assert outbox(store)[("establishments", shop.id)] == shop_rev
    assert ("audits", audit.id) in outbox(store)


def test_the_outbox_keeps_one_entry_per_changed_row(store: Store, audit: Audit) -> None:
    for surface in (10, 20, 30):
        save_answer(store, audit.id, "surface", answered(surface))
    assert sum(table == "answers" for table, _ in outbox(store)) == 1


def test_a_refused_change_writes_neither_row_nor_outbox_entry(store: Store, audit: Audit) -> None:
    before = outbox(store)
    with pytest.raises(AnswerError):
        save_answer(store, audit.id, "surface", answered(-3))
    assert outbox(store) == before
    assert store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0


def test_new_rows_carry_the_sync_columns_of_this_device(store: Store, audit: Audit) -> None:
    answer_id = save_answer(store, audit.id, "activite", answered("coiffure"))
    row = store.db.execute(
        "SELECT org_id, rev, base_rev, deleted, updated_by FROM answers WHERE id = ?", [answer_id]
    ).fetchone()
    assert row[0] == "local"
    assert row[1].endswith(f"-{store.device_id}")
    assert row[2:] == (None, 0, "conseiller")


def test_base_rev_is_the_last_rev_the_server_gave_until_the_edit_is_pushed(
    store: Store, audit: Audit
) -> None:
    answer_id = save_answer(store, audit.id, "surface", answered(10))
    synced_rev = row_sync(store, "answers", answer_id)[0]
    store.db.execute("DELETE FROM outbox")  # what the sync client does once pushed
    save_answer(store, audit.id, "surface", answered(20))
    save_answer(store, audit.id, "surface", answered(30))
    assert row_sync(store, "answers", answer_id)[1] == synced_rev


def test_removing_an_answer_leaves_a_tombstone_in_the_outbox(store: Store, audit: Audit) -> None:
    answer_id = save_answer(store, audit.id, "observations", answered("vitrine sale"))
    remove_answer(store, audit.id, "observations")
    rev, _, deleted, _ = row_sync(store, "answers", answer_id)
    assert deleted == 1
    assert outbox(store)[("answers", answer_id)] == rev
    save_answer(store, audit.id, "observations", answered("vitrine propre"))
    assert row_sync(store, "answers", answer_id)[2] == 0


def test_a_status_change_of_an_audit_is_queued_too(store: Store, audit: Audit) -> None:
    save_answer(store, audit.id, "activite", answered("coiffure"))
    save_answer(store, audit.id, "surface", answered(40))
    completed = complete_audit(store, audit.id)
    assert outbox(store)[("audits", audit.id)] == completed.rev
