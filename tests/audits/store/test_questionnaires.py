from __future__ import annotations

from pathlib import Path

import pytest

from audits.answers import answered
from audits.errors import AnswerError
from audits.loader import load_text
from audits.questionnaire import Questionnaire
from audits.store import Store, open_store
from audits.store.answers import save_answer
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.errors import StoreError
from audits.store.questionnaires import (
    ImportOutcome,
    import_questionnaire,
    kept_message,
    stored_questionnaire,
    stored_refs,
)
from tests.audits.store.conftest import STORE_FIXTURES


def edited_boutique(old: str, new: str, version: int = 1) -> Questionnaire:
    """The fixture questionnaire as an author edited it."""
    text = (STORE_FIXTURES / "boutique.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new).replace("version: 1", f"version: {version}")
    return load_text(text, "boutique.yaml")


def test_a_stored_version_reads_back_equal_to_the_file(
    store: Store, boutique: Questionnaire
) -> None:
    store.questionnaires.clear()
    assert stored_questionnaire(store, "boutique@1").model_dump() == boutique.model_dump()
    assert stored_refs(store) == ["boutique@1"]


def test_importing_the_same_version_again_changes_nothing(
    store: Store, boutique: Questionnaire
) -> None:
    assert import_questionnaire(store, boutique) is ImportOutcome.UNCHANGED


def test_a_version_no_audit_uses_yet_may_still_be_corrected(store: Store) -> None:
    corrected = edited_boutique('label: "Salariés"', 'label: "Nombre de salariés"')
    assert import_questionnaire(store, corrected) is ImportOutcome.UPDATED
    assert stored_questionnaire(store, "boutique@1").question("effectif").label == (
        "Nombre de salariés"
    )


def test_an_audit_keeps_its_pinned_version_when_the_file_changes_under_the_same_number(
    store: Store, audit: Audit
) -> None:
    changed = edited_boutique("max: 5000", "max: 50")
    assert import_questionnaire(store, changed) is ImportOutcome.KEPT
    assert "publiez-le en version 2" in kept_message("boutique@1")
    save_answer(store, audit.id, "surface", answered(400))


def test_an_audit_renders_with_its_version_after_a_new_one_and_without_the_file(
    db_path: Path, store: Store, audit: Audit
) -> None:
    import_questionnaire(store, edited_boutique("max: 5000", "max: 50", version=2))
    store.close()
    with open_store(db_path) as reopened:
        assert stored_questionnaire(reopened, "boutique").version == 2
        save_answer(reopened, audit.id, "surface", answered(400))
        newer = create_audit(reopened, audit.establishment_id, "boutique")
        with pytest.raises(AnswerError, match="supérieur au maximum 50"):
            save_answer(reopened, newer.id, "surface", answered(400))


def test_an_unknown_questionnaire_is_reported_in_french(store: Store) -> None:
    with pytest.raises(StoreError, match="le questionnaire energie n'est pas dans la base"):
        stored_questionnaire(store, "energie")
