"""Rows unique by a natural key get the same id on every device that creates them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audits.answers import Answer
from audits.questionnaire import Questionnaire
from audits.store import Store, open_store, rows
from audits.store.actions import PlanLine, propose
from audits.store.answers import copy_answers, save_answer
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.campaigns import add_to_campaign, create_campaign
from audits.store.ids import natural_id
from audits.store.questionnaires import import_questionnaire
from tests.audits.store.conftest import FakeClock

SYNC_COLUMNS = ("id", "org_id", "rev", "base_rev", "deleted", "updated_by")


@pytest.fixture
def other(tmp_path: Path, boutique: Questionnaire) -> Iterator[Store]:
    """A second device's database, as if it had pulled nothing yet."""
    opened = open_store(tmp_path / "other.db", now=FakeClock(1_700_000_000_999))
    import_questionnaire(opened, boutique)
    yield opened
    opened.close()


def copy_row(source: Store, target: Store, table: str, row_id: str) -> None:
    """Give ``target`` the row ``source`` holds, under the same id (what a pull does)."""
    cursor = source.db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    names = [d[0] for d in cursor.description]
    values = dict(zip(names, cursor.fetchone(), strict=True))
    data = {k: v for k, v in values.items() if k not in SYNC_COLUMNS}
    rows.insert(target, table, {**data, "id": row_id})


def share_audit(store: Store, other: Store, audit: Audit) -> None:
    copy_row(store, other, "establishments", audit.establishment_id)
    copy_row(store, other, "audits", audit.id)


def test_two_databases_give_the_same_answer_the_same_id(
    store: Store, other: Store, audit: Audit
) -> None:
    share_audit(store, other, audit)
    first = save_answer(store, audit.id, "surface", Answer(value=120))
    second = save_answer(other, audit.id, "surface", Answer(value=80))
    assert first == second
    assert save_answer(store, audit.id, "effectif", Answer(value=3)) != first


def test_two_databases_give_the_same_plan_line_the_same_id(
    store: Store, other: Store, audit: Audit
) -> None:
    share_audit(store, other, audit)
    line = PlanLine(action_key="led", title="Passer en LED")
    assert propose(store, audit.id, line) == propose(other, audit.id, line)


def test_two_databases_give_the_same_campaign_membership_the_same_id(
    store: Store, other: Store, audit: Audit
) -> None:
    share_audit(store, other, audit)
    campaign = create_campaign(store, "Rue des Marchands", "boutique@1")
    copy_row(store, other, "campaigns", campaign)
    shop = audit.establishment_id
    assert add_to_campaign(store, campaign, shop) == add_to_campaign(other, campaign, shop)


def test_copied_answers_are_named_after_the_audit_they_are_copied_into(
    store: Store, audit: Audit
) -> None:
    answer_id = save_answer(store, audit.id, "surface", Answer(value=120))
    copy = create_audit(store, audit.establishment_id, "boutique@1")
    copy_answers(store, audit.id, copy.id)
    [copied] = store.db.execute("SELECT id FROM answers WHERE audit_id = ?", [copy.id])
    assert copied[0] == natural_id("answers", copy.id, "surface") != answer_id


def test_rows_without_a_natural_key_keep_time_ordered_ids(store: Store, audit: Audit) -> None:
    assert rows.new_row_id("audits", {}) != rows.new_row_id("audits", {})
