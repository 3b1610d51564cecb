"""What a database holds, in numbers: for ``db info`` and the app's about screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from audits.store.db import Store
from audits.store.migrations import LATEST_VERSION, schema_version
from audits.store.questionnaires import stored_refs

LIVE_COUNTS = {
    "establishments": "SELECT count(*) FROM establishments WHERE deleted = 0",
    "audits": "SELECT count(*) FROM audits WHERE deleted = 0",
    "answers": "SELECT count(*) FROM answers WHERE deleted = 0",
    "actions": "SELECT count(*) FROM actions WHERE deleted = 0",
    "campaigns": "SELECT count(*) FROM campaigns WHERE deleted = 0",
    "photos": "SELECT count(*) FROM photos",
    "photo_bytes": "SELECT coalesce(sum(size), 0) FROM photos",
    "pending_changes": "SELECT count(*) FROM outbox",
    "open_conflicts": "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL",
}


@dataclass(frozen=True)
class Overview:
    schema_version: int
    latest_version: int
    server_url: str | None
    last_seq: int
    counts: dict[str, int]
    audits_by_status: dict[str, int] = field(default_factory=dict)
    questionnaires: list[str] = field(default_factory=list)


def overview(store: Store) -> Overview:
    def count(sql: str) -> int:
        return int(store.db.execute(sql).fetchone()[0])

    sync = store.db.execute("SELECT server_url, last_seq FROM sync_state").fetchone()
    statuses = store.db.execute(
        "SELECT status, count(*) FROM audits WHERE deleted = 0 GROUP BY status"
    )
    return Overview(
        schema_version=schema_version(store.db),
        latest_version=LATEST_VERSION,
        server_url=sync[0],
        last_seq=sync[1],
        counts={name: count(sql) for name, sql in LIVE_COUNTS.items()},
        audits_by_status={str(status): int(number) for status, number in statuses},
        questionnaires=stored_refs(store),
    )
