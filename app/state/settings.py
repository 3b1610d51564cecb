"""The device's preferences: advisor identity, chamber, logo, server URL, where each audit was left.

A small JSON file beside the database (``<base>.settings.json``), written at once on every
change: the advisor's identity and the wizard's position survive the app being closed,
without a schema change in the synced database (none of this is shared with the server).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any


@dataclass
class Settings:
    advisor_name: str = ""
    advisor_email: str = ""
    chamber_name: str = ""
    logo_file: str = ""
    server_url: str = ""
    last_sync_at: str = ""
    last_sync_summary: str = ""
    positions: dict[str, int] = field(default_factory=dict)
    # Signature hashes of audits signed before store migration 4 (read-only since: the
    # audit row records them now, and syncs them). Kept so those audits still print signed.
    signatures: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Settings:
        """The saved settings, or defaults when the file is missing or unreadable."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known and v is not None})

    def save(self, path: Path) -> None:
        """Write atomically: a crash mid-write leaves the previous file, never half of one."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(asdict(self), file, ensure_ascii=False, indent=2)
        os.replace(temporary, path)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def settings_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.settings.json")


def logo_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.logo")
