"""Two real devices and a real server: offline edits merge, conflicts are kept, nothing lost."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from sync import device
from sync.runner import synchronise
from sync.server.db import make_engine, make_sessions
from sync.server.models import ConflictRecord
from tests.sync.devices import (
    answer,
    answers,
    client_of,
    conflicts,
    new_audit,
    new_device,
    sync,
)
from tests.sync.factories import pull_all


@pytest.fixture
def pair(tmp_path, sqlite_server):
    advisor = sqlite_server.account("advisor")
    colleague = sqlite_server.account("advisor", org_id=advisor.org_id)
    first = new_device(tmp_path / "a.db", advisor)
    second = new_device(tmp_path / "b.db", colleague)
    yield first, second
    first.close()
    second.close()


def test_two_devices_editing_different_answers_offline_both_end_with_both_edits(pair):
    first, second = pair
    audit_id = new_audit(first)
    sync(first)
    sync(second)
    answer(first, audit_id, "surface", 120)
    answer(second, audit_id, "effectif", 4)
    sync(first)
    sync(second)
    sync(first)
    assert (
        answers(first, audit_id) == answers(second, audit_id) == {"surface": "120", "effectif": "4"}
    )
    assert device.outbox_size(first) == device.outbox_size(second) == 0


def test_the_same_answer_edited_on_both_ends_with_the_higher_rev_and_a_recorded_conflict(pair):
    first, second = pair
    audit_id = new_audit(first)
    answer(first, audit_id, "surface", 100)
    sync(first)
    sync(second)
    answer(second, audit_id, "surface", 200)
    time.sleep(0.005)  # revs of the same millisecond would be ordered by device id
    answer(first, audit_id, "surface", 300)  # later rev: wins
    sync(second)
    report = sync(first)
    sync(second)
    assert answers(first, audit_id)["surface"] == answers(second, audit_id)["surface"] == "300"
    assert report.conflicts == 1
    [conflict] = conflicts(first)
    assert json.loads(conflict["lost_data"])["value"] == "200"
    assert conflict["kept_rev"] > conflict["lost_rev"]


def test_a_device_whose_edit_lost_adopts_the_kept_version_and_files_its_own(pair):
    first, second = pair
    audit_id = new_audit(first)
    answer(first, audit_id, "surface", 100)
    sync(first)
    sync(second)
    answer(first, audit_id, "surface", 300)
    time.sleep(0.005)
    answer(second, audit_id, "surface", 200)  # later rev: wins
    sync(second)
    sync(first)
    assert answers(first, audit_id)["surface"] == "200"
    [conflict] = conflicts(first)
    assert json.loads(conflict["lost_data"])["value"] == "300"


def test_a_pull_never_overwrites_an_unpushed_local_edit(pair):
    first, second = pair
    audit_id = new_audit(first)
    answer(first, audit_id, "surface", 100)
    sync(first)
    sync(second)
    answer(first, audit_id, "surface", 150)
    sync(first)
    answer(second, audit_id, "surface", 999)
    client_pull_only(second)
    assert answers(second, audit_id)["surface"] == "999"
    assert device.outbox_size(second) == 1


def test_a_device_does_not_download_its_own_rows_back(pair):
    first, _ = pair
    audit_id = new_audit(first)
    answer(first, audit_id, "surface", 120)
    client, received = counting_client(first)
    report = synchronise(first, client)
    assert (report.pushed, received) == (3, [0])
    assert device.last_seq(first) > 0


def counting_client(store):
    """A client that records how many changes each pulled page brought."""
    client, received = client_of(store), []
    pull = client.changes

    def changes(since, limit):
        page = pull(since, limit)
        received.append(len(page.changes))
        return page

    client.changes = changes
    return client, received


def test_rows_another_device_pushed_before_are_still_pulled(pair):
    first, second = pair
    theirs = new_audit(second)
    answer(second, theirs, "effectif", 4)
    sync(second)
    ours = new_audit(first)
    sync(first)
    assert answers(first, theirs) == {"effectif": "4"}
    sync(second)
    assert set(audit_ids(second)) == set(audit_ids(first)) == {theirs, ours}


def audit_ids(store):
    return [row[0] for row in store.db.execute("SELECT id FROM audits")]


def client_pull_only(store):
    from sync.runner import SyncReport, pull_changes
    from tests.sync.devices import client_of

    pull_changes(store, client_of(store), SyncReport(), lambda progress: None)


def test_tombstones_delete_on_the_other_device(pair):
    from audits.store.answers import remove_answer

    first, second = pair
    audit_id = new_audit(first)
    answer(first, audit_id, "surface", 100)
    sync(first)
    sync(second)
    remove_answer(first, audit_id, "surface")
    sync(first)
    sync(second)
    assert "surface" not in answers(second, audit_id)


@pytest.fixture
def pair_on_both_backends(tmp_path, server):
    """Two devices of one organisation, on the SQLite and on the PostgreSQL server."""
    advisor = server.account("advisor")
    colleague = server.account("advisor", org_id=advisor.org_id)
    first = new_device(tmp_path / "a.db", advisor)
    second = new_device(tmp_path / "b.db", colleague)
    yield first, second, advisor
    first.close()
    second.close()


@pytest.mark.parametrize("winner_pushes_first", [False, True])
def test_the_same_answer_created_offline_on_two_devices_is_one_row_edited_twice(
    pair_on_both_backends, winner_pushes_first
):
    first, second, advisor = pair_on_both_backends
    audit_id = new_audit(first)
    sync(first)
    sync(second)
    loser_id = answer(second, audit_id, "surface", 200)
    time.sleep(0.005)  # revs of the same millisecond would be ordered by device id
    winner_id = answer(first, audit_id, "surface", 300)  # later rev: wins
    assert winner_id == loser_id  # named after (audit, question) on both devices
    order = [first, second] if winner_pushes_first else [second, first]
    reports = [sync(store) for store in (*order, *order)]
    assert answers(first, audit_id)["surface"] == answers(second, audit_id)["surface"] == "300"
    assert sum(report.conflicts for report in reports) == 1
    [conflict] = conflicts(first) + conflicts(second)
    assert json.loads(conflict["lost_data"])["value"] == "200"
    assert conflict["row_id"] == winner_id and conflict["kept_rev"] > conflict["lost_rev"]
    assert device.outbox_size(first) == device.outbox_size(second) == 0
    server_rows = [c for c in pull_all(advisor) if c["table"] == "answers"]
    assert [(c["id"], c["data"]["value"]) for c in server_rows] == [(winner_id, "300")]
    assert server_conflicts(advisor) == [(winner_id, "200")]


def server_conflicts(account):
    """The lost versions the server kept for ``account``'s organisation: (row id, value)."""
    engine = make_engine(account.server.database_url)
    try:
        with make_sessions(engine)() as session:
            query = select(ConflictRecord).where(ConflictRecord.org_id == account.org_id)
            return [(c.row_id, c.lost_data["value"]) for c in session.scalars(query)]
    finally:
        engine.dispose()
