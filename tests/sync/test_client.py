"""The sync client against a real server: error mapping, retries, resumability, crashes."""

from __future__ import annotations

import os
import threading

import pytest
import requests

from audits.store.photos import add_photo
from sync import device
from sync.client import Retry, SyncClient
from sync.errors import AuthError, ConflictError, OfflineError, ServerError, SyncError
from sync.protocol import PushRequest
from tests.sync.devices import answer, answers, client_of, new_audit, new_device, sync
from tests.sync.factories import change
from tests.sync.servers import Server, free_port

FAST = Retry(attempts=3, backoff=0.001)


class FlakySession(requests.Session):
    """A session whose ``fail(request_number)`` hook may break chosen requests."""

    def __init__(self, hook):
        super().__init__()
        self.hook = hook
        self.calls: list[str] = []

    def request(self, method, url, *args, **kwargs):
        self.calls.append(f"{method} {url.split('/api/v1')[-1].split('?')[0]}")
        return self.hook(self, method, url, *args, **kwargs)


@pytest.fixture
def store(tmp_path, sqlite_server):
    opened = new_device(tmp_path / "device.db", sqlite_server.account("advisor"))
    yield opened
    opened.close()


def test_a_wrong_token_is_an_auth_error_with_its_code(sqlite_server):
    client = SyncClient(sqlite_server.url, "faux", retry=FAST)
    with pytest.raises(AuthError) as caught:
        client.changes(0, 10)
    assert caught.value.code == "INVALID_TOKEN" and caught.value.status == 401
    assert "reconnectez-vous" in str(caught.value)


def test_a_revoked_token_is_an_auth_error(sqlite_server):
    account = sqlite_server.account("advisor")
    client = SyncClient(sqlite_server.url + "/api/v1/", account.token, retry=FAST)
    account.post("/auth/logout")
    with pytest.raises(AuthError) as caught:
        client.me()
    assert caught.value.code == "TOKEN_REVOKED"


def test_a_replayed_batch_with_other_content_is_a_conflict_error(sqlite_server):
    client = SyncClient(sqlite_server.url, sqlite_server.account("advisor").token, retry=FAST)
    request = PushRequest(batch_id="lot-1", device_id="d", changes=[change(value="a")])
    client.push(request)
    request.changes[0].data["value"] = "b"
    with pytest.raises(ConflictError) as caught:
        client.push(request)
    assert caught.value.code == "BATCH_MISMATCH"


def test_an_unreachable_server_is_an_offline_error_after_retries():
    slept: list[float] = []
    client = SyncClient(
        f"http://127.0.0.1:{free_port()}", "t", retry=Retry(attempts=4), sleep=slept.append
    )
    with pytest.raises(OfflineError):
        client.changes(0, 10)
    assert len(slept) == 3 and slept == sorted(slept)


def test_server_errors_are_retried_then_reported(sqlite_server):
    def always_502(session, method, url, *args, **kwargs):
        response = requests.Response()
        response.status_code, response._content = 502, b"<html>Bad gateway</html>"
        return response

    session = FlakySession(always_502)
    client = SyncClient(sqlite_server.url, "t", session=session, retry=FAST, sleep=lambda s: None)
    with pytest.raises(ServerError):
        client.changes(0, 10)
    assert len(session.calls) == 3


def test_a_client_error_is_not_retried(sqlite_server):
    session = FlakySession(lambda s, *a, **k: requests.Session.request(s, *a, **k))
    client = SyncClient(
        sqlite_server.url, sqlite_server.account("advisor").token, session=session, retry=FAST
    )
    with pytest.raises(SyncError) as caught:
        client.changes(-1, 10)
    assert caught.value.code == "VALIDATION_ERROR" and len(session.calls) == 1


def test_an_interrupted_pull_resumes_where_it_stopped(tmp_path, sqlite_server):
    account = sqlite_server.account("advisor")
    source = new_device(tmp_path / "source.db", account)
    audit_id = new_audit(source)
    for question, value in (("surface", 120), ("effectif", 3), ("observations", "RAS")):
        answer(source, audit_id, question, value)
    sync(source)
    target = new_device(tmp_path / "target.db", account)
    pages = []

    def one_page_then_offline(session, method, url, *args, **kwargs):
        if "/sync/changes" in url:
            if pages:
                raise requests.ConnectionError("coupure")
            kwargs["params"] = {**kwargs["params"], "limit": 2}
            pages.append(url)
        return requests.Session.request(session, method, url, *args, **kwargs)

    with pytest.raises(OfflineError):
        sync(target, session=FlakySession(one_page_then_offline), sleep=lambda s: None)
    first_seq = device.last_seq(target)
    assert first_seq > 0
    report = sync(target)
    assert report.pulled == 3  # establishment and audit came with the first page
    assert answers(target, audit_id) == answers(source, audit_id)


@pytest.mark.parametrize("moment", ["after_commit", "while_pushing"])
def test_a_server_killed_in_the_middle_of_a_push_then_restarted_gets_every_row_once(
    tmp_path, moment
):
    server = Server(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "data").start()
    try:
        store = new_device(tmp_path / "device.db", server.account("advisor"))
        audit_id = new_audit(store)
        for index in range(1, 9):
            answer(store, audit_id, "surface", index)
        _bulk_outbox(store, 1200)
        pushes = []

        def crash(session, method, url, *args, **kwargs):
            if url.endswith("/sync/push"):
                pushes.append(url)
                if len(pushes) == 2 and moment == "after_commit":  # dies before answering
                    requests.Session.request(session, method, url, *args, **kwargs)
                    server.kill()
                    raise requests.ConnectionError("connexion perdue")
                if len(pushes) == 2:  # dies while the request is on its way or being applied
                    threading.Timer(0.01, server.kill).start()
            return requests.Session.request(session, method, url, *args, **kwargs)

        report = sync(store, session=FlakySession(crash), sleep=lambda s: server.start())
        rows = _server_rows(server, store)
        assert report.pushed >= 1202
        assert len(rows) == len({(r["table"], r["id"]) for r in rows}) == 1203
        assert device.outbox_size(store) == 0
    finally:
        server.stop()


def test_a_photo_upload_cut_in_half_is_refused_then_sent_again(store, sqlite_server):
    photo = os.urandom(120_000)
    sha = add_photo(store, photo)
    uploads = []

    def cut_first_upload(session, method, url, *args, **kwargs):
        if method == "PUT" and "/attachments/" in url:
            uploads.append(url)
            if len(uploads) == 1:
                kwargs["data"] = kwargs["data"][: len(photo) // 2]
        return requests.Session.request(session, method, url, *args, **kwargs)

    report = sync(store, session=FlakySession(cut_first_upload))
    assert report.photos_sent == 1 and len(uploads) == 2
    assert client_of(store).missing([sha]) == []


def _bulk_outbox(store, count):
    """Many establishments, written the way the store writes (row + outbox entry)."""
    from audits.store import rows

    with store.db.atomic():
        for index in range(count):
            rows.insert(
                store, "establishments", {"siret": f"{index:014d}", "name": f"Commerce {index}"}
            )


def _server_rows(server, store):
    client = client_of(store)
    rows, since = [], 0
    while True:
        page = client.changes(since, 1000)
        rows += [{"table": c.table, "id": c.id} for c in page.changes]
        since = page.next
        if not page.more:
            return rows
