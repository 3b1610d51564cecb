"""A child writing answers is killed with SIGKILL at random points, again and again; every
answer whose write returned must be there on reopening, whole, with its outbox entry."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audits.questionnaire import Questionnaire
from audits.store import open_store
from audits.store.questionnaires import import_questionnaire
from tests.audits.store.conftest import make_shop
from tests.conftest import TESTS

ROUNDS = 15
REPO = TESTS.parent


def prepared_database(path: Path, boutique: Questionnaire) -> str:
    with open_store(path) as store:
        import_questionnaire(store, boutique)
        return make_shop(store).id


def run_and_kill(path: Path, establishment_id: str, rng: random.Random) -> list[list[str]]:
    """Start the writer, let it acknowledge a random number of writes, kill it mid-flight.

    Bytes, not text: the kill may cut a line, even a character, in two; only lines that end
    with their newline were acknowledged.
    """
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.audits.store.crash_writer", str(path), establishment_id],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None and child.stderr is not None
    output = b"".join(child.stdout.readline() for _ in range(rng.randint(1, 60)))
    time.sleep(rng.random() / 100)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    output += child.stdout.read()
    errors = child.stderr.read().decode(errors="replace")
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, errors
    complete_lines = output.split(b"\n")[:-1]
    return [line.decode().split("\t") for line in complete_lines]


def check_consistent(path: Path, acknowledged: list[list[str]]) -> None:
    with open_store(path) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {
            row[0]: row[1:]
            for row in store.db.execute("SELECT id, audit_id, question_id, value FROM answers")
        }
        queued = dict(store.db.execute("SELECT row_id, rev FROM outbox"))
        revs = dict(store.db.execute("SELECT id, rev FROM answers"))
    for answer_id, audit_id, question_id, value in acknowledged:
        assert answer_id in stored, f"acknowledged answer {answer_id} lost"
        assert stored[answer_id][:2] == (audit_id, question_id)
        assert str(json.loads(stored[answer_id][2])) == value
    assert all(queued.get(answer_id) == rev for answer_id, rev in revs.items())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_answers_acknowledged_before_a_sigkill_are_all_there_and_whole(
    tmp_path: Path, boutique: Questionnaire
) -> None:
    path = tmp_path / "crash.db"
    establishment_id = prepared_database(path, boutique)
    rng = random.Random(20240905)
    total = 0
    for _ in range(ROUNDS):
        acknowledged = run_and_kill(path, establishment_id, rng)
        check_consistent(path, acknowledged)
        total += len(acknowledged)
    assert total >= ROUNDS
