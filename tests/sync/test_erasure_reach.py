"""An erasure (GDPR) reaches the rows its device never pulled: device B makes a second audit
of the shop, with answers, and syncs; device A, which never pulled it, erases the shop and
syncs; once B has synced, nothing names the shop live on the server nor on either device,
and the names are found nowhere (``traces``). Two real devices, a real server on each
backend."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from audits.store import Store
from audits.store.audits import create_audit
from audits.store.establishments import update_establishment
from audits.store.personal_data import erase_establishment
from sync.server.db import make_engine, make_sessions
from sync.server.models import SyncRow
from tests.sync.devices import answer, new_audit, sync
from tests.sync.servers import Server
from tests.sync.test_erasure import shop_of, traces

LIVE_UNDER_SHOP = """
SELECT 'audits', id FROM audits WHERE establishment_id = :shop AND deleted = 0
UNION ALL SELECT 'campaign_establishments', id FROM campaign_establishments
  WHERE establishment_id = :shop AND deleted = 0
UNION ALL SELECT 'answers', r.id FROM answers r
  JOIN audits a ON a.id = r.audit_id WHERE a.establishment_id = :shop AND r.deleted = 0
UNION ALL SELECT 'actions', r.id FROM actions r
  JOIN audits a ON a.id = r.audit_id WHERE a.establishment_id = :shop AND r.deleted = 0
UNION ALL SELECT 'establishments', id FROM establishments WHERE id = :shop AND deleted = 0
"""


def names() -> dict[str, str]:
    tag = uuid.uuid4().hex[:8]
    return {"contact": f"Jeanne Lefort {tag}", "manager": f"Paul Renard {tag}",
            "seen": f"Reçu par Marie Caron {tag}"}  # fmt: skip


def live_on_device(store: Store, shop_id: str) -> list[tuple[str, str]]:
    return [tuple(row) for row in store.db.execute(LIVE_UNDER_SHOP, {"shop": shop_id})]


def server_rows(server: Server, org_id: str) -> list[SyncRow]:
    engine = make_engine(server.database_url)
    try:
        with make_sessions(engine)() as session:
            return list(session.scalars(select(SyncRow).where(SyncRow.org_id == org_id)))
    finally:
        engine.dispose()


def live_on_server(rows: list[SyncRow], shop_id: str) -> list[tuple[str, str]]:
    audits = {r.row_id for r in rows if r.data.get("establishment_id") == shop_id}
    return [
        (r.table_name, r.row_id)
        for r in rows
        if not r.deleted
        and (r.row_id == shop_id or r.row_id in audits or r.data.get("audit_id") in audits)
    ]


def second_audit_unseen_by_the_eraser(colleagues: tuple[Store, Store], words: dict[str, str]):
    """A's shop (and audit) reach B; B makes a second audit with two answers and syncs; A
    never pulls it. Returns the shop's id, B's audit id and its answers' ids."""
    first, second = colleagues
    shop_id = shop_of(first, new_audit(first))
    update_establishment(first, shop_id, {"contact_name": words["contact"]})
    sync(first)
    sync(second)
    audit_id = create_audit(second, shop_id, "boutique").id
    replies = [
        answer(second, audit_id, "observations", words["seen"], note=words["manager"]),
        answer(second, audit_id, "effectif", 4),
    ]
    sync(second)
    return shop_id, audit_id, replies


def test_an_erasure_reaches_the_audit_and_answers_the_erasing_device_never_pulled(
    colleagues, server
):
    first, second = colleagues
    words = names()
    shop_id, audit_id, replies = second_audit_unseen_by_the_eraser(colleagues, words)
    assert first.db.execute("SELECT 1 FROM audits WHERE id = ?", [audit_id]).fetchone() is None
    erase_establishment(first, shop_id)
    sync(first)
    report = sync(second)
    assert report.conflicts == 0
    rows = server_rows(server, first.org_id)
    assert live_on_server(rows, shop_id) == []
    by_id = {r.row_id: r for r in rows}
    assert [(by_id[i].deleted, by_id[i].erased) for i in (audit_id, *replies)] == [(True, True)] * 3
    assert live_on_device(first, shop_id) == live_on_device(second, shop_id) == []
    held = second.db.execute(
        "SELECT count(*) FROM erased_rows WHERE row_id IN (?, ?, ?)", [audit_id, *replies]
    )
    assert held.fetchone() == (3,)
    assert traces(server, colleagues, words) == []


def test_an_answer_added_offline_to_the_reached_audit_is_refused_and_erased(colleagues, server):
    first, second = colleagues
    words = names()
    shop_id, audit_id, _ = second_audit_unseen_by_the_eraser(colleagues, words)
    erase_establishment(first, shop_id)
    sync(first)
    late = answer(second, audit_id, "surface", 80, note=words["manager"])  # offline, unpushed
    report = sync(second)
    assert report.conflicts == 1
    assert live_on_device(second, shop_id) == []
    assert late not in {r.row_id for r in server_rows(server, first.org_id)}
    assert traces(server, colleagues, words) == []
