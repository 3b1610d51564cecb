from __future__ import annotations

import pytest

from audits.answers import answered, not_applicable, unknown
from audits.errors import AnswerError
from audits.store import Store
from audits.store.answers import answer_details, answers_of, remove_answer, save_answer
from audits.store.audit_rows import Audit
from audits.store.errors import NotFoundError, StoreError
from audits.store.photos import add_photo


@pytest.mark.parametrize(
    ("question_id", "value", "message"),
    [
        ("surface", "grande", "« surface » attend un nombre, reçu « grande »"),
        ("surface", 0, "« surface » : 0 est inférieur au minimum 1"),
        ("effectif", 2.5, "« effectif » attend un nombre entier"),
        ("activite", "fleuriste", "« fleuriste » n'est pas un choix possible"),
        ("visite_le", "31/12/2024", "attend une date AAAA-MM-JJ"),
        ("inconnue", 1, "question inconnue « inconnue »"),
    ],
)
def test_an_answer_the_pinned_questionnaire_refuses_is_not_stored(
    store: Store, audit: Audit, question_id: str, value: object, message: str
) -> None:
    with pytest.raises(AnswerError, match=message):
        save_answer(store, audit.id, question_id, answered(value))
    assert answers_of(store, audit.id) == {}


def test_a_constraint_naming_another_answer_is_checked_against_it(
    store: Store, audit: Audit
) -> None:
    save_answer(store, audit.id, "surface", answered(50))
    with pytest.raises(AnswerError, match="la réserve ne peut dépasser la surface de vente"):
        save_answer(store, audit.id, "surface_reserve", answered(80))
    save_answer(store, audit.id, "surface_reserve", answered(20))
    assert answers_of(store, audit.id)["surface_reserve"] == answered(20)


def test_answers_are_stored_normalised_with_their_status(store: Store, audit: Audit) -> None:
    save_answer(store, audit.id, "effectif", answered(3.0))
    save_answer(store, audit.id, "a_vitrine", not_applicable())
    save_answer(store, audit.id, "visite_le", unknown())
    assert answers_of(store, audit.id) == {
        "effectif": answered(3),
        "a_vitrine": not_applicable(),
        "visite_le": unknown(),
    }


def test_a_second_answer_to_a_question_replaces_the_first_in_the_same_row(
    store: Store, audit: Audit
) -> None:
    first = save_answer(store, audit.id, "activite", answered("coiffure"))
    second = save_answer(store, audit.id, "activite", answered("boulangerie"))
    assert first == second
    assert answers_of(store, audit.id) == {"activite": answered("boulangerie")}


def test_notes_and_photos_are_kept_with_the_answer(store: Store, audit: Audit) -> None:
    sha256 = add_photo(store, b"\x89PNG facade")
    save_answer(
        store, audit.id, "observations", answered("RAS"), note="vu en réserve", photos=[sha256]
    )
    [row] = answer_details(store, audit.id)
    assert (row["value"], row["note"], row["photos"]) == ("RAS", "vu en réserve", [sha256])


def test_a_photo_that_was_never_stored_cannot_be_attached(store: Store, audit: Audit) -> None:
    ghost = "a" * 64
    with pytest.raises(StoreError, match=f"photo inconnue {ghost}"):
        save_answer(store, audit.id, "photo_facade", answered([ghost]))
    with pytest.raises(StoreError, match="photo inconnue"):
        save_answer(store, audit.id, "observations", answered("x"), photos=[ghost])


def test_a_photo_question_takes_stored_photo_hashes(store: Store, audit: Audit) -> None:
    sha256 = add_photo(store, b"\xff\xd8 facade jpeg")
    save_answer(store, audit.id, "photo_facade", answered([sha256, sha256]))
    assert answers_of(store, audit.id)["photo_facade"] == answered([sha256])


def test_removing_an_answer_that_does_not_exist_says_so(store: Store, audit: Audit) -> None:
    with pytest.raises(NotFoundError, match="réponse introuvable : « surface »"):
        remove_answer(store, audit.id, "surface")


def test_answering_an_unknown_audit_says_so(store: Store) -> None:
    with pytest.raises(NotFoundError, match="audit introuvable"):
        save_answer(store, "nope", "surface", answered(10))
