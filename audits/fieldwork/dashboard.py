"""The figures of the home and sync screens: campaigns, changes waiting, conflicts to review.

Read-only queries besides ``resolve_conflict``; each is a single indexed query, cheap enough
to run every time the advisor comes back to the home screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from audits.store.campaigns import CampaignProgress, campaign_progress
from audits.store.db import Store

TABLE_NAMES = {
    "establishments": "établissements",
    "campaigns": "campagnes",
    "campaign_establishments": "inscriptions aux campagnes",
    "audits": "audits",
    "answers": "réponses",
    "actions": "actions du plan",
}


@dataclass(frozen=True)
class CampaignLine:
    id: str
    name: str
    organiser: str | None
    commune: str | None
    questionnaire_ref: str
    ends_on: str | None
    progress: CampaignProgress


def campaign_lines(store: Store) -> list[CampaignLine]:
    """Live campaigns, those ending soonest first."""
    cursor = store.db.execute(
        "SELECT id, name, organiser, commune, questionnaire_ref, ends_on FROM campaigns"
        " WHERE deleted = 0 ORDER BY ends_on IS NULL, ends_on, name"
    )
    return [
        CampaignLine(
            id=row[0],
            name=row[1],
            organiser=row[2],
            commune=row[3],
            questionnaire_ref=row[4],
            ends_on=row[5],
            progress=campaign_progress(store, row[0]),
        )
        for row in cursor.fetchall()
    ]


def pending_changes(store: Store) -> dict[str, int]:
    """Changes waiting to be sent, per kind of record (French names)."""
    cursor = store.db.execute("SELECT table_name, count(*) FROM outbox GROUP BY table_name")
    return {TABLE_NAMES.get(table, table): int(count) for table, count in cursor}


@dataclass(frozen=True)
class ConflictLine:
    id: int
    table: str
    row_id: str
    kept_rev: str
    lost_rev: str
    detected_at: str
    lost_data: dict[str, Any]

    @property
    def what(self) -> str:
        """« réponses : surface_vente » — enough for the advisor to find the record."""
        name = TABLE_NAMES.get(self.table, self.table)
        label = self.lost_data.get("question_id") or self.lost_data.get("name")
        label = label or self.lost_data.get("title") or self.row_id[-8:]
        return f"{name} : {label}"


def open_conflicts(store: Store) -> list[ConflictLine]:
    cursor = store.db.execute(
        "SELECT id, table_name, row_id, kept_rev, lost_rev, detected_at, lost_data"
        " FROM conflicts WHERE resolved_at IS NULL ORDER BY id DESC"
    )
    return [
        ConflictLine(
            id=row[0],
            table=row[1],
            row_id=row[2],
            kept_rev=row[3],
            lost_rev=row[4],
            detected_at=row[5],
            lost_data=_data(row[6]),
        )
        for row in cursor
    ]


def _data(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def resolve_conflict(store: Store, conflict_id: int) -> None:
    """The advisor looked at it: the kept version stands (the lost one stays on record)."""
    with store.db.atomic():
        store.db.execute(
            "UPDATE conflicts SET resolved_at = ? WHERE id = ?", [store.timestamp(), conflict_id]
        )


def refresh_device_state(store: Store, synced_tables: tuple[str, ...]) -> None:
    """After a login or a sync done on another connection: this one's user, organisation
    and clock follow, so its next writes are stamped as the server expects and never get
    a rev below one just pulled (the higher rev wins a concurrent edit)."""
    user_id, org_id = store.db.execute(
        "SELECT user_id, org_id FROM sync_state WHERE id = 1"
    ).fetchone()
    store.user_id, store.org_id = str(user_id), str(org_id)
    for table in synced_tables:
        row = store.db.execute(f"SELECT max(rev) FROM {table}").fetchone()  # noqa: S608
        if row[0] is not None:
            store.clock.observe(str(row[0]))
