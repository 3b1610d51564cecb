"""Plain factory functions for protocol messages (revs, changes, batches)."""

from __future__ import annotations

import itertools
import time
import uuid
from typing import Any

_COUNTER = itertools.count(1)


def rev(node: str = "devA", wall_ms: int | None = None) -> str:
    """A fresh HLC rev for ``node``, later than every rev made before in this process."""
    wall = wall_ms if wall_ms is not None else int(time.time() * 1000)
    return f"{wall:013d}-{next(_COUNTER) % 10000:04d}-{node}"


def change(
    table: str = "answers",
    row_id: str | None = None,
    *,
    rev_: str | None = None,
    base_rev: str | None = None,
    deleted: bool = False,
    **data: Any,
) -> dict[str, Any]:
    return {
        "table": table,
        "id": row_id or str(uuid.uuid4()),
        "rev": rev_ or rev(),
        "base_rev": base_rev,
        "deleted": deleted,
        "data": data,
    }


def batch(
    changes: list[dict[str, Any]], device_id: str = "devA", batch_id: str | None = None
) -> dict[str, Any]:
    return {
        "protocol": 1,
        "batch_id": batch_id or str(uuid.uuid4()),
        "device_id": device_id,
        "changes": changes,
    }


def pull_all(account: Any, since: int = 0, limit: int = 500) -> list[dict[str, Any]]:
    """Every change visible to ``account`` after ``since``, following pages."""
    rows: list[dict[str, Any]] = []
    while True:
        page = account.get("/sync/changes", params={"since": since, "limit": limit}).json()
        rows += page["changes"]
        since = page["next"]
        if not page["more"]:
            return rows
