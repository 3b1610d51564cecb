"""Row ids made on the device: UUIDv7 (RFC 9562), unique without asking a server.

Their time-ordered prefix keeps new rows together in the B-tree, so inserts stay cheap
on a database that grows for weeks offline.
"""

from __future__ import annotations

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())
