"""Reference data: every id the shipped questionnaires use exists; loading errors; overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from audits.errors import Message
from audits.reference import Reference, ReferenceError, load_reference
from audits.reference_checks import missing_references
from tests.audits.plan.helpers import REFERENCE, catalog


def test_shipped_questionnaires_load_without_error():
    assert not catalog().errors
    assert {q.id for q in catalog().questionnaires} >= {
        "energie-commerce",
        "rse-dear",
        "label-artisanat",
    }


@pytest.mark.parametrize("ref", ["energie-commerce", "rse-dear", "label-artisanat"])
def test_every_obligation_funding_and_ref_key_exists(ref):
    assert missing_references(catalog().get(ref), load_reference(REFERENCE)) == []


def test_every_figure_has_a_source_and_a_date():
    reference = load_reference(REFERENCE)
    for key, value in reference.values.items():
        assert value.source and value.date, key
    for item in [*reference.obligations.values(), *reference.funding.values()]:
        assert item.source and item.date, item.id


def test_tremplin_ended_in_2025():
    tremplin = load_reference(REFERENCE).funding["ademe_tremplin"]
    assert tremplin.open_on(dt.date(2025, 12, 31))
    assert not tremplin.open_on(dt.date(2026, 1, 1))


def test_chamber_overrides_values_only(tmp_path):
    config = tmp_path / "cci.yaml"
    config.write_text(
        'chamber: "CCI du Var"\ndate: "2026-09-01"\nvalues:\n  prix_electricite: 0.23\n'
        '  prix_gaz: {value: 0.12, source: "Contrat groupé CCI", verified: true}\n',
        encoding="utf-8",
    )
    reference = load_reference(REFERENCE, config)
    assert reference.numbers["prix_electricite"] == 0.23
    assert reference.values["prix_electricite"].source == "Valeur fixée par CCI du Var"
    assert reference.values["prix_electricite"].date == "2026-09-01"
    assert reference.values["prix_gaz"].source == "Contrat groupé CCI"
    assert reference.obligations == load_reference(REFERENCE).obligations


def test_unknown_override_key_is_located_with_a_hint(tmp_path):
    config = tmp_path / "cci.yaml"
    config.write_text("values:\n  prix_electricte: 0.23\n", encoding="utf-8")
    with pytest.raises(ReferenceError) as error:
        load_reference(REFERENCE, config)
    (line,) = error.value.lines()
    assert line.endswith(
        "cci.yaml:2: values : donnée de référence inconnue « prix_electricte » "
        "(vouliez-vous dire « prix_electricite » ?)"
    )


def test_bad_funding_file_reports_every_problem_with_its_line(tmp_path):
    (tmp_path / "financements.yaml").write_text(
        "funding:\n"
        "  - id: a\n    title: A\n    organisme: X\n    eligibility: e\n    how_to_apply: h\n"
        "    start: '2026-13-01'\n"
        "  - id: a\n    title: B\n    organisme: X\n    eligibility: e\n    how_to_apply: h\n"
        "    start: '2026-01-01'\n    ende: null\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceError) as error:
        load_reference(tmp_path)
    lines = error.value.lines()
    assert any(":7: « funding.0.start »" in line for line in lines)
    assert any(":14: clé inconnue « ende »" in line for line in lines)


FUNDING_HEAD = "funding:\n  - id: a\n    title: A\n    organisme: X\n    eligibility: e\n"


def test_funding_condition_that_does_not_parse_is_located(tmp_path):
    (tmp_path / "financements.yaml").write_text(
        FUNDING_HEAD + "    applies_if: \"systeme_chauffage in ['fioul'\"\n"
        "    how_to_apply: h\n    start: '2026-01-01'\n"
        "  - id: b\n    title: B\n    organisme: X\n    eligibility: e\n"
        "    applies_if: 'value > 3'\n    how_to_apply: h\n    start: '2026-01-01'\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceError) as error:
        load_reference(tmp_path)
    first, second = error.value.lines()
    assert ":6: applies_if : " in first
    assert second.endswith(":13: " + Message.VALUE_OUTSIDE_CONSTRAINT.format(field="applies_if"))


def _with_condition(scheme_id: str, condition: str) -> Reference:
    reference = load_reference(REFERENCE)
    funding = dict(reference.funding)
    funding[scheme_id] = funding[scheme_id].model_copy(update={"applies_if": condition})
    return reference.model_copy(update={"funding": funding})


def test_funding_condition_names_are_checked_against_the_questionnaire_offering_it():
    reference = _with_condition(
        "coup_de_pouce_chauffage_tertiaire",
        "systeme_chaufage == 'chaudiere_fioul' or systeme_chauffage == 'chaudiere_charbon'",
    )
    missing = missing_references(catalog().get("energie-commerce"), reference)
    assert missing == [
        "financement coup_de_pouce_chauffage_tertiaire : applies_if : question inconnue "
        "« systeme_chaufage » (vouliez-vous dire « systeme_chauffage » ?)",
        "financement coup_de_pouce_chauffage_tertiaire : applies_if : « chaudiere_charbon » "
        "n'est pas un code de la question « systeme_chauffage » "
        "(vouliez-vous dire « chaudiere_propane » ?)",
    ]
    # the RSE audit does not offer this scheme: its questions are not the yardstick
    assert missing_references(catalog().get("rse-dear"), reference) == []
