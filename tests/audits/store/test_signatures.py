"""Signatures on the audit row (migration 4): written with the signature, synced, read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from audits.store import Store, open_store
from audits.store.audit_rows import Audit, get_audit
from audits.store.audits import complete_audit, latest_revision, revise_audit, sign_audit
from audits.store.errors import AuditFrozenError, StoreError
from audits.store.establishments import Establishment
from audits.store.migrations import LATEST_VERSION, schema_version
from audits.store.personal_data import erase_establishment, export_establishment
from audits.store.photos import add_photo, has_photo, photo_path
from audits.store.signatures import (
    Signer,
    Signers,
    add_signature_file,
    missing_signature_files,
)
from tests.audits.store.conftest import OTHER_SIRET, STORE_FIXTURES, FakeClock, make_shop, outbox
from tests.audits.store.test_audits import fill_required

V3_FIXTURE = STORE_FIXTURES / "schema_v3.db3"
V3_SIGNED = "01890a5d-ac96-7000-8000-000000000012"
V3_COMPLETED = "01890a5d-ac96-7000-8000-000000000013"
ADVISOR_PNG = b"\x89PNG\r\n\x1a\n signature de Claire Dumas"
OWNER_PNG = b"\x89PNG\r\n\x1a\n signature de Paul Martin"


def signers(store: Store) -> Signers:
    return Signers(
        advisor=Signer(name="Claire Dumas", sha256=add_photo(store, ADVISOR_PNG, "image/png")),
        owner=Signer(name="Paul Martin", sha256=add_photo(store, OWNER_PNG, "image/png")),
    )


@pytest.fixture
def completed(store: Store, audit: Audit) -> Audit:
    fill_required(store, audit.id)
    return complete_audit(store, audit.id)


@pytest.fixture
def v3_copy(tmp_path: Path) -> Path:
    target = tmp_path / "device-v3.db"
    shutil.copyfile(V3_FIXTURE, target)
    return target


def test_the_version_3_fixture_is_at_version_three() -> None:
    from sqlite_utils import Database

    db = Database(V3_FIXTURE)
    try:
        assert schema_version(db) == 3
        assert "signatures" not in db.table("audits").columns_dict
    finally:
        db.close()


def test_a_version_3_database_opens_upgraded_with_its_audits_intact(v3_copy: Path) -> None:
    with open_store(v3_copy) as store:
        assert schema_version(store.db) == LATEST_VERSION >= 4
        assert "signatures" in store.db.table("audits").columns_dict
        old = get_audit(store, V3_SIGNED)
        consent = store.db.execute("SELECT consent_at FROM campaign_establishments").fetchone()
    assert (old.status, old.signed_by, old.signatures) == (
        "signed",
        "Claire Dumas ; Anne Jourdan",
        None,
    )
    assert consent == ("2025-03-10T09:06:00.000Z",)


def test_an_audit_signed_before_the_upgrade_stays_frozen(v3_copy: Path) -> None:
    with open_store(v3_copy) as store, pytest.raises(AuditFrozenError):
        sign_audit(store, V3_SIGNED, signers=signers(store))


def test_an_audit_completed_before_the_upgrade_is_signed_with_its_signers_on_the_row(
    v3_copy: Path,
) -> None:
    with open_store(v3_copy, now=FakeClock(1_800_000_000_000)) as store:
        signed = sign_audit(store, V3_COMPLETED, signers=signers(store))
        queued = outbox(store)
    assert signed.signatures is not None and signed.signatures.owner.name == "Paul Martin"
    assert queued == {("audits", V3_COMPLETED): signed.rev}


def test_signing_records_both_signers_in_the_change_that_signs(
    store: Store, completed: Audit, clock: FakeClock
) -> None:
    clock.ms += 60_000
    who = signers(store)
    signed = sign_audit(store, completed.id, signers=who)
    assert signed.signed_by == "Claire Dumas ; Paul Martin"
    assert signed.signatures is not None
    assert signed.signatures.signed_at == signed.signed_at == "2023-11-14T22:14:20.000Z"
    (column,) = store.db.execute(
        "SELECT signatures FROM audits WHERE id = ?", [completed.id]
    ).fetchone()
    assert json.loads(column) == {
        "advisor": {"name": "Claire Dumas", "sha256": who.advisor.sha256},
        "owner": {"name": "Paul Martin", "sha256": who.owner.sha256},
        "signed_at": "2023-11-14T22:14:20.000Z",
    }
    assert outbox(store)[("audits", completed.id)] == signed.rev


def test_signing_without_signers_leaves_the_column_empty(store: Store, completed: Audit) -> None:
    signed = sign_audit(store, completed.id, signed_by="Mme Martin")
    assert (signed.signed_by, signed.signatures) == ("Mme Martin", None)


def test_a_signature_picture_not_stored_is_refused_and_the_audit_stays_completed(
    store: Store, completed: Audit
) -> None:
    ghost = Signer(name="Paul Martin", sha256="0" * 64)
    who = signers(store).model_copy(update={"owner": ghost})
    with pytest.raises(StoreError, match=r"image de signature 0{64} absente"):
        sign_audit(store, completed.id, signers=who)
    assert get_audit(store, completed.id).status == "completed"


def test_malformed_signatures_received_from_elsewhere_are_refused_in_french(
    store: Store, completed: Audit
) -> None:
    store.db.execute(
        "UPDATE audits SET signatures = ? WHERE id = ?",
        ['{"advisor": {"name": "Claire"}}', completed.id],
    )
    with pytest.raises(StoreError, match="signatures illisibles dans l'audit"):
        get_audit(store, completed.id)


def test_a_newer_apps_extra_keys_are_ignored(store: Store, completed: Audit) -> None:
    signed = sign_audit(store, completed.id, signers=signers(store))
    assert signed.signatures is not None
    extended = {**signed.signatures.model_dump(), "lieu": "Apt"}
    store.db.execute(
        "UPDATE audits SET signatures = ? WHERE id = ?", [json.dumps(extended), completed.id]
    )
    assert get_audit(store, completed.id).signatures == signed.signatures


def test_a_revision_starts_unsigned_and_is_the_latest_of_its_audit(
    store: Store, completed: Audit
) -> None:
    sign_audit(store, completed.id, signers=signers(store))
    assert latest_revision(store, completed.id) is None
    revision = revise_audit(store, completed.id)
    assert (revision.status, revision.signatures, revision.signed_by) == ("draft", None, None)
    assert latest_revision(store, completed.id) == revision
    assert get_audit(store, completed.id).signatures is not None


def test_pulled_signatures_whose_pictures_are_missing_are_listed_then_stored(
    store: Store, completed: Audit
) -> None:
    who = signers(store)
    sign_audit(store, completed.id, signers=who)
    for sha256 in who.hashes:  # as on a device that pulled the row but not yet the files
        store.db.execute("DELETE FROM photos WHERE sha256 = ?", [sha256])
        photo_path(store, sha256).unlink()
    assert missing_signature_files(store) == sorted(who.hashes)
    assert not add_signature_file(store, who.advisor.sha256, b"autre chose")
    assert add_signature_file(store, who.advisor.sha256, ADVISOR_PNG)
    assert missing_signature_files(store) == [who.owner.sha256]


def test_the_export_holds_the_signers_and_their_pictures(
    store: Store, shop: Establishment, completed: Audit
) -> None:
    who = signers(store)
    sign_audit(store, completed.id, signers=who)
    exported = export_establishment(store, shop.id)
    assert exported["audits"][0]["signatures"]["owner"]["name"] == "Paul Martin"
    assert {photo["sha256"] for photo in exported["photos"]} == set(who.hashes)


def test_erasure_blanks_the_signatures_and_deletes_pictures_no_one_else_uses(
    store: Store, shop: Establishment, completed: Audit
) -> None:
    who = signers(store)
    sign_audit(store, completed.id, signers=who)
    other = create_other_signed_audit(store, who.advisor)
    erasure = erase_establishment(store, shop.id)
    (column,) = store.db.execute(
        "SELECT signatures FROM audits WHERE id = ?", [completed.id]
    ).fetchone()
    assert column is None and erasure.photos == 1
    assert not has_photo(store, who.owner.sha256)
    assert has_photo(store, who.advisor.sha256)  # the other shop's audit names it too
    assert get_audit(store, other).signatures is not None


def create_other_signed_audit(store: Store, advisor: Signer) -> str:
    from audits.store.audits import create_audit

    other = create_audit(store, make_shop(store, siret=OTHER_SIRET, name="Autre").id, "boutique")
    fill_required(store, other.id)
    complete_audit(store, other.id)
    owner = Signer(name="Mme Autre", sha256=add_photo(store, b"\x89PNG autre", "image/png"))
    sign_audit(store, other.id, signers=Signers(advisor=advisor, owner=owner))
    return other.id
