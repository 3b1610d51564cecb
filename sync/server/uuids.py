"""Server-made ids (accounts, tokens): UUIDv7, like the device's, so they sort by creation."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())
