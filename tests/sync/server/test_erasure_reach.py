"""An erasure reaches the rows its device never held: the push writing the erasure tombstone
of an establishment (or of an audit) tombstones, as erased and blanked, every row of the
organisation naming it -- audits and memberships, their answers and plan lines -- with seqs
of its own. An ordinary deletion reaches nothing. Raw pushes, both backends."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from audits.store.personal_data import BLANKS
from sync.server import cascade
from sync.server.db import is_sqlite, make_engine
from tests.sync.factories import batch, change, pull_all, rev

KNOWS = {"erasures": "true"}


def push(account, changes, **kwargs):
    response = account.post("/sync/push", json=batch(changes, **kwargs), params=KNOWS)
    assert response.status_code == 200, response.text
    return response.json()


def pulled(account, since=0):
    """The organisation's rows after ``since``, by id (each row's latest version)."""
    rows = []
    while True:
        params = {"since": since, "limit": 2000, **KNOWS}
        page = account.get("/sync/changes", params=params).json()
        rows += page["changes"]
        since = page["next"]
        if not page["more"]:
            return {row["id"]: row for row in rows}


def erasure(row):
    return {**change(row["table"], row["id"], base_rev=row["rev"], deleted=True), "erased": True}


def shop_of_two_devices(account):
    """Device A's shop; device B's audit of it, with an answer, a plan line and a campaign
    membership, which A never pulled. Returns the shop and B's four rows."""
    shop = change("establishments", name="Boulangerie Martin", contact_name="Jeanne Lefort")
    push(account, [shop])
    audit = change("audits", rev_=rev("devB"), establishment_id=shop["id"], status="draft")
    reply = change("answers", rev_=rev("devB"), audit_id=audit["id"], question_id="observations",
                   value="Reçu par Paul Renard", note="Paul Renard, gérant")  # fmt: skip
    line = change("actions", rev_=rev("devB"), audit_id=audit["id"], action_key="led",
                  title="LED chez Paul Renard", owner="Paul Renard", status="proposed")  # fmt: skip
    member = change("campaign_establishments", rev_=rev("devB"), campaign_id="c1",
                    establishment_id=shop["id"])  # fmt: skip
    push(account, [audit, reply, line, member], device_id="devB")
    return shop, (audit, reply, line, member)


def test_erasing_a_shop_tombstones_the_rows_another_device_made_under_it(advisor):
    shop, under = shop_of_two_devices(advisor)
    answer = push(advisor, [erasure(shop)])
    assert (answer["applied"], answer["conflicts"]) == (1, [])
    rows = pulled(advisor)
    for row in under:
        got = rows[row["id"]]
        assert (got["deleted"], got["erased"], got["updated_by"]) == (True, True, advisor.user_id)
        assert got["rev"] > row["rev"] and got["base_rev"] == row["rev"]
        assert got["data"] == {**row["data"], **BLANKS[row["table"]]}
    assert "Paul Renard" not in str(rows)


def test_a_device_that_pulled_before_the_erasure_gets_every_tombstone_after_it(advisor):
    shop, under = shop_of_two_devices(advisor)
    before = advisor.get("/sync/changes", params={"since": 0, "limit": 2000}).json()["next"]
    answer = push(advisor, [erasure(shop)])
    page = advisor.get("/sync/changes", params={"since": before, **KNOWS}).json()
    seqs = [row["seq"] for row in page["changes"]]
    assert seqs == list(range(before + 1, answer["server_seq"] + 1))
    assert {row["id"] for row in page["changes"]} == {shop["id"], *(r["id"] for r in under)}
    assert all(row["erased"] for row in page["changes"])


def test_erasing_an_audit_tombstones_its_answers_and_plan_lines(advisor):
    shop, (audit, reply, line, member) = shop_of_two_devices(advisor)
    push(advisor, [erasure(audit)])
    rows = pulled(advisor)
    assert [rows[r["id"]]["erased"] for r in (audit, reply, line)] == [True] * 3
    assert [rows[r["id"]]["deleted"] for r in (shop, member)] == [False, False]


def test_the_erasing_devices_own_tombstone_of_a_row_already_reached_is_applied_quietly(advisor):
    _, (audit, reply, _, _) = shop_of_two_devices(advisor)
    push(advisor, [erasure(audit)])  # its answers' tombstones come in the next batch
    answer = push(advisor, [erasure(reply)])
    assert (answer["applied"], answer["conflicts"]) == (1, [])
    assert pulled(advisor)[reply["id"]]["erased"]


