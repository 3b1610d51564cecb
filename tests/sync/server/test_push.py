"""Push: apply, idempotence by batch id, conflicts (higher rev wins, loser kept), AUDIT_SIGNED."""

from __future__ import annotations

from tests.sync.factories import batch, change, pull_all, rev


def push(account, changes, **kwargs):
    response = account.post("/sync/push", json=batch(changes, **kwargs))
    assert response.status_code == 200, response.text
    return response.json()


def test_push_applies_new_rows_and_reports_the_last_seq(advisor):
    result = push(advisor, [change(value="1"), change(value="2")])
    assert result["applied"] == 2
    assert result["conflicts"] == []
    rows = pull_all(advisor)
    assert [row["data"]["value"] for row in rows] == ["1", "2"]
    assert rows[-1]["seq"] == result["server_seq"]
    assert {row["org_id"] for row in rows} == {advisor.org_id}


def test_same_batch_twice_returns_the_same_answer_and_changes_nothing(advisor):
    body = batch([change(value="x"), change(value="y")])
    first = advisor.post("/sync/push", json=body).json()
    before = pull_all(advisor)
    second = advisor.post("/sync/push", json=body)
    assert second.status_code == 200
    assert second.json() == first
    assert pull_all(advisor) == before


def test_same_batch_id_with_other_content_is_a_batch_mismatch(advisor):
    body = batch([change(value="x")])
    advisor.post("/sync/push", json=body)
    body["changes"][0]["data"]["value"] = "autre"
    response = advisor.post("/sync/push", json=body)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "BATCH_MISMATCH"


def test_a_change_already_applied_under_another_batch_id_is_not_applied_twice(advisor):
    row = change(value="x")
    first = push(advisor, [row])
    again = push(advisor, [row])
    assert again["applied"] == 1
    assert again["server_seq"] == first["server_seq"]
    assert len(pull_all(advisor)) == 1


def test_fast_forward_edit_replaces_the_row_without_conflict(advisor):
    row = change(value="v1")
    push(advisor, [row])
    edit = change(row_id=row["id"], base_rev=row["rev"], value="v2")
    assert push(advisor, [edit])["conflicts"] == []
    assert [r["data"]["value"] for r in pull_all(advisor)] == ["v2"]


def test_concurrent_edit_with_higher_rev_wins_and_the_server_version_is_returned_as_lost(advisor):
    row = change(value="v1")
    push(advisor, [row])
    other = change(row_id=row["id"], base_rev=row["rev"], rev_=rev("devB"), value="from B")
    push(advisor, [other], device_id="devB")
    late = change(row_id=row["id"], base_rev=row["rev"], rev_=rev("devA"), value="from A")
    result = push(advisor, [late])
    [conflict] = result["conflicts"]
    assert conflict["kept_rev"] == late["rev"]
    assert conflict["lost_rev"] == other["rev"]
    assert conflict["lost_data"] == {"value": "from B"}
    assert result["applied"] == 1
    assert [r["data"]["value"] for r in pull_all(advisor)] == ["from A"]


def test_concurrent_edit_with_lower_rev_loses_and_is_kept_as_a_conflict(advisor):
    row = change(value="v1")
    push(advisor, [row])
    old = change(row_id=row["id"], base_rev=row["rev"], rev_=rev("devA"), value="old A")
    newer = change(row_id=row["id"], base_rev=row["rev"], rev_=rev("devB"), value="newer B")
    push(advisor, [newer], device_id="devB")
    result = push(advisor, [old])
    [conflict] = result["conflicts"]
    assert (conflict["kept_rev"], conflict["lost_rev"]) == (newer["rev"], old["rev"])
    assert conflict["kept_data"] == {"value": "newer B"}
    assert conflict["reason"] == "CONCURRENT_EDIT"
    assert result["applied"] == 0
    assert [r["data"]["value"] for r in pull_all(advisor)] == ["newer B"]


