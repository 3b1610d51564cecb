from __future__ import annotations

import pytest

from audits.answers import answered
from audits.store import Store
from audits.store.answers import save_answer
from audits.store.audits import complete_audit, create_audit
from audits.store.establishments import update_establishment
from audits.store.personal_data import erase_establishment
from audits.store.search import fts_query, list_audits, list_establishments, search_establishments
from tests.audits.store.conftest import make_shop


@pytest.fixture
def street(store: Store) -> Store:
    make_shop(store, name="Boulangerie Pâtissière Martin", commune="Apt", activity="boulangerie")
    make_shop(
        store, siret="35600000000048", name="Salon Élégance", commune="Pertuis", activity="coiffure"
    )
    make_shop(store, siret="44306184100047", name="Boucherie Roux", commune="Apt")
    return store


def names(found: list) -> list[str]:
    return sorted(establishment.name for establishment in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("boul", ["Boulangerie Pâtissière Martin"]),
        ("patissiere", ["Boulangerie Pâtissière Martin"]),
        ("elegance", ["Salon Élégance"]),
        ("apt", ["Boucherie Roux", "Boulangerie Pâtissière Martin"]),
        ("roux apt", ["Boucherie Roux"]),
        ("356 000 000", ["Salon Élégance"]),
        ("44306184100047", ["Boucherie Roux"]),
        ("coiffure", ["Salon Élégance"]),
    ],
)
def test_establishments_are_found_by_name_commune_siret_or_activity(
    street: Store, text: str, expected: list[str]
) -> None:
    assert names(search_establishments(street, text)) == expected


def test_search_text_with_quotes_or_operators_is_taken_literally(street: Store) -> None:
    assert fts_query('roux" OR "x') == '"roux"* "OR"* "x"*'
    assert search_establishments(street, 'roux" OR NEAR(') == []


def test_an_empty_search_lists_establishments_alphabetically(street: Store) -> None:
    assert [e.name for e in search_establishments(street, "  ")] == [
        "Boucherie Roux",
        "Boulangerie Pâtissière Martin",
        "Salon Élégance",
    ]
    assert names(list_establishments(street, commune="Pertuis")) == ["Salon Élégance"]


def test_the_index_follows_renames_and_erasures(street: Store) -> None:
    [roux] = search_establishments(street, "roux")
    update_establishment(street, roux.id, {"name": "Boucherie Giraud"})
    assert search_establishments(street, "roux") == []
    assert names(search_establishments(street, "giraud")) == ["Boucherie Giraud"]
    erase_establishment(street, roux.id)
    assert search_establishments(street, "giraud") == []


def test_audits_are_listed_by_status(street: Store) -> None:
    [martin] = search_establishments(street, "martin")
    draft = create_audit(street, martin.id, "boutique")
    done = create_audit(street, martin.id, "boutique")
    save_answer(street, done.id, "activite", answered("coiffure"))
    save_answer(street, done.id, "surface", answered(30))
    complete_audit(street, done.id)
    assert [line.id for line in list_audits(street, status="draft")] == [draft.id]
    [line] = list_audits(street, status="completed")
    assert (line.id, line.establishment_name, line.questionnaire_ref) == (
        done.id,
        "Boulangerie Pâtissière Martin",
        "boutique@1",
    )
    assert len(list_audits(street)) == 2


def test_while_one_or_two_letters_are_typed_matches_come_alphabetically(street: Store) -> None:
    assert [e.name for e in search_establishments(street, "b")] == [
        "Boucherie Roux",
        "Boulangerie Pâtissière Martin",
    ]
