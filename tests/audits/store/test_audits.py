from __future__ import annotations

from datetime import date

import pytest

from audits.answers import answered, not_applicable
from audits.store import Store
from audits.store.actions import PlanLine, actions_of, propose
from audits.store.answers import answers_of, remove_answer, save_answer
from audits.store.audit_rows import Audit, get_audit
from audits.store.audits import (
    complete_audit,
    create_audit,
    reopen_audit,
    revise_audit,
    sign_audit,
)
from audits.store.errors import AuditFrozenError, IncompleteAuditError, StoreError
from audits.store.establishments import Establishment
from tests.audits.store.conftest import FakeClock


def fill_required(store: Store, audit_id: str) -> None:
    save_answer(store, audit_id, "activite", answered("coiffure"))
    save_answer(store, audit_id, "surface", answered(40))


@pytest.fixture
def signed(store: Store, audit: Audit, clock: FakeClock) -> Audit:
    fill_required(store, audit.id)
    propose(store, audit.id, PlanLine(action_key="led", title="Passer en LED"))
    complete_audit(store, audit.id)
    clock.ms += 60_000
    return sign_audit(store, audit.id, signed_by="Mme Martin")


def test_a_new_audit_pins_the_latest_stored_version_and_starts_as_a_draft(
    store: Store, shop: Establishment
) -> None:
    audit = create_audit(store, shop.id, "boutique", planned_on=date(2024, 3, 5))
    assert (audit.questionnaire_ref, audit.status, audit.planned_on) == (
        "boutique@1",
        "draft",
        "2024-03-05",
    )
    assert audit.started_at == "2023-11-14T22:13:20.000Z"


def test_an_audit_of_a_questionnaire_not_in_the_database_is_refused(
    store: Store, shop: Establishment
) -> None:
    with pytest.raises(StoreError, match="questionnaire inconnu@1 n'est pas dans la base"):
        create_audit(store, shop.id, "inconnu@1")


def test_completing_requires_every_visible_required_question(store: Store, audit: Audit) -> None:
    save_answer(store, audit.id, "activite", answered("boulangerie"))
    with pytest.raises(IncompleteAuditError, match="2 question\\(s\\) obligatoire") as error:
        complete_audit(store, audit.id)
    assert error.value.missing == ["surface", "a_vitrine"]
    save_answer(store, audit.id, "surface", answered(60))
    save_answer(store, audit.id, "a_vitrine", not_applicable())
    assert complete_audit(store, audit.id).status == "completed"


def test_signing_needs_a_completed_audit(store: Store, audit: Audit) -> None:
    with pytest.raises(StoreError, match="statut actuel : brouillon"):
        sign_audit(store, audit.id)


def test_a_completed_audit_can_be_reopened_before_signing(store: Store, audit: Audit) -> None:
    fill_required(store, audit.id)
    complete_audit(store, audit.id)
    assert reopen_audit(store, audit.id).status == "draft"


def test_a_signed_audit_records_who_signed_and_when(signed: Audit) -> None:
    assert (signed.status, signed.signed_by) == ("signed", "Mme Martin")
    assert signed.signed_at == "2023-11-14T22:14:20.000Z"


def test_a_signed_audit_refuses_every_change(store: Store, signed: Audit) -> None:
    rev = get_audit(store, signed.id).rev
    changes = [
        lambda: save_answer(store, signed.id, "effectif", answered(2)),
        lambda: save_answer(store, signed.id, "surface", answered(41)),
        lambda: remove_answer(store, signed.id, "surface"),
        lambda: propose(store, signed.id, PlanLine(action_key="x", title="Autre")),
        lambda: complete_audit(store, signed.id),
        lambda: reopen_audit(store, signed.id),
        lambda: sign_audit(store, signed.id),
    ]
    for change in changes:
        with pytest.raises(AuditFrozenError, match="signé le 2023-11-14 ne peut plus"):
            change()
    assert get_audit(store, signed.id).rev == rev
    assert answers_of(store, signed.id)["surface"] == answered(40)


def test_a_revision_is_a_new_draft_pointing_to_the_signed_audit_with_its_content(
    store: Store, signed: Audit
) -> None:
    revision = revise_audit(store, signed.id)
    assert revision.id != signed.id
    assert (revision.status, revision.revision_of) == ("draft", signed.id)
    assert answers_of(store, revision.id) == answers_of(store, signed.id)
    assert [line["action_key"] for line in actions_of(store, revision.id)] == ["led"]
    save_answer(store, revision.id, "surface", answered(45))
    assert answers_of(store, signed.id)["surface"] == answered(40)


def test_only_a_signed_audit_is_revised(store: Store, audit: Audit) -> None:
    with pytest.raises(StoreError, match="seul un audit signé se révise"):
        revise_audit(store, audit.id)


def test_a_follow_up_audit_names_the_previous_one(
    store: Store, shop: Establishment, signed: Audit
) -> None:
    follow_up = create_audit(store, shop.id, "boutique@1", follow_up_of=signed.id)
    assert follow_up.follow_up_of == signed.id
