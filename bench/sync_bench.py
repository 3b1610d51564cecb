"""Sync benchmark on PostgreSQL: push, pull, no-op sync and 20 clients under load.

Each figure is printed beside a baseline measured in the same run:
* push of 10,000 changes (batches of 500) vs the same rows inserted with SQLAlchemy Core,
  and vs a raw HTTP POST of the same bytes to a trivial endpoint;
* 1,000 audits x 100 answers pushed by one device and pulled by a second one (< 20 s);
* an up-to-date sync (< 100 ms); 20 clients pushing for 30 s on loopback (p99 < 500 ms, no
  error). ``--quick`` shortens the load test to 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
import uvicorn
from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    text,
)

from audits.store import Store, open_store
from audits.store import rows as store_rows
from bench.timing import verdict
from sync import device
from sync.client import SyncClient
from sync.protocol import Change, PushRequest
from sync.runner import synchronise
from sync.server import crud
from sync.server.db import make_engine, make_sessions, migrate

PG_URL = os.environ.get("DIAGTERRAIN_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "motdepasse-du-banc"
ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def pg_schema() -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@contextmanager
def server(url: str, port: int, data_dir: Path) -> Iterator[str]:
    command = [sys.executable, "-m", "sync.server", "--database-url", url, "--port", str(port)]
    env = {**os.environ, "DIAGTERRAIN_RATE_LIMIT_PER_MINUTE": "10000000"}
    command += ["--data-dir", str(data_dir)]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/api/v1/health")
        yield base
    finally:
        process.terminate()
        process.wait(10)


def _wait(url: str) -> None:
    for _ in range(300):
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def account(url: str, base: str) -> tuple[str, str]:
    """A new organisation and advisor; returns (username, token)."""
    engine = make_engine(url)
    suffix = uuid.uuid4().hex[:8]
    with make_sessions(engine)() as session:
        org = crud.create_org(session, name=f"Banc {suffix}", kind="cci")
        crud.create_user(
            session, org_id=org.id, username=f"banc-{suffix}", full_name="Banc",
            password=PASSWORD, role="advisor",
        )  # fmt: skip
        session.commit()
    engine.dispose()
    token = SyncClient(base).login(f"banc-{suffix}", PASSWORD, "bench").token
    return f"banc-{suffix}", token


def changes(count: int, node: str = "bench") -> list[Change]:
    wall = int(time.time() * 1000)
    return [
        Change(
            table="answers",
            id=str(uuid.uuid4()),
            rev=f"{wall:013d}-{i % 10000:04d}-{node}",
            data={"audit_id": "a", "question_id": f"q{i}", "value": "120", "status": "answered"},
        )
        for i in range(count)
    ]


def bench_push(base: str, token: str, url: str) -> None:
    client = SyncClient(base, token)
    batches = [changes(500) for _ in range(20)]
    requests_ = [PushRequest(batch_id=str(uuid.uuid4()), device_id="d", changes=b) for b in batches]
    start = time.perf_counter()
    for request in requests_:
        client.push(request)
    push_s = time.perf_counter() - start
    core_s = _core_baseline(url, batches)
    post_s = _raw_post_baseline([r.model_dump_json().encode() for r in requests_])
    print(f"push 10 000 changements (20 lots de 500) : {push_s:.2f} s ({10000 / push_s:,.0f}/s)")
    print(f"  base : INSERT Core des mêmes lignes : {core_s:.2f} s -> {push_s / core_s:.1f}x")
    print(f"  base : POST HTTP brut des mêmes octets : {post_s:.2f} s -> {push_s / post_s:.1f}x")
    start = time.perf_counter()
    pulled, since, more = 0, 0, True
    while more:
        page = client.changes(since, 2000)
        pulled, since, more = pulled + len(page.changes), page.next, page.more
    pull_s = time.perf_counter() - start
    print(f"pull {pulled} changements (pages de 2 000) : {pull_s:.2f} s ({pulled / pull_s:,.0f}/s)")


def _core_baseline(url: str, batches: list[list[Change]]) -> float:
    engine = create_engine(url)
    metadata = MetaData()
    table = Table(
        "bench_raw", metadata, Column("table_name", String(40)), Column("row_id", String(64)),
        Column("rev", String(100)), Column("data", JSON), Column("seq", BigInteger),
    )  # fmt: skip
    metadata.create_all(engine)
    start = time.perf_counter()
    for batch in batches:
        with engine.begin() as connection:
            rows = [
                {"table_name": c.table, "row_id": c.id, "rev": c.rev, "data": c.data, "seq": n}
                for n, c in enumerate(batch)
            ]
            connection.execute(insert(table), rows)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


async def _trivial(scope: Any, receive: Any, send: Any) -> None:
    """An ASGI app that reads the body and answers ``{}``: HTTP + JSON transport alone."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": b"{}"})


