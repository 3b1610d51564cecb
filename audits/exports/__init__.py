"""Exports of answers and plans to CSV, XLSX and JSON, with columns that never shift.

``columns`` holds the stable-column rule of answer tables (one column per question id, in
order of first appearance over the questionnaire's versions), ``cells`` the fixed columns of
plan tables and how values are written, ``records`` reads audits out of the store one by one,
``writers`` writes CSV or XLSX. ``export_answers``, ``export_plans`` and ``export_json`` are
what the CLI and the app call.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from audits.errors import DiagError, Message
from audits.exports.cells import PLAN_COLUMNS, answer_cell, plan_cells
from audits.exports.columns import DICTIONARY_HEADER, dictionary, header, question_columns
from audits.exports.records import audit_records
from audits.exports.writers import not_written, write_csv, write_xlsx
from audits.questionnaire import Questionnaire
from audits.store.db import Store
from audits.store.questionnaires import stored_questionnaire, stored_refs

Format = Literal["csv", "xlsx", "json"]
Reference = Mapping[str, Any] | None


def questionnaire_versions(store: Store, questionnaire_id: str) -> list[Questionnaire]:
    """Every stored version of a questionnaire: they all shape the columns."""
    refs = [ref for ref in stored_refs(store) if ref.partition("@")[0] == questionnaire_id]
    if not refs:
        raise DiagError(Message.EXPORT_QUESTIONNAIRE_ABSENT.format(id=questionnaire_id))
    return [stored_questionnaire(store, ref) for ref in refs]


def export_answers(
    store: Store,
    questionnaire_id: str,
    path: Path,
    form: Literal["csv", "xlsx"],
    *,
    campaign_id: str | None = None,
    statuses: Sequence[str] = (),
    dialect: str = "excel-fr",
    reference: Reference = None,
) -> int:
    """One row per audit of the questionnaire; returns the number of rows."""
    columns = question_columns(questionnaire_versions(store, questionnaire_id))
    names = header(columns)
    records = audit_records(store, questionnaire_id, campaign_id, statuses, reference=reference)
    ids = [column.id for column in columns]
    rows: Iterator[list[Any]] = (
        [r.meta.get(name) for name in names[: len(names) - len(ids)]]
        + [answer_cell(r.answers.get(qid)) for qid in ids]
        for r in records
    )
    if form == "csv":
        return write_csv(path, names, rows, dialect)
    return write_xlsx(path, "reponses", names, rows, (DICTIONARY_HEADER, dictionary(columns)))


def export_plans(
    store: Store,
    path: Path,
    form: Literal["csv", "xlsx"],
    *,
    questionnaire_id: str | None = None,
    campaign_id: str | None = None,
    statuses: Sequence[str] = (),
    dialect: str = "excel-fr",
    reference: Reference = None,
) -> int:
    """One row per plan line (fixed columns); returns the number of rows."""
    records = audit_records(store, questionnaire_id, campaign_id, statuses, True, reference)
    rows = (plan_cells(r.meta, line) for r in records for line in r.plan)
    names = [name for name, _ in PLAN_COLUMNS]
    if form == "csv":
        return write_csv(path, names, rows, dialect)
    described = [[name, label, "", "", ""] for name, label in PLAN_COLUMNS]
    return write_xlsx(path, "actions", names, rows, (DICTIONARY_HEADER, described))


def export_json(
    store: Store,
    path: Path,
    *,
    questionnaire_id: str | None = None,
    campaign_id: str | None = None,
    statuses: Sequence[str] = (),
    exported_at: str | None = None,
    reference: Reference = None,
) -> int:
    """Every audit with its answers (value, status, note, photos) and plan, streamed."""
    records = audit_records(store, questionnaire_id, campaign_id, statuses, True, reference)
    head = {"format": "diagterrain-export", "version": 1, "exported_at": exported_at,
            "questionnaire": questionnaire_id, "campaign": campaign_id}  # fmt: skip
    count = 0
    try:
        with path.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "audits": [')
            for record in records:
                item = {"audit": record.meta, "answers": record.answers, "plan": record.plan}
                handle.write(("," if count else "") + "\n" + json.dumps(item, ensure_ascii=False))
                count += 1
            handle.write("\n]}\n")
    except OSError as exc:
        raise DiagError(not_written(path, exc)) from None
    return count


__all__ = ["Format", "export_answers", "export_json", "export_plans", "questionnaire_versions"]
