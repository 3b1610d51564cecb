"""A store with the shipped questionnaires, a bakery and a draft energy audit of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import config
from audits.answers_file import load_answers_file
from audits.catalog import load_catalog
from audits.reference import Reference, load_reference
from audits.store import Store, open_store
from audits.store.answers import save_answer
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.questionnaires import import_catalog, stored_questionnaire

EXAMPLE = "boulangerie-energie.yaml"


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference(config.REFERENCE_DIR)


@pytest.fixture(scope="session")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)


@pytest.fixture
def store(tmp_path: Path, catalog) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "device.db") as opened:
        import_catalog(opened, catalog)
        yield opened


@pytest.fixture
def audit(store: Store) -> Audit:
    bakery = create_establishment(
        store, {"siret": "73282932000074", "name": "Boulangerie Martin", "contact_name": "Paul"}
    )
    return create_audit(store, bakery.id, "energie-commerce")


@pytest.fixture(scope="session")
def bakery_file(catalog):  # type: ignore[no-untyped-def]
    """The example bakery of ``questionnaires/exemples`` (a plan of a dozen actions)."""
    _, answers = load_answers_file(config.QUESTIONNAIRES_DIR / "exemples" / EXAMPLE, catalog.get)
    return answers


@pytest.fixture
def answered_audit(store: Store, audit: Audit, bakery_file) -> Audit:  # type: ignore[no-untyped-def]
    questionnaire = stored_questionnaire(store, audit.questionnaire_ref)
    for question in questionnaire.questions():
        answer = bakery_file.answers.get(question.id)
        if answer is not None:
            save_answer(
                store, audit.id, question.id, answer, note=bakery_file.notes.get(question.id)
            )
    return audit