def _raw_post_baseline(bodies: list[bytes]) -> float:
    port = _free_port()
    config = uvicorn.Config(_trivial, host="127.0.0.1", port=port, log_level="warning")
    trivial = uvicorn.Server(config)
    thread = threading.Thread(target=trivial.run, daemon=True)
    thread.start()
    while not trivial.started:
        time.sleep(0.01)
    session = requests.Session()
    start = time.perf_counter()
    for body in bodies:
        session.post(
            f"http://127.0.0.1:{port}/", data=body, headers={"Content-Type": "application/json"}
        )
    elapsed = time.perf_counter() - start
    trivial.should_exit = True
    thread.join(5)
    return elapsed


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def device_store(path: Path, base: str, username: str) -> Store:
    store = open_store(path)
    result = SyncClient(base).login(username, PASSWORD, store.device_id)
    device.save_login(
        store,
        server_url=base,
        token=result.token,
        user_id=result.user.id,
        org_id=result.user.org_id,
    )
    return store


def fill(store: Store, audits: int, answers: int) -> None:
    """``audits`` audits of ``answers`` answers each, written as the store writes them."""
    with store.db.atomic():
        for a in range(audits):
            shop = store_rows.insert(
                store, "establishments", {"siret": f"{a:014d}", "name": f"Commerce {a}"}
            )
            audit = store_rows.insert(store, "audits", {
                "establishment_id": shop, "questionnaire_id": "energie-commerce",
                "questionnaire_version": 1, "advisor": "banc", "status": "draft",
            })  # fmt: skip
            for q in range(answers):
                store_rows.insert(store, "answers", {
                    "audit_id": audit, "question_id": f"q{q:03d}", "value": "42",
                    "status": "answered",
                })  # fmt: skip


def bench_devices(base: str, username: str, tmp: Path) -> None:
    first = device_store(tmp / "a.db", base, username)
    fill(first, 1000, 100)
    start = time.perf_counter()
    pushed = synchronise(first, device_client(first)).pushed
    push_s = time.perf_counter() - start
    second = device_store(tmp / "b.db", base, username)
    start = time.perf_counter()
    pulled = synchronise(second, device_client(second)).pulled
    pull_s = time.perf_counter() - start
    total = push_s + pull_s
    print(f"1 000 audits x 100 réponses : push {pushed} en {push_s:.1f} s", end=", ")
    print(f"pull {pulled} en {pull_s:.1f} s (2e appareil)")
    print(f"  total {total:.1f} s (cible < 20 s) {verdict(total < 20)}")
    noop = []
    for _ in range(10):
        start = time.perf_counter()
        synchronise(second, device_client(second))
        noop.append((time.perf_counter() - start) * 1000)
    median = statistics.median(noop)
    print(
        f"synchronisation sans rien à faire : {median:.0f} ms (cible < 100 ms)",
        verdict(median < 100),
    )
    first.close()
    second.close()


def device_client(store: Store) -> SyncClient:
    server_url, token = device.credentials(store)
    assert server_url and token
    return SyncClient(server_url, token)


def _load_body(index: int, size: int = 50) -> bytes:
    """A push body made with plain string formatting: the load client must stay cheap."""
    wall = int(time.time() * 1000)
    items = ",".join(
        f'{{"table":"answers","id":"{uuid.uuid4()}","rev":"{wall:013d}-{i:04d}-n{index}",'
        f'"data":{{"audit_id":"a","question_id":"q{i}","value":"120","status":"answered"}}}}'
        for i in range(size)
    )
    return f'{{"batch_id":"{uuid.uuid4()}","device_id":"d{index}","changes":[{items}]}}'.encode()


def bench_load(base: str, token: str, seconds: float, clients: int = 20) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def pusher(index: int) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        session.headers["Content-Type"] = "application/json"
        while time.monotonic() < deadline:
            body = _load_body(index)
            start = time.perf_counter()
            response = session.post(f"{base}/api/v1/sync/push", data=body, timeout=30)
            latencies.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                errors.append(str(response.status_code))

    threads = [threading.Thread(target=pusher, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    p99 = statistics.quantiles(latencies, n=100)[98]
    print(
        f"{clients} clients pendant {seconds:.0f} s (lots de 50) : {len(latencies)} push, "
        f"p50 {statistics.median(latencies):.0f} ms, p99 {p99:.0f} ms, {len(errors)} erreur(s) "
        f"(cible p99 < 500 ms, 0 erreur) {verdict(p99 < 500 and not errors)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="load test of 5 s instead of 30 s")
    args = parser.parse_args()
    with pg_schema() as url, tempfile.TemporaryDirectory() as tmp:
        migrate(make_engine(url))
        with server(url, _free_port(), Path(tmp) / "data") as base:
            bench_push(base, account(url, base)[1], url)
            bench_devices(base, account(url, base)[0], Path(tmp))
            bench_load(base, account(url, base)[1], 5 if args.quick else 30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
