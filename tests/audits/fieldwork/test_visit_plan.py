"""The stored plan: recomputed from the answers, the advisor's decisions never lost."""

from __future__ import annotations

import datetime as dt

from audits.answers import answered
from audits.fieldwork.plan_lines import from_row, to_row
from audits.fieldwork.visit_plan import (
    accept_line,
    add_line,
    audit_day,
    current_plan,
    edit_line,
    reject_line,
)
from audits.plan.models import LineStatus
from audits.store.actions import actions_of
from audits.store.answers import save_answer
from audits.store.audits import complete_audit, sign_audit


def revs(store, audit_id):
    rows = store.db.execute("SELECT action_key, rev FROM actions WHERE audit_id = ?", [audit_id])
    return dict(rows.fetchall())


def test_a_line_survives_the_round_trip_through_the_store(store, answered_audit, reference):
    plan = current_plan(store, answered_audit.id, reference)
    rows = {row["action_key"]: row for row in actions_of(store, answered_audit.id)}
    for line in plan.lines:
        assert from_row({**rows[line.action_id]}) == line
        assert to_row(line).kwh_year == line.figures.kwh_total


def test_plan_lines_are_stored_once_and_not_rewritten_for_nothing(store, answered_audit, reference):
    current_plan(store, answered_audit.id, reference)
    before = revs(store, answered_audit.id)
    current_plan(store, answered_audit.id, reference)
    assert before and before == revs(store, answered_audit.id)


def test_decisions_survive_a_changed_answer(store, answered_audit, reference):
    plan = current_plan(store, answered_audit.id, reference)
    first, second = plan.lines[0].action_id, plan.lines[1].action_id
    accept_line(store, answered_audit.id, first)
    reject_line(store, answered_audit.id, second, "déjà prévu")
    save_answer(store, answered_audit.id, "conso_electricite_kwh", answered(80000))
    replanned = current_plan(store, answered_audit.id, reference)
    assert replanned.line(first).status is LineStatus.ACCEPTED
    assert replanned.line(second).status is LineStatus.REJECTED
    assert replanned.line(second).rejection_reason == "déjà prévu"


def test_an_untouched_line_leaves_when_its_trigger_no_longer_holds(
    store, answered_audit, reference
):
    before = {line.action_id for line in current_plan(store, answered_audit.id, reference).lines}
    save_answer(store, answered_audit.id, "systeme_chauffage", answered("aucun"))
    after = {line.action_id for line in current_plan(store, answered_audit.id, reference).lines}
    gone = before - after
    assert gone
    stored = {row["action_key"] for row in actions_of(store, answered_audit.id)}
    assert not gone & stored


def test_edits_and_custom_lines_are_the_advisors(store, answered_audit, reference):
    plan = current_plan(store, answered_audit.id, reference)
    action_id = plan.lines[0].action_id
    deadline = dt.date(2027, 3, 31)
    edited = edit_line(
        store, answered_audit.id, action_id, reference, cost=900, owner="Paul", deadline=deadline
    )
    assert edited.edited and edited.figures.cost == 900 and edited.owner == "Paul"
    custom = add_line(store, answered_audit.id, reference, "Changer le joint du four", cost=120)
    replanned = current_plan(store, answered_audit.id, reference)
    assert replanned.line(action_id).deadline == deadline
    assert replanned.line(custom.action_id).status is LineStatus.ACCEPTED
    row = next(
        r for r in actions_of(store, answered_audit.id) if r["action_key"] == custom.action_id
    )
    assert row["edited"] and not row["from_catalogue"]


def test_a_signed_audit_plan_does_not_move(store, answered_audit, reference):
    current_plan(store, answered_audit.id, reference)
    complete_audit(store, answered_audit.id)
    sign_audit(store, answered_audit.id)
    before = revs(store, answered_audit.id)
    current_plan(store, answered_audit.id, reference)
    assert before == revs(store, answered_audit.id)
    assert audit_day(answered_audit) == dt.date.fromisoformat(answered_audit.started_at[:10])
