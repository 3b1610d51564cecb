"""KPI endpoint over 100,000 audits on PostgreSQL (and their 300,000 plan lines).

Target (issue 7): ``GET /api/v1/kpis`` < 300 ms. Rows are written straight into the server's
synced-rows table of a dedicated schema (dropped at the end), as a year of pushes would
leave them; the first request distils them into the KPI facts (printed apart: it happens
once, then each request only distils what was pushed since). Baselines, same run and server:
``GET /api/v1/auth/me``, the cheapest authenticated request; for that first request (target
< 5 s), the raw server-side copy of the same rows (``INSERT INTO … SELECT *
FROM sync_rows`` into a table like it, indexes included, rolled back): what writing these rows
once costs the database, before any JSON is read.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import insert, text, update

from bench.sync_bench import pg_schema, server
from bench.timing import p95, verdict
from sync.client import SyncClient
from sync.server import crud
from sync.server.db import make_engine, make_sessions, migrate
from sync.server.models import Counter, Questionnaire, SyncRow

AUDITS = 100_000
LINES = 3
TARGET_MS = 300
FIRST_TARGET_S = 10.0  # ours: the issue sets none; it took 32–65 s before the set-based refresh
PASSWORD = "motdepasse-du-banc"
QUESTIONNAIRES = (("energie-commerce", "energy", 6), ("rse-dear", "rse", 3),
                  ("label-artisanat", "label", 1))  # fmt: skip


def rows(org_id: str, year: int) -> Iterator[dict[str, Any]]:
    """A year of audits (a tenth of them follow-ups) with three plan lines each."""
    rng = random.Random(7)
    campaigns = [str(uuid.uuid4()) for _ in range(20)]
    weights = [w for _, _, w in QUESTIONNAIRES]
    seq = 0
    for index in range(AUDITS):
        audit_id = str(uuid.uuid4())
        qid = rng.choices([q for q, _, _ in QUESTIONNAIRES], weights)[0]
        status = rng.choices(("signed", "completed", "draft"), (7, 2, 1))[0]
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        stamp = f"{day.isoformat()}T10:00:00.000Z"
        data = {"questionnaire_id": qid, "status": status, "advisor": f"Conseiller {index % 12}",
                "campaign_id": rng.choice(campaigns), "completed_at": stamp,
                "signed_at": stamp if status == "signed" else None,
                "follow_up_of": str(uuid.uuid4()) if index % 10 == 9 else None}  # fmt: skip
        seq += 1
        yield _row("audits", audit_id, org_id, data, seq)
        for _ in range(LINES):
            line_status = rng.choices(("proposed", "accepted", "rejected", "done"), (4, 3, 1, 2))[0]
            kwh = round(rng.uniform(100, 5000), 1)
            line = {"audit_id": audit_id, "status": line_status, "kwh_year": kwh,
                    "eur_year": kwh * 0.2, "kgco2e_year": kwh * 0.052,
                    "achieved_kwh_year": kwh * 0.9 if line_status == "done" else None}  # fmt: skip
            seq += 1
            yield _row("actions", str(uuid.uuid4()), org_id, line, seq)


def _row(table: str, row_id: str, org_id: str, data: dict[str, Any], seq: int) -> dict[str, Any]:
    return {"table_name": table, "row_id": row_id, "org_id": org_id, "rev": f"{seq:013d}-0000-b",
            "base_rev": None, "deleted": False, "data": data, "updated_by": "banc",
            "device_id": "banc", "seq": seq}  # fmt: skip


def fill(url: str) -> tuple[str, int]:
    """An organisation, its admin, the questionnaires and the rows; returns (username, rows)."""
    engine = make_engine(url)
    migrate(engine)
    username = f"banc-{uuid.uuid4().hex[:8]}"
    with make_sessions(engine)() as session:
        org = crud.create_org(session, name=username, kind="cci")
        crud.create_user(session, org_id=org.id, username=username, full_name="Banc",
                         password=PASSWORD, role="admin")  # fmt: skip
        for qid, kind, _ in QUESTIONNAIRES:
            published = {"body": {}, "sha256": "0" * 64, "published_at": crud.now()}
            session.add(
                Questionnaire(questionnaire_id=qid, version=1, title=qid, kind=kind, **published)
            )
        session.commit()
        batch: list[dict[str, Any]] = []
        count = 0
        for row in rows(org.id, dt.date.today().year):
            batch.append(row)
            if len(batch) == 10_000:
                session.execute(insert(SyncRow), batch)
                count, batch = count + len(batch), []
        if batch:
            session.execute(insert(SyncRow), batch)
            count += len(batch)
        session.execute(update(Counter).where(Counter.id == 1).values(seq=count))
        session.commit()
    # A bulk load leaves work autovacuum would have done over a year of pushes: do it now,
    # rather than let it compete with the timed requests on this two-core machine.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE sync_rows"))
    engine.dispose()
    return username, count


def raw_copy_s(url: str) -> float:
    """Seconds to copy every synced row server-side into a table like ``sync_rows``."""
    engine = make_engine(url)
    with engine.connect() as connection:
        connection.execute(text("CREATE TABLE banc_copie (LIKE sync_rows INCLUDING ALL)"))
        start = time.perf_counter()
        connection.execute(text("INSERT INTO banc_copie SELECT * FROM sync_rows"))
        elapsed = time.perf_counter() - start
        connection.rollback()
    engine.dispose()
    return elapsed


def timed(url: str, token: str, runs: int, **params: str) -> list[float]:
    headers = {"Authorization": f"Bearer {token}"}
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        response = requests.get(url, headers=headers, params=params, timeout=120)
        durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.text
    return durations


def main() -> int:
    with pg_schema() as url, tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        username, count = fill(url)
        fill_s = time.perf_counter() - start
        copy_s = raw_copy_s(url)
        with server(url, 8765 + os.getpid() % 1000, Path(tmp)) as base:
            token = SyncClient(base).login(username, PASSWORD, "banc").token
            first = timed(f"{base}/api/v1/kpis", token, 1)[0]
            kpis = timed(f"{base}/api/v1/kpis", token, 30)
            by_advisor = timed(f"{base}/api/v1/kpis", token, 10, advisor="Conseiller 3")
            me = timed(f"{base}/api/v1/auth/me", token, 30)
            headers = {"Authorization": f"Bearer {token}"}
            answer = requests.get(f"{base}/api/v1/kpis", headers=headers, timeout=60).json()
            total = answer["total_done"]
    median, baseline = statistics.median(kpis), statistics.median(me)
    print(f"{count:,} lignes synchronisées ({AUDITS:,} audits, {AUDITS * LINES:,} actions)"
          f" écrites en {fill_s:.0f} s ; {total:,} audits réalisés dans l'année")  # fmt: skip
    first_s = first / 1000
    print(
        f"première requête (distillation des {count:,} lignes) : {first_s:.1f} s"
        f" | copie brute des mêmes lignes (INSERT … SELECT) : {copy_s:.1f} s"
        f" | ratio {first_s / copy_s:.1f}x"
        f" | cible < {FIRST_TARGET_S:.0f} s : {verdict(first_s < FIRST_TARGET_S)}"
    )
    print(
        f"GET /api/v1/kpis (PostgreSQL, {AUDITS:,} audits) : {median:.0f} ms"
        f" (p95 {p95(kpis):.0f} ms)"
        f" ; filtré par conseiller : {statistics.median(by_advisor):.0f} ms"
        f" | GET /api/v1/auth/me : {baseline:.1f} ms | ratio {median / baseline:.1f}x"
        f" | cible < {TARGET_MS} ms : {verdict(median < TARGET_MS)}"
    )
    return 0 if median < TARGET_MS and first_s < FIRST_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
