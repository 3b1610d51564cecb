"""Answers: one row per (audit, question), validated against the audit's pinned version.

Field-level rows let two advisors filling different sections of one audit merge without
loss. Every save is validated (type, bounds, constraint), refused on a signed audit, and
committed with its outbox entry; photos it names must already be in the photo store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from audits.answers import Answer, AnswerStatus, values_of
from audits.errors import Message
from audits.questionnaire import Questionnaire, QuestionType
from audits.rules import rules_of
from audits.store import rows
from audits.store.audit_rows import editable_audit, editable_ref
from audits.store.db import Store
from audits.store.errors import NotFoundError, StoreError
from audits.store.questionnaires import stored_questionnaire
from audits.validation import validate_answer

PHOTO_TYPES = frozenset({QuestionType.PHOTO, QuestionType.SIGNATURE})


def save_answer(
    store: Store,
    audit_id: str,
    question_id: str,
    answer: Answer,
    *,
    note: str | None = None,
    photos: Iterable[str] = (),
) -> str:
    """Validate and store an answer; return the answer row's id."""
    hashes = list(dict.fromkeys(photos))
    with store.db.atomic():
        questionnaire = stored_questionnaire(store, editable_ref(store, audit_id))
        values = _constraint_values(store, questionnaire, audit_id, question_id)
        checked = validate_answer(questionnaire, question_id, answer, values)
        _check_photos(store, [*hashes, *_value_hashes(questionnaire, question_id, checked)])
        fields = {
            "value": rows.to_json(checked.value) if checked.is_answered else None,
            "status": checked.status.value,
            "note": note,
            "photos": rows.to_json(hashes) if hashes else "[]",
        }
        return _write(store, audit_id, question_id, fields)


def remove_answer(store: Store, audit_id: str, question_id: str) -> None:
    """Withdraw an answer (a tombstone, so the removal syncs too)."""
    with store.db.atomic():
        editable_audit(store, audit_id)
        row_id = _row_id(store, audit_id, question_id)
        if row_id is None:
            raise NotFoundError("réponse", question_id)
        cleared = {"value": None, "note": None, "photos": "[]"}
        rows.update(store, "answers", row_id, cleared, deleted=True)


def answers_of(store: Store, audit_id: str) -> dict[str, Answer]:
    """The live answers of an audit, as the engine reads them."""
    cursor = store.db.execute(
        "SELECT question_id, value, status FROM answers WHERE audit_id = ? AND deleted = 0",
        [audit_id],
    )
    return {qid: _answer(value, status) for qid, value, status in cursor}


def answer_details(store: Store, audit_id: str) -> list[dict[str, Any]]:
    """Every live answer row with its note and photos, for screens and exports."""
    cursor = store.db.execute(
        "SELECT id, question_id, value, status, note, photos, rev FROM answers"
        " WHERE audit_id = ? AND deleted = 0 ORDER BY question_id",
        [audit_id],
    )
    names = ("id", "question_id", "value", "status", "note", "photos", "rev")
    found = [dict(zip(names, row, strict=True)) for row in cursor]
    for row in found:
        row["value"] = None if row["value"] is None else json.loads(row["value"])
        row["photos"] = json.loads(row["photos"])
    return found


def copy_answers(store: Store, from_audit: str, to_audit: str) -> None:
    """Copy the live answers of one audit into another (a revision), as new rows."""
    cursor = store.db.execute(
        "SELECT question_id, value, status, note, photos FROM answers"
        " WHERE audit_id = ? AND deleted = 0",
        [from_audit],
    )
    names = ("question_id", "value", "status", "note", "photos")
    for row in cursor.fetchall():
        rows.insert(store, "answers", {"audit_id": to_audit, **dict(zip(names, row, strict=True))})


def _answer(value: str | None, status: str) -> Answer:
    if status == AnswerStatus.ANSWERED:
        return Answer(value=None if value is None else json.loads(value))
    return Answer(status=AnswerStatus(status))


def _write(store: Store, audit_id: str, question_id: str, fields: dict[str, Any]) -> str:
    row_id = _row_id(store, audit_id, question_id)
    if row_id is None:
        values = {"audit_id": audit_id, "question_id": question_id, **fields}
        return rows.insert(store, "answers", values)
    rows.update(store, "answers", row_id, fields)
    return row_id


def _row_id(store: Store, audit_id: str, question_id: str) -> str | None:
    row = store.db.execute(
        "SELECT id FROM answers WHERE audit_id = ? AND question_id = ?", [audit_id, question_id]
    ).fetchone()
    return None if row is None else str(row[0])


def _constraint_values(
    store: Store, questionnaire: Questionnaire, audit_id: str, question_id: str
) -> dict[str, Any]:
    """Other answers, read only when the question's constraint names other questions."""
    if not questionnaire.has_question(question_id):
        return {}
    constraint = rules_of(questionnaire).constraint.get(question_id)
    if constraint is None or not constraint.names:
        return {}
    return values_of(answers_of(store, audit_id))


def _value_hashes(questionnaire: Questionnaire, question_id: str, answer: Answer) -> list[str]:
    if not answer.is_answered or questionnaire.question(question_id).type not in PHOTO_TYPES:
        return []
    value = answer.value
    return list(value) if isinstance(value, list) else [str(value)]


def _check_photos(store: Store, hashes: list[str]) -> None:
    for sha256 in hashes:
        row = store.db.execute("SELECT 1 FROM photos WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise StoreError(Message.PHOTO_UNKNOWN.format(sha256=sha256))
