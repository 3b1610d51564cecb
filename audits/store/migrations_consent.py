"""Migration 3: the owner's consent to be named in what a merchant association sees.

A campaign's collective results go to the association that ran it; no single shop may be
identifiable there unless its owner agreed. The agreement is per campaign (a shop may accept
for its street's association and not for another), so it lives on the membership row, which
syncs like any other: ``consent_at`` is when the owner agreed, NULL when they have not (or
withdrew). Registered by importing this module from ``migrations.py``.
"""

from __future__ import annotations

from sqlite_utils import Database

from audits.store.migrations import MIGRATIONS


@MIGRATIONS()
def m003_campaign_consent(db: Database) -> None:
    """Consent to be named in the association's view, per campaign membership."""
    db.execute("ALTER TABLE campaign_establishments ADD COLUMN consent_at TEXT")
