from __future__ import annotations

import uuid

from audits.store.ids import natural_id, new_id

PINNED_ANSWER_ID = "f5e981b5-0b7d-58e0-bb6b-be0e28f342f2"


def test_new_ids_are_uuid_version_7_in_creation_order() -> None:
    ids = [new_id() for _ in range(200)]
    assert all(uuid.UUID(value).version == 7 for value in ids)
    assert len(set(ids)) == len(ids)
    assert [value[:13] for value in ids] == sorted(value[:13] for value in ids)


def test_natural_ids_are_uuid_version_5_of_the_table_and_key() -> None:
    answer = natural_id("answers", "audit-1", "surface")
    assert uuid.UUID(answer).version == 5
    assert natural_id("answers", "audit-1", "surface") == answer
    assert natural_id("actions", "audit-1", "surface") != answer
    assert natural_id("answers", "audit-1", "effectif") != answer


def test_no_separator_in_a_key_makes_two_keys_share_an_id() -> None:
    assert natural_id("answers", "a,b", "c") != natural_id("answers", "a", "b,c")
    assert natural_id("answers", "a/b", "c") != natural_id("answers", "a", "b/c")


def test_a_natural_id_never_changes_between_versions_of_the_app() -> None:
    # Pinned: devices already in the field hold rows named this way.
    assert natural_id("answers", "audit-1", "surface") == PINNED_ANSWER_ID
