"""XLSForm names and codes made valid identifiers, unique, and traceable."""

from __future__ import annotations

import pytest

from audits.questionnaire import IDENTIFIER_RE
from audits.xlsform.names import Registry, to_code, to_identifier


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Surface-Totale", "surface_totale"),
        ("Équipé ?", "equipe"),
        ("_1", "q_1"),
        ("2e_etage", "q_2e_etage"),
        ("FALSE", "q_false"),
        ("value", "q_value"),
        ("if", "q_if"),
        ("a__b", "a_b"),
        ("", "q"),
        ("x" * 80, "x" * 64),
    ],
)
def test_a_name_becomes_a_valid_identifier_that_does_not_read_as_a_keyword(name, expected):
    found = to_identifier(name)
    assert found == expected
    assert IDENTIFIER_RE.match(found)


def test_a_questionnaire_id_keeps_its_hyphens():
    assert to_identifier("Énergie-Commerce 2024", "questionnaire", hyphens=True) == (
        "energie-commerce_2024"
    )


def test_choice_codes_keep_their_case_and_lose_only_invalid_characters():
    assert to_code("Très bien") == "Tres_bien"
    assert to_code("R-410A.v2") == "R-410A.v2"


def test_a_registry_suffixes_collisions_and_maps_each_original_to_its_first_holder():
    registry = Registry()
    assert [registry.claim(n) for n in ("Surface", "surface", "SURFACE")] == [
        "surface",
        "surface_2",
        "surface_3",
    ]
    assert registry.by_original["surface"] == "surface_2"
