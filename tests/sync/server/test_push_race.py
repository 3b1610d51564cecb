"""Pushes overlap until they take the sequence lock: what one decided must still hold at commit.

Both pushes here run in this process, each in its own session, so the test can hold the first
one's transaction open while the second one has looked at the rows and waits to write.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from sqlalchemy import text

from sync.protocol import Change, PushRequest, PushResult
from sync.server import replication
from sync.server.db import make_engine, make_sessions
from sync.server.models import User
from tests.sync.factories import pull_all, rev


@pytest.fixture
def sessions(server):
    engine = make_engine(server.database_url)
    yield make_sessions(engine)
    engine.dispose()


def request(row_id: str, rev_: str, value: str, device: str) -> PushRequest:
    change = Change(table="answers", id=row_id, rev=rev_, data={"value": value})
    return PushRequest(batch_id=str(uuid.uuid4()), device_id=device, changes=[change])


def push_and_commit(sessions, user_id: str, body: PushRequest, results: list[PushResult]) -> None:
    with sessions() as session:
        user = session.get(User, user_id)
        results.append(replication.push_and_commit(session, user=user, request=body)[0])


def wait_until_blocked_by(sessions, holder, timeout: float = 10) -> None:
    """Until another transaction waits for ``holder``'s locks (PostgreSQL).

    On SQLite the second push waits for the first's write lock at its first statement, so it
    sees the row: the outcome must be the same.
    """
    if holder.get_bind().dialect.name != "postgresql":
        time.sleep(0.3)
        return
    pid = holder.execute(text("SELECT pg_backend_pid()")).scalar_one()
    query = text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sessions() as session:
            if session.execute(query, {"pid": pid}).scalar_one():
                return
        time.sleep(0.01)
    raise AssertionError("the second push never waited for the first")


def test_a_row_created_by_a_push_still_running_is_one_row_with_a_conflict(sessions, advisor):
    row_id = str(uuid.uuid4())
    earlier, later = rev("devA"), rev("devB")
    first = sessions()
    user = first.get(User, advisor.user_id)
    first_result = replication.push(first, user=user, request=request(row_id, later, "B", "b"))
    results: list[PushResult] = []
    second = threading.Thread(
        target=push_and_commit,
        args=(sessions, advisor.user_id, request(row_id, earlier, "A", "a"), results),
    )
    second.start()
    wait_until_blocked_by(sessions, first)
    first.commit()
    first.close()
    second.join(30)
    [second_result] = results
    assert first_result.conflicts == []
    [conflict] = second_result.conflicts
    assert (conflict.kept_rev, conflict.lost_rev) == (later, earlier)
    rows = pull_all(advisor)
    assert [(row["id"], row["data"]["value"]) for row in rows] == [(row_id, "B")]


def test_a_batch_resent_while_its_first_try_still_runs_gets_the_same_answer(sessions, advisor):
    body = request(str(uuid.uuid4()), rev("devA"), "A", "a")
    first = sessions()
    first_result = replication.push(first, user=first.get(User, advisor.user_id), request=body)
    results: list[PushResult] = []
    again = threading.Thread(
        target=push_and_commit, args=(sessions, advisor.user_id, body, results)
    )
    again.start()
    wait_until_blocked_by(sessions, first)
    first.commit()
    first.close()
    again.join(30)
    assert results == [first_result]
    assert len(pull_all(advisor)) == 1
