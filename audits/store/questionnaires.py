"""Questionnaire versions kept in the database, so an audit always renders with its own.

An audit pins ``ID@VERSION``; the YAML file may later change or disappear, and versions
also arrive from the server. Each version is stored once as JSON and is immutable while
audits use it: a changed file under an unchanged version number is refused, not applied.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

from audits.catalog import Catalog
from audits.errors import Message
from audits.questionnaire import Questionnaire
from audits.store.db import Store
from audits.store.errors import StoreError


class ImportOutcome(StrEnum):
    ADDED = "added"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    KEPT = "kept"  # changed content under a version audits already use: the stored one stays


def import_questionnaire(
    store: Store, questionnaire: Questionnaire, source: str = "file"
) -> ImportOutcome:
    """Store one version; a version audits use is never overwritten."""
    body = questionnaire.model_dump_json()
    digest = hashlib.sha256(body.encode()).hexdigest()
    ref = questionnaire.ref
    row = store.db.execute("SELECT sha256 FROM questionnaires WHERE ref = ?", [ref]).fetchone()
    if row is not None and row[0] == digest:
        return ImportOutcome.UNCHANGED
    if row is not None and _in_use(store, questionnaire):
        return ImportOutcome.KEPT
    with store.db.atomic():
        store.db.execute(
            "INSERT OR REPLACE INTO questionnaires (ref, questionnaire_id, version, title, kind,"
            " body, sha256, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [ref, questionnaire.id, questionnaire.version, questionnaire.title,
             questionnaire.kind.value, body, digest, source, store.timestamp()],
        )  # fmt: skip
    store.questionnaires.pop(ref, None)
    return ImportOutcome.ADDED if row is None else ImportOutcome.UPDATED


def import_catalog(store: Store, catalog: Catalog) -> dict[str, ImportOutcome]:
    """Import every questionnaire of a catalog (the shipped folder, at start)."""
    return {q.ref: import_questionnaire(store, q) for q in catalog.questionnaires}


def kept_message(ref: str) -> str:
    """What to tell the author whose edited file was not imported."""
    _, _, version = ref.partition("@")
    return Message.QUESTIONNAIRE_CHANGED.format(ref=ref, next=int(version) + 1)


def _in_use(store: Store, questionnaire: Questionnaire) -> bool:
    row = store.db.execute(
        "SELECT 1 FROM audits WHERE questionnaire_id = ? AND questionnaire_version = ? LIMIT 1",
        [questionnaire.id, questionnaire.version],
    ).fetchone()
    return row is not None


def resolve_ref(store: Store, ref: str) -> str:
    """``ID@VERSION`` as given, or the latest stored version of a bare ``ID``."""
    if "@" in ref:
        return ref
    row = store.db.execute(
        "SELECT ref FROM questionnaires WHERE questionnaire_id = ? ORDER BY version DESC LIMIT 1",
        [ref],
    ).fetchone()
    if row is None:
        raise StoreError(Message.QUESTIONNAIRE_NOT_STORED.format(ref=ref))
    return str(row[0])


def stored_questionnaire(store: Store, ref: str) -> Questionnaire:
    """The stored version named by ``ref`` (cached: stored versions do not change in use)."""
    ref = resolve_ref(store, ref)
    cached = store.questionnaires.get(ref)
    if cached is not None:
        return cached
    row = store.db.execute("SELECT body FROM questionnaires WHERE ref = ?", [ref]).fetchone()
    if row is None:
        raise StoreError(Message.QUESTIONNAIRE_NOT_STORED.format(ref=ref))
    questionnaire = Questionnaire.model_validate_json(row[0])
    store.questionnaires[ref] = questionnaire
    return questionnaire


def stored_refs(store: Store) -> list[str]:
    rows = store.db.execute("SELECT ref FROM questionnaires ORDER BY questionnaire_id, version")
    return [str(row[0]) for row in rows]
