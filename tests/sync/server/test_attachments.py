"""Attachments: missing hashes, verified uploads, cut uploads rejected then re-sent, scope."""

from __future__ import annotations

import hashlib
import os
import socket

from tests.sync.factories import batch, change


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def test_the_server_lists_the_hashes_it_lacks_then_accepts_them(advisor):
    photo = os.urandom(50_000)
    assert advisor.post("/attachments/missing", json={"hashes": [sha(photo)]}).json() == {
        "missing": [sha(photo)]
    }
    created = advisor.put(f"/attachments/{sha(photo)}", data=photo)
    assert created.status_code == 201
    assert created.json() == {"sha256": sha(photo), "size": len(photo)}
    assert advisor.post("/attachments/missing", json={"hashes": [sha(photo)]}).json() == {
        "missing": []
    }
    assert advisor.put(f"/attachments/{sha(photo)}", data=photo).status_code == 200
    assert advisor.get(f"/attachments/{sha(photo)}").content == photo


def test_a_truncated_upload_is_refused_and_the_resend_succeeds(advisor):
    photo = os.urandom(80_000)
    response = advisor.put(f"/attachments/{sha(photo)}", data=photo[: len(photo) // 2])
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "HASH_MISMATCH"
    assert advisor.post("/attachments/missing", json={"hashes": [sha(photo)]}).json()[
        "missing"
    ] == [sha(photo)]
    assert advisor.put(f"/attachments/{sha(photo)}", data=photo).status_code == 201


def test_a_connection_cut_in_the_middle_of_an_upload_stores_nothing(server, advisor):
    photo = os.urandom(200_000)
    head = (
        f"PUT /api/v1/attachments/{sha(photo)} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {advisor.token}\r\nContent-Length: {len(photo)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(head + photo[:100_000])
    assert advisor.post("/attachments/missing", json={"hashes": [sha(photo)]}).json()[
        "missing"
    ] == [sha(photo)]
    assert advisor.put(f"/attachments/{sha(photo)}", data=photo).status_code == 201
    assert not list((server.data_dir / "attachments" / "tmp").glob("*.part"))


def test_another_organisation_neither_sees_nor_downloads_a_file(server, advisor):
    photo = os.urandom(1000)
    advisor.put(f"/attachments/{sha(photo)}", data=photo)
    stranger = server.account("advisor")
    assert stranger.post("/attachments/missing", json={"hashes": [sha(photo)]}).json()[
        "missing"
    ] == [sha(photo)]
    response = stranger.get(f"/attachments/{sha(photo)}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_an_audit_is_complete_only_when_all_its_photos_arrived(advisor):
    first, second = os.urandom(500), os.urandom(600)
    audit = change("audits", status="completed")
    answers = [
        change("answers", audit_id=audit["id"], value=None, photos=f'["{sha(first)}"]'),
        change("answers", audit_id=audit["id"], value=[sha(second)], photos="[]"),
    ]
    advisor.post("/sync/push", json=batch([audit, *answers]))
    advisor.put(f"/attachments/{sha(first)}", data=first)
    state = advisor.get(f"/audits/{audit['id']}/completeness").json()
    assert state == {
        "audit_id": audit["id"],
        "complete": False,
        "photos": 2,
        "missing_photos": [sha(second)],
    }
    advisor.put(f"/attachments/{sha(second)}", data=second)
    assert advisor.get(f"/audits/{audit['id']}/completeness").json()["complete"] is True


def test_completeness_of_another_organisations_audit_is_not_found(server, advisor):
    audit = change("audits", status="draft")
    server.account("advisor").post("/sync/push", json=batch([audit]))
    assert advisor.get(f"/audits/{audit['id']}/completeness").status_code == 404