def test_tombstones_are_pulled_like_any_change(advisor):
    row = change(value="v1")
    push(advisor, [row])
    push(advisor, [change(row_id=row["id"], base_rev=row["rev"], deleted=True, value="v1")])
    [tombstone] = pull_all(advisor)
    assert tombstone["deleted"] is True


def signed_audit(advisor, device="devA"):
    audit = change("audits", status="draft")
    answer = change("answers", audit_id=audit["id"], value="1")
    push(advisor, [audit, answer], device_id=device)
    signing = change(
        "audits", audit["id"], base_rev=audit["rev"], rev_=rev(device), status="signed"
    )
    push(advisor, [signing], device_id=device)
    return audit, answer, signing


def test_edits_to_an_audit_signed_on_the_server_are_refused_and_kept(advisor):
    audit, answer, signing = signed_audit(advisor)
    late = change(
        "answers",
        answer["id"],
        base_rev=answer["rev"],
        rev_=rev("devB"),
        audit_id=audit["id"],
        value="2",
    )
    added = change("answers", audit_id=audit["id"], rev_=rev("devB"), value="3")
    reopened = change(
        "audits", audit["id"], base_rev=signing["rev"], rev_=rev("devB"), status="draft"
    )
    result = push(advisor, [late, added, reopened], device_id="devB")
    assert result["applied"] == 0
    assert [c["reason"] for c in result["conflicts"]] == ["AUDIT_SIGNED"] * 3
    assert result["conflicts"][1]["kept_rev"] is None
    values = {r["id"]: r["data"] for r in pull_all(advisor)}
    assert values[answer["id"]]["value"] == "1"
    assert values[audit["id"]]["status"] == "signed"
    assert added["id"] not in values


def test_the_signing_device_may_still_deliver_its_edits_made_before_signing(advisor):
    audit = change("audits", status="draft")
    answer = change("answers", audit_id=audit["id"], value="1")
    signing = change("audits", audit["id"], base_rev=audit["rev"], rev_=rev(), status="signed")
    push(advisor, [audit, signing])
    assert push(advisor, [answer])["applied"] == 1


def test_a_batch_over_500_changes_is_refused(advisor):
    response = advisor.post("/sync/push", json=batch([change() for _ in range(501)]))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_an_unknown_protocol_version_is_refused(advisor):
    body = batch([change()])
    body["protocol"] = 99
    response = advisor.post("/sync/push", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "PROTOCOL_MISMATCH"


def test_pushing_a_row_of_another_organisation_is_refused_whole(server, advisor):
    other = server.account("advisor")
    theirs = change(value="theirs")
    push(other, [theirs])
    mine = change(value="mine")
    steal = change(row_id=theirs["id"], base_rev=theirs["rev"], value="stolen")
    response = advisor.post("/sync/push", json=batch([mine, steal]))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "OUT_OF_SCOPE"
    assert pull_all(advisor) == []
    assert pull_all(other)[0]["data"]["value"] == "theirs"


def test_an_association_viewer_cannot_push(server):
    viewer = server.account("viewer", kind="association")
    response = viewer.post("/sync/push", json=batch([change()]))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "FORBIDDEN"


def test_text_with_nul_characters_round_trips_on_both_databases(advisor):
    row = change(value="avant\u0000après", note="\u0000")
    push(advisor, [row])
    assert pull_all(advisor)[0]["data"] == {"value": "avant\u0000après", "note": "\u0000"}


def test_previous_seq_is_the_organisations_last_seq_before_the_batch(server, advisor):
    first = push(advisor, [change(value="1")])
    assert first["previous_seq"] == 0  # a new organisation: nothing before
    colleague = server.account("advisor", org_id=advisor.org_id)
    second = push(colleague, [change(value="2"), change(value="3")])
    assert second["previous_seq"] == first["server_seq"]
    assert second["server_seq"] - second["previous_seq"] >= 2
    assert push(advisor, [])["previous_seq"] is None  # nothing written
