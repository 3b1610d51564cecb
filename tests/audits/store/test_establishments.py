from __future__ import annotations

import pytest

from audits.store import Store
from audits.store.errors import NotFoundError, StoreError
from audits.store.establishments import (
    Establishment,
    find_by_siret,
    get_establishment,
    update_establishment,
)
from tests.audits.store.conftest import OTHER_SIRET, VALID_SIRET, make_shop


def test_a_siret_typed_with_spaces_is_stored_compact(store: Store) -> None:
    shop = make_shop(store, siret="732 829 320 00074")
    assert shop.siret == VALID_SIRET
    assert find_by_siret(store, "732 829 320 00074") == [shop]


@pytest.mark.parametrize(
    ("siret", "problem"),
    [
        ("7328293200007", "il doit compter 14 chiffres"),
        ("73282932000075", "la clé de contrôle ne correspond pas"),
        ("7328293200007A", "seuls des chiffres sont permis"),
    ],
)
def test_an_invalid_siret_is_refused_with_what_is_wrong(
    store: Store, siret: str, problem: str
) -> None:
    with pytest.raises(StoreError, match=f"SIRET « {siret} » invalide : {problem}"):
        make_shop(store, siret=siret)


def test_a_siret_already_on_the_device_is_refused(store: Store, shop: Establishment) -> None:
    with pytest.raises(StoreError, match="existe déjà : « Boulangerie Martin »"):
        make_shop(store, name="Autre boulangerie")


def test_other_fields_are_checked_with_french_messages(store: Store) -> None:
    with pytest.raises(StoreError, match=r"établissement : « surface_m2 » : « -5 »"):
        make_shop(store, surface_m2=-5)
    with pytest.raises(StoreError, match="postcode"):
        make_shop(store, postcode="8440")


def test_an_update_changes_the_record_and_keeps_the_siret_rules(
    store: Store, shop: Establishment
) -> None:
    make_shop(store, siret=OTHER_SIRET, name="La Poste")
    updated = update_establishment(store, shop.id, {"staff": 4, "commune": "Apt"})
    assert (updated.staff, updated.rev > shop.rev) == (4, True)
    with pytest.raises(StoreError, match="existe déjà"):
        update_establishment(store, shop.id, {"siret": OTHER_SIRET})


def test_an_unknown_establishment_is_reported_in_french(store: Store) -> None:
    with pytest.raises(NotFoundError, match="établissement introuvable : « nope »"):
        get_establishment(store, "nope")
