"""An erasure's tombstone (``"erased": true`` on the change) is final on the server: applied
whatever the revs, and every later change to the row, or to a row under it, is refused as an
``ERASED`` conflict that keeps no data. A change without the field (an older client) is an
ordinary one, and older clients get answers and pages they can read. Raw pushes, both
backends."""

from __future__ import annotations

from tests.sync.factories import batch, change, pull_all, rev

KNOWS = {"erasures": "true"}


def push(account, changes, *, params=KNOWS, **kwargs):
    response = account.post("/sync/push", json=batch(changes, **kwargs), params=params)
    assert response.status_code == 200, response.text
    return response.json()


def erased_shop(account):
    """A shop with an audit and an answer, all erased by device A. Returns the three rows."""
    shop = change("establishments", name="Boulangerie Martin", contact_name="Jeanne Lefort")
    audit = change("audits", establishment_id=shop["id"], status="draft")
    reply = change("answers", audit_id=audit["id"], question_id="effectif", value="3")
    push(account, [shop, audit, reply])
    tombstones = [
        {**change(row["table"], row["id"], base_rev=row["rev"], deleted=True), "erased": True}
        for row in (audit, reply, shop)
    ]
    push(account, tombstones)
    return tuple(tombstones)


def late_edit(row, **data):
    """Device B's offline edit, made after the erasure: a later rev, on the old base."""
    return change(row["table"], row["id"], rev_=rev("devB"), base_rev="0000000000001-0000-x",
                  **data)  # fmt: skip


def test_a_later_edit_of_an_erased_row_is_refused_and_keeps_the_tombstone(advisor):
    _, _, shop = erased_shop(advisor)
    answer = push(advisor, [late_edit(shop, contact_name="Paul Renard")], device_id="devB")
    [conflict] = answer["conflicts"]
    assert answer["applied"] == 0
    assert (conflict["reason"], conflict["kept_rev"], conflict["kept_deleted"]) == (
        "ERASED", shop["rev"], True,
    )  # fmt: skip
    assert conflict["lost_data"] == {}
    [row] = [r for r in pull_all(advisor) if r["id"] == shop["id"]]
    assert (row["rev"], row["deleted"]) == (shop["rev"], True)


def test_rows_under_an_erased_audit_or_establishment_are_refused_even_when_new(advisor):
    audit, _, shop = erased_shop(advisor)
    new_audit = change("audits", establishment_id=shop["id"], status="draft")
    under_new = change("answers", audit_id=new_audit["id"], question_id="surface", value="80")
    under_old = change("answers", audit_id=audit["id"], question_id="surface", value="80")
    answer = push(advisor, [new_audit, under_new, under_old], device_id="devB")
    assert answer["applied"] == 0
    assert [(c["reason"], c["kept_rev"]) for c in answer["conflicts"]] == [("ERASED", None)] * 3
    ids = {r["id"] for r in pull_all(advisor)}
    assert not {new_audit["id"], under_new["id"], under_old["id"]} & ids


def test_an_erasure_wins_over_an_edit_with_a_later_rev(advisor):
    shop = change("establishments", name="Boulangerie Martin")
    push(advisor, [shop])
    later = rev("devB", 9_000_000_000_000)
    edit = change("establishments", shop["id"], rev_=later, base_rev=shop["rev"],
                  contact_name="Paul Renard")  # fmt: skip
    push(advisor, [edit], device_id="devB")
    erasure = {**change("establishments", shop["id"], base_rev=shop["rev"], deleted=True),
               "erased": True}  # fmt: skip
    answer = push(advisor, [erasure])
    [conflict] = answer["conflicts"]
    assert (conflict["kept_rev"], conflict["kept_deleted"], conflict["lost_data"]) == (
        erasure["rev"], True, {},
    )  # fmt: skip
    [row] = [r for r in pull_all(advisor) if r["id"] == shop["id"]]
    assert row["rev"] == erasure["rev"]


def test_a_deletion_without_the_field_is_ordinary_and_a_later_edit_revives_the_row(advisor):
    shop = change("establishments", name="Boulangerie Martin")
    push(advisor, [shop])
    push(advisor, [change("establishments", shop["id"], base_rev=shop["rev"], deleted=True)],
         params={})  # fmt: skip
    answer = push(advisor, [late_edit(shop, name="Fleurs Dupont")], device_id="devB", params={})
    assert answer["applied"] == 1
    assert [c["reason"] for c in answer["conflicts"]] == ["CONCURRENT_EDIT"]
    [row] = [r for r in pull_all(advisor) if r["id"] == shop["id"]]
    assert (row["deleted"], row["data"]["name"]) == (False, "Fleurs Dupont")


def test_an_older_client_reads_a_refusal_as_a_concurrent_edit_kept_by_the_tombstone(advisor):
    _, _, shop = erased_shop(advisor)
    answer = push(advisor, [late_edit(shop, contact_name="Paul Renard")], params={})
    [conflict] = answer["conflicts"]
    assert (conflict["reason"], conflict["kept_deleted"], conflict["lost_data"]) == (
        "CONCURRENT_EDIT", True, {},
    )  # fmt: skip


def test_pages_say_erased_only_to_clients_that_ask(advisor):
    _, _, shop = erased_shop(advisor)
    plain = advisor.get("/sync/changes", params={"since": 0}).json()["changes"]
    asked = advisor.get("/sync/changes", params={"since": 0, **KNOWS}).json()["changes"]
    assert all("erased" not in row for row in plain)
    assert [row["erased"] for row in asked if row["id"] == shop["id"]] == [True]
