"""Migration 4: who signed an audit, and which stored picture is whose signature.

Until now a signed audit named its signers only in ``signed_by`` (« Claire Dumas ; Paul
Martin »), and which attachment was the advisor's or the owner's signature was kept in the
signing device's settings file: no other device could print the signed plan again. The
``signatures`` column holds that as JSON (``audits.store.signatures.AuditSignatures``),
written in the transaction that signs, so it syncs with the signature itself. NULL for
audits not signed, and for audits signed before this migration (the app then falls back to
its settings file). Registered by importing this module from ``migrations.py``.
"""

from __future__ import annotations

from sqlite_utils import Database

from audits.store.migrations import MIGRATIONS


@MIGRATIONS()
def m004_audit_signatures(db: Database) -> None:
    """The signers' names and signature hashes, on the audit row."""
    db.execute("ALTER TABLE audits ADD COLUMN signatures TEXT")
