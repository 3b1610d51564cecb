"""Audits read out of the store for export: their meta columns, answers and plan lines.

Rows are yielded audit by audit (a generator over one query), so a chamber's export of tens
of thousands of audits never holds them all in memory, the failure that makes other tools'
exports time out or die.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audits.answers import Answer
from audits.evaluation import evaluate
from audits.questionnaire import QuestionType
from audits.scoring import score
from audits.store.answers import answer_details
from audits.store.db import Store
from audits.store.questionnaires import stored_questionnaire

AUDITS_SQL = """
SELECT a.id, a.questionnaire_id, a.questionnaire_version, e.id, e.siret, e.name, e.commune,
       c.name, a.advisor, a.status, a.planned_on, a.completed_at, a.signed_at,
       a.follow_up_of, a.revision_of
FROM audits a
JOIN establishments e ON e.id = a.establishment_id
LEFT JOIN campaigns c ON c.id = a.campaign_id
WHERE a.deleted = 0 AND e.deleted = 0
"""
META_NAMES = ("_audit", "_questionnaire", "_version", "_etablissement_id", "_siret",
              "_etablissement", "_commune", "_campagne", "_conseiller", "_statut",
              "_date_prevue", "_termine_le", "_signe_le", "_suivi_de", "_revision_de")  # fmt: skip


@dataclass
class AuditRecord:
    meta: dict[str, Any]
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    plan: list[dict[str, Any]] = field(default_factory=list)


def audit_records(
    store: Store,
    questionnaire_id: str | None = None,
    campaign_id: str | None = None,
    statuses: Sequence[str] = (),
    with_plan: bool = False,
    reference: Mapping[str, Any] | None = None,
) -> Iterator[AuditRecord]:
    """Audits matching the filters, oldest first, with answers (and computed values)."""
    sql, params = AUDITS_SQL, []
    for column, value in (("a.questionnaire_id", questionnaire_id), ("a.campaign_id", campaign_id)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    if statuses:
        sql += f" AND a.status IN ({', '.join('?' for _ in statuses)})"
        params += list(statuses)
    sql += " ORDER BY a.rev"
    for row in store.db.execute(sql, params).fetchall():
        record = AuditRecord(meta=dict(zip(META_NAMES, row, strict=True)))
        _fill(store, record, with_plan, reference)
        yield record


def _fill(
    store: Store, record: AuditRecord, with_plan: bool, reference: Mapping[str, Any] | None
) -> None:
    meta = record.meta
    questionnaire = stored_questionnaire(store, f"{meta['_questionnaire']}@{meta['_version']}")
    details = answer_details(store, meta["_audit"])
    answers = {row["question_id"]: _answer(row) for row in details}
    state = evaluate(questionnaire, answers, reference)
    meta["_score"] = score(questionnaire, answers, reference).percent
    record.answers = {
        row["question_id"]: {k: row[k] for k in ("value", "status", "note", "photos")}
        for row in details
    }
    for question in questionnaire.questions():
        if question.type is QuestionType.COMPUTED and question.id in state.values:
            record.answers[question.id] = {"value": state.values[question.id], "status": "computed"}
    if with_plan:
        record.plan = [_plan_row(line) for line in _lines(store, meta["_audit"])]


def _answer(row: dict[str, Any]) -> Answer:
    if row["status"] == "answered":
        return Answer(value=row["value"])
    return Answer.model_validate({"status": row["status"]})


def _lines(store: Store, audit_id: str) -> list[dict[str, Any]]:
    cursor = store.db.execute(
        "SELECT action_key, title, theme, from_catalogue, status, priority, kwh_year, eur_year,"
        " kgco2e_year, cost_eur, aid_eur, payback_years, regulatory, funding, owner, deadline,"
        " achieved_kwh_year, achieved_eur_year, details, note FROM actions"
        " WHERE audit_id = ? AND deleted = 0 ORDER BY priority IS NULL, priority, action_key",
        [audit_id],
    )
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _plan_row(line: dict[str, Any]) -> dict[str, Any]:
    engine = json.loads(line.pop("details") or "{}").get("line") or {}
    line["funding"] = json.loads(line["funding"] or "[]")
    line["kwh_by_energy"] = (engine.get("figures") or {}).get("kwh") or {}
    line["obligation"] = engine.get("obligation")
    line["from_catalogue"] = bool(line["from_catalogue"])
    line["regulatory"] = bool(line["regulatory"])
    return line
