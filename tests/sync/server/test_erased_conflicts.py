"""A tombstone takes its row's data out of the conflict records and out of the stored answers
of the pushes that reported them: a conflict on a deleted row has nothing left to review, and
its copy would outlive an erasure (GDPR). Raw pushes, on both backends."""

from __future__ import annotations

from sqlalchemy import select

from sync.server.db import make_engine, make_sessions
from sync.server.models import ConflictRecord
from tests.sync.factories import batch, change, rev


def push(account, changes, **kwargs):
    response = account.post("/sync/push", json=batch(changes, **kwargs))
    assert response.status_code == 200, response.text
    return response.json()


def recorded(account, row_id):
    engine = make_engine(account.server.database_url)
    try:
        with make_sessions(engine)() as session:
            query = select(ConflictRecord.lost_data, ConflictRecord.erased_at)
            return session.execute(query.where(ConflictRecord.row_id == row_id)).all()
    finally:
        engine.dispose()


def contact_conflict(account):
    """A shop whose contact two devices edited at once: « Paul Renard » lost to B's edit."""
    shop = change("establishments", contact_name="Jeanne Lefort")
    push(account, [shop])
    mine = change("establishments", shop["id"], base_rev=shop["rev"], contact_name="Paul Renard")
    body = batch([mine])
    theirs = change(
        "establishments",
        shop["id"],
        rev_=rev("devB"),
        base_rev=shop["rev"],
        contact_name="Marie Caron",
    )
    push(account, [theirs], device_id="devB")
    answer = account.post("/sync/push", json=body).json()
    assert answer["conflicts"][0]["lost_data"] == {"contact_name": "Paul Renard"}
    return theirs, body


def erase(account, kept):
    erased = change("establishments", kept["id"], base_rev=kept["rev"], deleted=True, name="")
    push(account, [erased], device_id="devB")
    return erased


def test_a_tombstone_empties_the_rows_conflicts_and_keeps_them_as_a_trail(advisor):
    kept, _ = contact_conflict(advisor)
    erase(advisor, kept)
    [(lost_data, erased_at)] = recorded(advisor, kept["id"])
    assert lost_data is None and erased_at is not None


def test_a_batch_resent_after_the_erasure_answers_with_the_tombstone_and_no_copy(advisor):
    kept, body = contact_conflict(advisor)
    erased = erase(advisor, kept)
    [conflict] = advisor.post("/sync/push", json=body).json()["conflicts"]
    assert conflict["lost_data"] == {}
    assert conflict["kept_deleted"] is True
    assert (conflict["kept_rev"], conflict["kept_data"]) == (erased["rev"], {"name": ""})


def test_an_edit_that_meets_a_tombstone_loses_and_is_answered_without_its_data(advisor):
    shop = change("establishments", contact_name="Jeanne Lefort")
    push(advisor, [shop])
    late = change("establishments", shop["id"], rev_=rev("devA", 1), base_rev=shop["rev"],
                  contact_name="Paul Renard")  # fmt: skip
    erased = erase(advisor, shop)
    answer = push(advisor, [late])
    [conflict] = answer["conflicts"]
    assert (conflict["kept_rev"], conflict["kept_deleted"]) == (erased["rev"], True)
    assert conflict["lost_rev"] == late["rev"] and conflict["lost_data"] == {}
    [(lost_data, erased_at)] = recorded(advisor, shop["id"])
    assert lost_data is None and erased_at is not None


def test_the_conflicts_of_rows_still_live_keep_their_lost_version(advisor):
    kept, _ = contact_conflict(advisor)
    other = change("establishments", name="Fleurs Dupont")
    push(advisor, [other])
    erase(advisor, other)
    [(lost_data, erased_at)] = recorded(advisor, kept["id"])
    assert lost_data == {"contact_name": "Paul Renard"} and erased_at is None
