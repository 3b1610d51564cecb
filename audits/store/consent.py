"""The owner's consent to be named in a campaign's results shown to the merchant association.

Without it the association sees aggregates only: the chamber must not hand a shop's score or
shortcomings to its neighbours' association. The consent is given (or withdrawn) per campaign
and synced with the membership row; ``consent_at`` records when it was given.
"""

from __future__ import annotations

from audits.store import rows
from audits.store.db import Store
from audits.store.errors import NotFoundError


def set_consent(store: Store, campaign_id: str, establishment_id: str, agreed: bool) -> None:
    """Record that the owner agreed (``agreed``) or withdrew their agreement."""
    with store.db.atomic():
        row = store.db.execute(
            "SELECT id, consent_at FROM campaign_establishments"
            " WHERE campaign_id = ? AND establishment_id = ? AND deleted = 0",
            [campaign_id, establishment_id],
        ).fetchone()
        if row is None:
            raise NotFoundError("établissement de la campagne", establishment_id)
        if bool(row[1]) == agreed:
            return
        consent_at = store.timestamp() if agreed else None
        rows.update(store, "campaign_establishments", row[0], {"consent_at": consent_at})


def consenting(store: Store, campaign_id: str) -> set[str]:
    """Ids of the establishments of a campaign whose owner agreed to be named."""
    cursor = store.db.execute(
        "SELECT establishment_id FROM campaign_establishments"
        " WHERE campaign_id = ? AND deleted = 0 AND consent_at IS NOT NULL",
        [campaign_id],
    )
    return {str(row[0]) for row in cursor}
