from __future__ import annotations

import json

import pytest

from audits.answers import answered
from audits.store import Store
from audits.store.actions import PlanLine, propose
from audits.store.answers import save_answer
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.campaigns import add_to_campaign, create_campaign
from audits.store.errors import NotFoundError
from audits.store.establishments import Establishment, get_establishment
from audits.store.personal_data import erase_establishment, export_json
from audits.store.photos import add_photo, photo_path
from tests.audits.store.conftest import OTHER_SIRET, make_shop, outbox

FACADE = b"\xff\xd8 facade de la boulangerie"
SHARED = b"\xff\xd8 affiche de la campagne"


@pytest.fixture
def filled(store: Store, shop: Establishment, audit: Audit) -> Audit:
    own, shared = add_photo(store, FACADE), add_photo(store, SHARED)
    save_answer(store, audit.id, "photo_facade", answered([own]))
    save_answer(store, audit.id, "observations", answered("Mme Martin, 06 12 34 56 78"))
    save_answer(store, audit.id, "surface", answered(40), photos=[shared])
    propose(store, audit.id, PlanLine(action_key="led", title="LED", owner="Mme Martin"))
    add_to_campaign(store, create_campaign(store, "Rue des Marchands", "boutique"), shop.id)
    other = create_audit(store, make_shop(store, siret=OTHER_SIRET, name="Autre").id, "boutique")
    save_answer(store, other.id, "surface", answered(10), photos=[shared])
    return audit


def test_the_export_holds_everything_about_the_establishment(
    store: Store, shop: Establishment, filled: Audit
) -> None:
    exported = json.loads(export_json(store, shop.id))
    assert exported["establishment"]["siret"] == shop.siret
    assert exported["campaigns"] == ["Rue des Marchands"]
    [audit] = exported["audits"]
    assert audit["id"] == filled.id
    answered_ids = {answer["question_id"] for answer in audit["answers"]}
    assert answered_ids == {"photo_facade", "observations", "surface"}
    assert audit["actions"][0]["owner"] == "Mme Martin"
    assert len(exported["photos"]) == 2
    assert all("content_base64" in photo for photo in exported["photos"])


def test_erasing_blanks_and_tombstones_every_row_and_queues_it_for_sync(
    store: Store, shop: Establishment, filled: Audit
) -> None:
    erasure = erase_establishment(store, shop.id)
    assert erasure.rows == 1 + 1 + 3 + 1 + 1  # establishment, audit, answers, action, membership
    with pytest.raises(NotFoundError):
        get_establishment(store, shop.id)
    name, siret, deleted = store.db.execute(
        "SELECT name, siret, deleted FROM establishments WHERE id = ?", [shop.id]
    ).fetchone()
    assert (name, siret, deleted) == ("", "", 1)
    values = store.db.execute(
        "SELECT value, note, deleted FROM answers WHERE audit_id = ?", [filled.id]
    ).fetchall()
    assert values == [(None, None, 1)] * 3
    assert ("establishments", shop.id) in outbox(store)
    assert ("audits", filled.id) in outbox(store)


def test_erasing_deletes_the_establishments_photos_but_not_shared_ones(
    store: Store, shop: Establishment, filled: Audit
) -> None:
    own, shared = add_photo(store, FACADE), add_photo(store, SHARED)
    assert erase_establishment(store, shop.id).photos == 1
    assert not photo_path(store, own).exists()
    assert photo_path(store, shared).exists()


def test_nothing_erased_remains_readable_in_the_database_file(
    store: Store, shop: Establishment, filled: Audit
) -> None:
    erase_establishment(store, shop.id)
    store.close()
    content = store.path.read_bytes()
    wal = store.path.with_name(store.path.name + "-wal")
    content += wal.read_bytes() if wal.exists() else b""
    assert b"06 12 34 56 78" not in content


def file_conflict(store: Store, table: str, row_id: str, lost: dict[str, object]) -> None:
    """A conflict as the sync files one: the version that lost a concurrent edit."""
    store.db.execute(
        "INSERT INTO conflicts (table_name, row_id, kept_rev, lost_rev, lost_data, detected_at)"
        " VALUES (?, ?, 'r2', 'r1', ?, '2026-12-07T10:00:00Z')",
        [table, row_id, json.dumps(lost)],
    )


def conflict_rows(store: Store) -> list[tuple[str, str]]:
    return store.db.execute("SELECT table_name, row_id FROM conflicts ORDER BY id").fetchall()


def test_erasing_deletes_the_conflicts_of_every_erased_row_and_keeps_the_others(
    store: Store, shop: Establishment, filled: Audit
) -> None:
    erased = [
        ("establishments", shop.id),
        ("audits", filled.id),
        *store.db.execute("SELECT 'answers', id FROM answers WHERE audit_id = ?", [filled.id]),
        *store.db.execute("SELECT 'actions', id FROM actions WHERE audit_id = ?", [filled.id]),
        *store.db.execute("SELECT 'campaign_establishments', id FROM campaign_establishments"),
    ]
    other = make_shop(store, siret="55210055400013", name="Fleurs Dupont")
    for table, row_id in [*erased, ("establishments", other.id)]:
        file_conflict(store, table, row_id, {"contact_name": f"Jeanne Lefort ({table})"})
    erase_establishment(store, shop.id)
    assert conflict_rows(store) == [("establishments", other.id)]


def test_a_conflict_of_an_erased_establishment_is_not_left_in_the_database_file(
    store: Store, shop: Establishment
) -> None:
    file_conflict(store, "establishments", shop.id, {"contact_name": "Jeanne Lefort"})
    erase_establishment(store, shop.id)
    store.close()
    content = store.path.read_bytes()
    wal = store.path.with_name(store.path.name + "-wal")
    content += wal.read_bytes() if wal.exists() else b""
    assert b"Jeanne Lefort" not in content
