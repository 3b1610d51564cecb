"""Campaigns: a merchant association's or a commune's joint diagnostic of many shops.

A campaign names a questionnaire and a set of establishments (membership rows, synced like
any other row); its progress is how far the audits of those establishments have gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from audits.store import rows
from audits.store.db import Store
from audits.store.errors import NotFoundError
from audits.store.establishments import get_establishment
from audits.store.questionnaires import resolve_ref, stored_questionnaire


@dataclass(frozen=True)
class CampaignProgress:
    """Establishments of a campaign by the furthest status their campaign audit reached."""

    establishments: int
    not_started: int
    draft: int
    completed: int
    signed: int

    @property
    def done_percent(self) -> float:
        return 100 * self.signed / self.establishments if self.establishments else 0.0


def create_campaign(
    store: Store,
    name: str,
    questionnaire_ref: str,
    *,
    organiser: str | None = None,
    commune: str | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    advisors: Sequence[str] = (),
) -> str:
    questionnaire = stored_questionnaire(store, resolve_ref(store, questionnaire_ref))
    values = {
        "name": name,
        "questionnaire_ref": questionnaire.ref,
        "organiser": organiser,
        "commune": commune,
        "starts_on": starts_on.isoformat() if starts_on else None,
        "ends_on": ends_on.isoformat() if ends_on else None,
        "advisors": rows.to_json(list(advisors)),
    }
    with store.db.atomic():
        return rows.insert(store, "campaigns", values)


def add_to_campaign(store: Store, campaign_id: str, establishment_id: str) -> str:
    """Enrol an establishment (again, if it had been removed); return the membership id."""
    _check_campaign(store, campaign_id)
    get_establishment(store, establishment_id)
    with store.db.atomic():
        row = store.db.execute(
            "SELECT id, deleted FROM campaign_establishments"
            " WHERE campaign_id = ? AND establishment_id = ?",
            [campaign_id, establishment_id],
        ).fetchone()
        if row is None:
            values = {"campaign_id": campaign_id, "establishment_id": establishment_id}
            return rows.insert(store, "campaign_establishments", values)
        if row[1]:
            rows.update(store, "campaign_establishments", row[0], {})
        return str(row[0])


def remove_from_campaign(store: Store, campaign_id: str, establishment_id: str) -> None:
    with store.db.atomic():
        row = store.db.execute(
            "SELECT id FROM campaign_establishments"
            " WHERE campaign_id = ? AND establishment_id = ? AND deleted = 0",
            [campaign_id, establishment_id],
        ).fetchone()
        if row is None:
            raise NotFoundError("établissement de la campagne", establishment_id)
        rows.update(store, "campaign_establishments", row[0], {}, deleted=True)


# ``+a.campaign_id``: look audits up by establishment (a handful each), not by campaign
# (thousands), whatever the planner guesses from an unanalysed database.
PROGRESS_SQL = """
SELECT coalesce(max(CASE a.status WHEN 'signed' THEN 3 WHEN 'completed' THEN 2
                                  WHEN 'draft' THEN 1 END), 0) AS reached
FROM campaign_establishments m
JOIN establishments e ON e.id = m.establishment_id AND e.deleted = 0
LEFT JOIN audits a ON a.establishment_id = m.establishment_id
     AND +a.campaign_id = m.campaign_id AND a.deleted = 0
WHERE m.campaign_id = ? AND m.deleted = 0
GROUP BY m.establishment_id
"""


def campaign_progress(store: Store, campaign_id: str) -> CampaignProgress:
    _check_campaign(store, campaign_id)
    reached = [row[0] for row in store.db.execute(PROGRESS_SQL, [campaign_id])]
    return CampaignProgress(
        establishments=len(reached),
        not_started=reached.count(0),
        draft=reached.count(1),
        completed=reached.count(2),
        signed=reached.count(3),
    )


def campaign_members(store: Store, campaign_id: str) -> list[str]:
    cursor = store.db.execute(
        "SELECT establishment_id FROM campaign_establishments"
        " WHERE campaign_id = ? AND deleted = 0",
        [campaign_id],
    )
    return [str(row[0]) for row in cursor]


def _check_campaign(store: Store, campaign_id: str) -> None:
    row = store.db.execute(
        "SELECT 1 FROM campaigns WHERE id = ? AND deleted = 0", [campaign_id]
    ).fetchone()
    if row is None:
        raise NotFoundError("campagne", campaign_id)