def test_a_row_made_after_the_erasure_on_a_clock_ahead_keeps_a_growing_rev(advisor):
    shop = change("establishments", name="Boulangerie Martin")
    push(advisor, [shop])
    ahead = change("audits", rev_=rev("devB", 9_000_000_000_000), establishment_id=shop["id"])
    push(advisor, [ahead], device_id="devB")
    push(advisor, [erasure(shop)])
    got = pulled(advisor)[ahead["id"]]
    assert got["erased"] and got["rev"] > ahead["rev"]


def test_an_ordinary_tombstone_under_the_erased_shop_is_blanked_too(advisor):
    shop, (_, _, line, _) = shop_of_two_devices(advisor)
    deleted = change("actions", line["id"], base_rev=line["rev"], deleted=True,
                     **{**line["data"], "title": "LED chez Paul Renard"})  # fmt: skip
    push(advisor, [deleted])
    push(advisor, [erasure(shop)])
    got = pulled(advisor)[line["id"]]
    assert got["erased"] and got["data"]["title"] == ""


def test_an_ordinary_deletion_of_a_shop_or_an_audit_reaches_nothing(advisor):
    shop, (audit, reply, line, member) = shop_of_two_devices(advisor)
    push(advisor, [change("audits", audit["id"], base_rev=audit["rev"], deleted=True,
                          **audit["data"])])  # fmt: skip
    push(advisor, [change("establishments", shop["id"], base_rev=shop["rev"], deleted=True)])
    rows = pulled(advisor)
    assert [rows[r["id"]]["deleted"] for r in (reply, line, member)] == [False] * 3
    assert not any(row["erased"] for row in rows.values())
    assert rows[reply["id"]]["data"]["note"] == "Paul Renard, gérant"


def test_an_erasure_does_not_reach_another_organisations_rows(server, advisor):
    shop, _ = shop_of_two_devices(advisor)
    other = server.account("advisor")
    theirs = change("audits", establishment_id=shop["id"], status="draft")
    push(other, [theirs])
    push(advisor, [erasure(shop)])
    [row] = [r for r in pull_all(other) if r["id"] == theirs["id"]]
    assert not row["deleted"]


def test_the_server_blanks_the_columns_the_devices_erasure_blanks():
    assert cascade.BLANKS == BLANKS


LOCK_ROW = "SELECT 1 FROM sync_rows WHERE table_name = :t AND row_id = :i FOR UPDATE"
CASCADE_WAITING = (
    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    " AND query LIKE '%json_array_elements_text%'"
)


def wait_for_the_cascade_to_wait(connection) -> None:
    deadline = time.monotonic() + 10
    while not connection.execute(text(CASCADE_WAITING)).scalar_one():
        connection.execute(text("SELECT pg_stat_clear_snapshot()"))  # a fresh look next time
        assert time.monotonic() < deadline, "the erasure never waited on the locked answer"
        time.sleep(0.05)


def test_an_erasure_push_aborted_by_a_deadlock_runs_again_and_applies(advisor):
    """PostgreSQL only (SQLite has one writer): a push editing B's answer holds it and then
    wants its audit, which the erasure locked before waiting on that answer."""
    if is_sqlite(advisor.server.database_url):
        pytest.skip("SQLite : un seul écrivain, pas de verrou de ligne")
    shop, (audit, reply, _, _) = shop_of_two_devices(advisor)
    engine = make_engine(advisor.server.database_url)
    try:
        with engine.connect() as other, ThreadPoolExecutor(1) as pool:
            other.execute(text("SET deadlock_timeout = '10s'"))  # the erasure is the victim
            other.execute(text(LOCK_ROW), {"t": "answers", "i": reply["id"]})
            pushed = pool.submit(push, advisor, [erasure(shop)])
            wait_for_the_cascade_to_wait(other)
            other.execute(text(LOCK_ROW), {"t": "audits", "i": audit["id"]})
            other.rollback()
            answer = pushed.result(timeout=60)
    finally:
        engine.dispose()
    assert (answer["applied"], answer["conflicts"]) == (1, [])
    assert all(pulled(advisor)[row["id"]]["erased"] for row in (shop, audit, reply))
