"""Pull: ascending seq, pages, resumable from any seq, scoped to the caller's organisation."""

from __future__ import annotations

from tests.sync.factories import batch, change, pull_all


def test_pages_follow_each_other_without_gap_or_repeat(advisor):
    ids = [c["id"] for c in _push(advisor, 25)]
    first = advisor.get("/sync/changes", params={"since": 0, "limit": 10}).json()
    assert first["more"] is True and len(first["changes"]) == 10
    rest = pull_all(advisor, since=first["next"], limit=7)
    pulled = [c["id"] for c in first["changes"] + rest]
    assert pulled == ids
    seqs = [c["seq"] for c in first["changes"] + rest]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_an_up_to_date_device_gets_an_empty_page_and_keeps_its_seq(advisor):
    _push(advisor, 3)
    last = pull_all(advisor)[-1]["seq"]
    page = advisor.get("/sync/changes", params={"since": last}).json()
    assert page == {"changes": [], "next": last, "more": False}


def test_an_edited_row_comes_back_once_with_its_new_seq(advisor):
    [row] = _push(advisor, 1)
    since = pull_all(advisor)[-1]["seq"]
    edit = change(row_id=row["id"], base_rev=row["rev"], value="v2")
    advisor.post("/sync/push", json=batch([edit]))
    assert [c["data"]["value"] for c in pull_all(advisor, since=since)] == ["v2"]
    assert len(pull_all(advisor)) == 1


def test_another_organisations_rows_are_never_pulled(server, advisor):
    _push(server.account("advisor"), 5)
    assert pull_all(advisor) == []


def test_colleagues_of_one_organisation_share_rows(server, advisor):
    colleague = server.account("advisor", org_id=advisor.org_id)
    pushed = _push(colleague, 2)
    assert [c["id"] for c in pull_all(advisor)] == [c["id"] for c in pushed]
    assert {c["updated_by"] for c in pull_all(advisor)} == {colleague.user_id}


def test_page_size_is_bounded(advisor):
    response = advisor.get("/sync/changes", params={"limit": 5000})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_an_association_viewer_cannot_pull(server):
    viewer = server.account("viewer", kind="association")
    response = viewer.get("/sync/changes")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "FORBIDDEN"


def _push(account, count):
    changes = [change(value=str(i)) for i in range(count)]
    response = account.post("/sync/push", json=batch(changes))
    assert response.status_code == 200, response.text
    return changes
