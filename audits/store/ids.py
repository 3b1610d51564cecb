"""Row ids made on the device, unique without asking a server.

Most rows get a UUIDv7 (RFC 9562): its time-ordered prefix keeps new rows together in the
B-tree, so inserts stay cheap on a database that grows for weeks offline.

Rows that are unique by a natural key (an answer per audit and question, a plan line per audit
and action key, a campaign membership per campaign and establishment) get a UUIDv5 of that
key instead: two devices that each create the same row offline then name it alike, and the
sync sees one row edited twice (higher rev wins, the loser kept as a conflict) rather than
two rows fighting over one unique slot.
"""

from __future__ import annotations

import json
import uuid

import uuid6

# Fixed for ever: changing it would give the same key another id on newer devices.
NATURAL_KEY_NAMESPACE = uuid.UUID("3f16b6dd-bba1-4c57-9fac-8be035e5aa89")


def new_id() -> str:
    return str(uuid6.uuid7())


def natural_id(table: str, *key: str) -> str:
    """The id every device gives the row of ``table`` keyed by ``key`` (a UUIDv5).

    The name is a JSON list, so no choice of separator can make two keys collide.
    """
    name = json.dumps([table, *key], ensure_ascii=False, separators=(",", ":"))
    return str(uuid.uuid5(NATURAL_KEY_NAMESPACE, name))
