"""The collective report of a campaign: participation, scores, findings, savings, purchases.

``gather`` reads the shops of a campaign out of the store, ``aggregate`` (pure) adds them up
for an audience (the chamber, or the merchant association with its privacy rules), ``pdf``
lays the result out. ``collective_report`` chains the first two.
"""

from __future__ import annotations

import datetime as dt

from audits.collective.aggregate import aggregate
from audits.collective.gather import gather
from audits.collective.models import Audience, CollectiveReport
from audits.reference import Reference
from audits.store.db import Store


def collective_report(
    store: Store,
    campaign_key: str,
    reference: Reference,
    audience: Audience = "chambre",
    on_date: dt.date | None = None,
) -> CollectiveReport:
    """The report of the campaign named by id or name, for ``audience``."""
    header, questionnaire, shops = gather(store, campaign_key, reference)
    titles = {key: item.title for key, item in reference.obligations.items()}
    day = on_date or dt.date.today()
    return aggregate(header, questionnaire, titles, shops, audience, day)


__all__ = ["CollectiveReport", "collective_report"]
