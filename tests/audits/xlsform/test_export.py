"""Exporting our questionnaires to XLSForm: accepted by pyxform, and a round trip
ours -> XLSForm -> ours keeps the structure and the logic."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from audits.catalog import load_catalog
from audits.errors import Message
from audits.loader import load_text
from audits.questionnaire import Questionnaire
from audits.reference import load_values
from audits.xlsform import import_xlsform
from audits.xlsform.export import export_xlsform
from audits.xlsform.notices import Notice
from tests.audits.xlsform.forms import REAL_FORMS, needs_shared_forms
from tests.audits.xlsform.samples import HAND_WRITTEN, QUESTIONNAIRE, behaviour, random_answers

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "questionnaires"


@pytest.fixture(scope="module")
def ours() -> Questionnaire:
    return load_text(QUESTIONNAIRE, "export-essai.yaml")


def round_trip(questionnaire: Questionnaire, folder: Path, reference=None) -> Questionnaire:
    path = folder / f"{questionnaire.id}.xlsx"
    export_xlsform(questionnaire, reference).save(path)
    return load_text(import_xlsform(path).yaml(), path.name)


def structure(questionnaire: Questionnaire) -> list[tuple]:
    return [
        (
            section.id,
            section.title,
            section.help,
            [
                (
                    question.id,
                    question.type,
                    question.label,
                    question.help,
                    [(c.code, c.label) for c in question.choices or []],
                    (question.unit, question.min, question.max, question.required),
                )
                for question in section.questions
            ],
        )
        for section in questionnaire.sections
    ]


def test_pyxform_converts_the_exported_workbook_to_an_xform(ours):
    result = convert(export_xlsform(ours).to_bytes(), warnings=[], file_type=".xlsx")
    assert '<translation lang="French (fr)" default="true()">' in result.xform
    assert 'relevant=" /data/chauffage/surface  &gt; 0' not in result.xform
    assert "<h:title>Questionnaire d'essai de l'export</h:title>" in result.xform


def test_a_round_trip_keeps_sections_question_ids_types_texts_choices_and_bounds(ours, tmp_path):
    back = round_trip(ours, tmp_path)
    assert (back.version, back.title) == (ours.version, ours.title)
    assert structure(back) == structure(ours)


def test_a_round_trip_keeps_the_logic_on_hand_written_answers(ours, tmp_path):
    back = round_trip(ours, tmp_path)
    for answers in HAND_WRITTEN:
        assert behaviour(back, answers) == behaviour(ours, answers)


def test_a_round_trip_keeps_the_logic_on_a_thousand_random_answer_sets(ours, tmp_path):
    back = round_trip(ours, tmp_path)
    for seed in range(1000):
        answers = random_answers(ours, seed)
        assert behaviour(back, answers) == behaviour(ours, answers), seed


def test_the_hand_written_answers_exercise_what_they_are_meant_to(ours):
    visible, values, refused, missing = behaviour(ours, HAND_WRITTEN[2])
    assert refused == ["effectif"]
    assert visible["consigne"] and not visible["remarque"]
    assert values["heures"] == 11.5
    assert missing == ["consigne"]
    visible, values, refused, missing = behaviour(ours, HAND_WRITTEN[3])
    assert refused == ["energies"]
    assert (values["alimentaire"], visible["autre_activite"]) == (False, True)


def test_the_workbook_writes_expressions_as_xlsform_authors_do(ours):
    sheet = export_xlsform(ours).workbook["survey"]
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True)}
    header = next(sheet.iter_rows(values_only=True))

    def cell(name: str, column: str) -> str:
        return rows[name][header.index(column)]

    assert cell("chauffage", "relevant") == "${surface} > 0 or ${activite} = '2022'"
    assert cell("consigne", "relevant") == (
        "selected(${energies}, 'gaz') or selected(${energies}, 'fioul')"
    )
    assert cell("effectif", "constraint") == ". >= 1 and (. <= 1000 and . != 13)"
    assert cell("ouvert_dimanche", "type") == "select_one oui_non"
    assert cell("visa", "appearance") == "signature"
    assert cell("heures", "calculation") == "max(0, 20 - decimal-time(${ouverture}) * 24)"
    assert cell("rappel", "label::French (fr)") == "Surface : ${surface} m², ${effectif} personnes"
    assert (
        cell("remarque", "relevant")
        == "${alimentaire} = 'true' and not(${ouvert_dimanche} = 'oui')"
    )


def test_what_xlsform_cannot_hold_is_reported_not_silently_dropped(ours):
    notices = export_xlsform(ours).notices
    for part in (
        Message.XLSFORM_PART_ACTIONS.format(count=1),
        Message.XLSFORM_PART_SCORING.value,
        Message.XLSFORM_PART_SOURCES.format(count=1),
    ):
        assert Notice(Message.XLSFORM_EXPORT_DROPPED.format(what=part)) in notices


def test_a_reference_value_is_written_as_its_number_or_reported_when_unknown():
    text = QUESTIONNAIRE.replace(
        'formula: "max(0, 20 - hours(ouverture))"', "formula: \"surface * ref('prix')\""
    )
    questionnaire = load_text(text, "ref.yaml")
    row = 14  # « heures » in the survey sheet: header, group, 6 questions, end, group, 3 more
    inlined = export_xlsform(questionnaire, {"prix": 0.2})
    assert Notice(Message.XLSFORM_REF_INLINED.format(question="heures"), row, lost=False) in (
        inlined.notices
    )
    unknown = export_xlsform(questionnaire)
    reason = Message.EXPORT_FUNCTION.format(name="ref")
    message = Message.XLSFORM_EXPORT_EXPRESSION.format(
        question="heures", field="formula", reason=reason, expression="surface * ref('prix')"
    )
    assert Notice(message, row) in unknown.notices


def test_a_section_named_like_a_question_becomes_a_group_of_another_name(tmp_path):
    text = QUESTIONNAIRE.replace("  - id: fin\n", "  - id: remarque\n")
    questionnaire = load_text(text, "homonyme.yaml")
    result = export_xlsform(questionnaire)
    renamed = Message.XLSFORM_EXPORT_GROUP_RENAMED.format(id="remarque", name="remarque_section")
    assert Notice(renamed, 19, lost=False) in result.notices


@pytest.mark.parametrize("name", ["energie-commerce", "rse-dear", "label-artisanat"])
def test_every_shipped_questionnaire_exports_and_comes_back_with_the_same_logic(name, tmp_path):
    catalog = load_catalog(SHIPPED)
    matching = [q for q in catalog.questionnaires if q.id == name]
    if not matching:
        pytest.skip(f"questionnaire {name} absent ou invalide dans {SHIPPED}")
    reference = load_values(SHIPPED / "reference")
    questionnaire = matching[0]
    back = round_trip(questionnaire, tmp_path, reference)
    assert structure(back) == structure(questionnaire)
    values = {key: item.value for key, item in (reference or {}).items()}
    for seed in range(100):
        answers = random_answers(questionnaire, seed)
        assert behaviour(back, answers, values) == behaviour(questionnaire, answers, values)


@needs_shared_forms
@pytest.mark.parametrize("form", REAL_FORMS, ids=lambda path: path.name)
def test_every_real_workbook_once_imported_exports_back_to_a_form_pyxform_accepts(form, tmp_path):
    imported = load_text(import_xlsform(form).yaml(), form.name)
    back = round_trip(imported, tmp_path)
    assert structure(back) == structure(imported)
