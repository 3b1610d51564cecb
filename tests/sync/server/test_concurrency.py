"""20 devices pushing at once while another pulls: the puller misses no row (no seq skipped)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.sync.factories import batch, change

DEVICES = 20
BATCHES = 5
PER_BATCH = 40


def test_a_puller_running_during_concurrent_pushes_ends_with_every_row(server, advisor):
    tokens = [server.login(advisor.username) for _ in range(4)]  # devices may share a user
    done = threading.Event()
    pulled: list[dict] = []
    puller = threading.Thread(target=_pull_until, args=(advisor, done, pulled))
    puller.start()
    with ThreadPoolExecutor(DEVICES) as pool:
        pushed = list(
            pool.map(lambda i: _push_as(server, tokens[i % 4], f"dev{i}"), range(DEVICES))
        )
    done.set()
    puller.join(60)
    expected = {row_id for ids in pushed for row_id in ids}
    ids = [row["id"] for row in pulled]
    seqs = [row["seq"] for row in pulled]
    assert len(expected) == DEVICES * BATCHES * PER_BATCH
    assert sorted(ids) == sorted(expected)
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def _push_as(server, token: str, device: str) -> list[str]:
    ids = []
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {token}"
        for _ in range(BATCHES):
            changes = [change(value=device) for _ in range(PER_BATCH)]
            response = session.post(
                f"{server.api}/sync/push", json=batch(changes, device_id=device), timeout=60
            )
            assert response.status_code == 200, response.text
            ids += [c["id"] for c in changes]
    return ids


def _pull_until(account, done: threading.Event, pulled: list[dict]) -> None:
    """Pull small pages in a loop while pushes go on, then once more after they ended."""
    since, last_round = 0, False
    while True:
        page = account.get("/sync/changes", params={"since": since, "limit": 37}).json()
        pulled += page["changes"]
        since = page["next"]
        if not page["more"]:
            if last_round:
                return
            last_round = done.is_set()
            time.sleep(0.005)
