from __future__ import annotations

import uuid

from audits.store.ids import new_id


def test_new_ids_are_uuid_version_7_in_creation_order() -> None:
    ids = [new_id() for _ in range(200)]
    assert all(uuid.UUID(value).version == 7 for value in ids)
    assert len(set(ids)) == len(ids)
    assert [value[:13] for value in ids] == sorted(value[:13] for value in ids)
