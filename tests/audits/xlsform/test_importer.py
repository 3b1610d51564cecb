"""Importing XLSForm workbooks: the real ones of ../shared/xlsforms and forms built here.

Every import is loaded by the questionnaire loader, exactly as ``questionnaires check`` does.
"""

from __future__ import annotations

import pytest

from audits.answers import answered
from audits.errors import Message
from audits.evaluation import evaluate
from audits.loader import load_text
from audits.questionnaire import Questionnaire, QuestionType
from audits.xlsform import XLSFormError, import_xlsform
from audits.xlsform.notices import Notice
from tests.audits.xlsform.forms import REAL_FORMS, SHARED_FORMS, needs_shared_forms, write_form


def imported(path, **options) -> tuple[Questionnaire, list[Notice]]:
    result = import_xlsform(path, **options)
    return load_text(result.yaml(), path.name), result.notices


def messages(notices: list[Notice]) -> list[str]:
    return [str(notice) for notice in notices]


def at(row: int, message: str, sheet: str = "survey") -> str:
    return Message.XLSFORM_AT_ROW.format(sheet=sheet, row=row, message=message)


@needs_shared_forms
@pytest.mark.parametrize("form", REAL_FORMS, ids=lambda path: path.name)
def test_every_real_workbook_imports_into_a_questionnaire_that_passes_the_check(form):
    questionnaire, _ = imported(form)
    assert questionnaire.questions()


@needs_shared_forms
def test_the_spec_form_reports_its_repeat_its_regex_its_media_and_its_metadata_by_row():
    questionnaire, notices = imported(SHARED_FORMS / "xlsform_spec_test.xlsx")
    found = messages(notices)
    repeat = Message.XLSFORM_REPEAT.format(name="repeat_test", first=15, last=29)
    assert at(15, repeat) in found
    regex = Message.XLSFORM_NOT_TRANSLATED.format(
        column="relevant",
        reason=Message.XPATH_FUNCTION.format(name="regex"),
        expression="regex(${address}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}')",
        consequence=Message.XLSFORM_THEN_VISIBLE.value,
    )
    assert at(7, regex) in found
    metadata = Message.XLSFORM_TYPE_METADATA.format(type="deviceid", name="deviceid")
    assert at(48, metadata) in found
    geopoint = Message.XLSFORM_TYPE_UNSUPPORTED.format(type="geopoint", name="geopoint_test")
    assert at(34, geopoint) in found
    assert any(
        m.startswith(at(9, "colonnes sans équivalent ignorées : media::image")) for m in found
    )
    assert questionnaire.question("a_decimal").constraint == "value <= a_integer"
    assert questionnaire.question("select_multiple_test").constraint == (
        "not (selected(value, 'yes') and selected(value, 'no'))"
    )
    assert questionnaire.section_of("my_name").visible_if == "not (skip_to_end == True)"


@needs_shared_forms
def test_the_biomass_form_keeps_its_groups_and_drops_calculations_it_cannot_compute():
    questionnaire, notices = imported(SHARED_FORMS / "UCL_Biomass_Plot_Form.xlsx")
    assert [section.id for section in questionnaire.sections][:3] == ["intro", "info", "location"]
    assert questionnaire.question("monumented").type is QuestionType.BOOL
    assert questionnaire.question("leader_name_other").visible_if == "leader_name == 'other'"
    assert not questionnaire.has_question("slope_radius")
    dropped = Message.XLSFORM_NOT_TRANSLATED.format(
        column="constraint",
        reason=Message.XPATH_NOT_IMPORTED.format(name="slope_radius"),
        expression=". < ${slope_radius}",
        consequence=Message.XLSFORM_THEN_UNCHECKED.value,
    )
    assert at(38, dropped) in messages(notices)
    note = questionnaire.question("note3").label
    assert note.startswith("Radius ya kupima ya plot kubwa ni « slope_radius » m.")
    missing = Message.XLSFORM_TEXT_REFERENCE.format(name="slope_radius")
    assert at(28, missing) in messages(notices)


@needs_shared_forms
def test_choice_filters_and_the_duplicate_codes_they_allow_are_reported():
    questionnaire, notices = imported(SHARED_FORMS / "choice_filter_test.xlsx")
    found = messages(notices)
    ignored = Message.XLSFORM_COLUMNS_IGNORED.format(columns="choice_filter=${state}=cf")
    assert at(3, ignored) in found
    duplicate = Message.XLSFORM_CODE_DUPLICATE.format(list="counties", code="king", first=4)
    assert at(6, duplicate, "choices") in found
    assert [choice.code for choice in questionnaire.question("county").choices or []] == [
        "king",
        "pierce",
        "cameron",
    ]


@needs_shared_forms
def test_or_other_adds_the_other_choice_and_a_text_question_shown_when_it_is_chosen():
    questionnaire, _ = imported(SHARED_FORMS / "or_other.xlsx")
    assert questionnaire.question("fav_color").choices[-1].code == "other"
    other = questionnaire.question("fav_color_other")
    assert (other.type, other.visible_if) == (QuestionType.TEXT, "selected(fav_color, 'other')")
    state = evaluate(questionnaire, {"fav_color": answered("other")})
    assert state.is_visible("fav_color_other")


MULTILINGUAL_SURVEY = [
    (
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "hint::English (en)",
        "hint::French (fr)",
        "constraint",
        "constraint_message::English (en)",
        "constraint_message::French (fr)",
    ),
    (
        "integer",
        "surface",
        "Floor area",
        "Surface",
        "In m²",
        "En m²",
        ". > 0",
        "Positive",
        "Positive !",
    ),
    ("select_one energy", "energie", "Energy", "Énergie", None, None, None, None, None),
    ("note", "rappel", "Area: ${surface}", "Surface : ${surface}", None, None, None, None, None),
]
MULTILINGUAL_CHOICES = [
    ("list_name", "name", "label::English (en)", "label::French (fr)"),
    ("energy", "elec", "Electricity", "Électricité"),
    ("energy", "gas", "Gas", "Gaz"),
]


def test_a_multilingual_form_takes_its_french_labels_hints_messages_and_choices(tmp_path):
    path = write_form(tmp_path / "bilingue.xlsx", MULTILINGUAL_SURVEY, MULTILINGUAL_CHOICES)
    questionnaire, notices = imported(path)
    surface = questionnaire.question("surface")
    assert (surface.label, surface.help, surface.constraint_message) == (
        "Surface",
        "En m²",
        "Positive !",
    )
    assert [c.label for c in questionnaire.question("energie").choices or []] == [
        "Électricité",
        "Gaz",
    ]
    assert questionnaire.question("rappel").label == "Surface : {surface}"
    language = Message.XLSFORM_LANGUAGE.format(
        language="French (fr)", languages="English (en), French (fr)"
    )
    assert Notice(language, lost=False) in notices


def test_a_language_asked_for_wins_over_french(tmp_path):
    path = write_form(tmp_path / "bilingue.xlsx", MULTILINGUAL_SURVEY, MULTILINGUAL_CHOICES)
    questionnaire, _ = imported(path, language="English (en)")
    assert questionnaire.question("surface").label == "Floor area"


def test_without_french_the_default_language_of_the_settings_is_used(tmp_path):
    survey = [
        ("type", "name", "label::English", "label::Deutsch"),
        ("text", "nom", "Name", "Der Name"),
    ]
    path = write_form(tmp_path / "de.xlsx", survey, settings={"default_language": "Deutsch"})
    questionnaire, _ = imported(path)
    assert questionnaire.question("nom").label == "Der Name"


def test_a_form_with_5000_choices_keeps_them_all_and_its_condition_on_one(tmp_path):
    from tests.audits.xlsform.forms import many_choices_form

    questionnaire, notices = imported(many_choices_form(tmp_path / "communes.xlsx"))
    assert len(questionnaire.question("commune").choices or []) == 5000
    assert questionnaire.question("habitants").visible_if == "commune == 'c04999'"
    assert not [notice for notice in notices if notice.lost]


def test_names_become_valid_identifiers_and_references_follow_them(tmp_path):
    survey = [
        ("type", "name", "label", "relevant"),
        ("decimal", "Surface-Totale", "Surface", None),
        ("text", "2e_etage", "Étage", "${Surface-Totale} > 100"),
        ("text", "FALSE", "Nom réservé", "${2e_etage} != ''"),
        ("text", "surface_totale", "Doublon après renommage", None),
    ]
    questionnaire, notices = imported(write_form(tmp_path / "noms.xlsx", survey))
    ids = [question.id for question in questionnaire.questions()]
    assert ids == ["surface_totale", "q_2e_etage", "q_false", "surface_totale_2"]
    assert questionnaire.question("q_2e_etage").visible_if == "surface_totale > 100"
    assert questionnaire.question("q_false").visible_if == "answered(q_2e_etage)"
    renamed = Message.XLSFORM_RENAMED.format(name="Surface-Totale", id="surface_totale")
    assert Notice(renamed, 2, lost=False) in notices


def test_choice_codes_that_yaml_would_misread_stay_codes(tmp_path):
    survey = [("type", "name", "label"), ("select_one codes", "code", "Code")]
    codes = ["yes", "no", "on", "1", "1.0", "007", "null", "1e3", "true", "2022-01-01"]
    choices = [("list_name", "name", "label")] + [("codes", code, f"Code {code}") for code in codes]
    result = import_xlsform(write_form(tmp_path / "codes.xlsx", survey, choices))
    assert "- code: 'yes'" in result.yaml()
    questionnaire = load_text(result.yaml(), "codes.yaml")
    assert [choice.code for choice in questionnaire.question("code").choices or []] == codes


def test_nested_groups_become_flat_sections_under_all_their_conditions(tmp_path):
    survey = [
        ("type", "name", "label", "relevant"),
        ("select_one yes_no", "chauffe", "Local chauffé ?", None),
        ("begin group", "batiment", "Bâtiment", "${chauffe} = 'yes'"),
        ("integer", "surface", "Surface", None),
        ("begin group", "chauffage", "Chauffage", "${surface} > 50"),
        ("integer", "consigne", "Consigne", None),
        ("end group", None, None, None),
        ("integer", "etages", "Étages", None),
        ("end group", None, None, None),
    ]
    choices = [("list_name", "name", "label"), ("yes_no", "yes", "Oui"), ("yes_no", "no", "Non")]
    questionnaire, _ = imported(write_form(tmp_path / "groupes.xlsx", survey, choices))
    assert [(s.id, s.title, s.visible_if) for s in questionnaire.sections] == [
        ("general", Message.XLSFORM_GENERAL_SECTION.value, None),
        ("batiment", "Bâtiment", "chauffe == True"),
        ("chauffage", "Bâtiment › Chauffage", "chauffe == True and surface > 50"),
        ("batiment_2", "Bâtiment", "chauffe == True"),
    ]
    answers = {"chauffe": answered(True), "surface": answered(80)}
    assert evaluate(questionnaire, answers).is_visible("consigne")
    answers["surface"] = answered(30)
    assert not evaluate(questionnaire, answers).is_visible("consigne")


LOGIC_SURVEY = [
    ("type", "name", "label", "relevant", "required", "constraint", "calculation", "parameters"),
    ("integer", "effectif", "Effectif", None, "yes", ". >= 0 and . <= 500", None, None),
    ("decimal", "surface", "Surface", None, "${effectif} > 0", ". > 0", None, None),
    ("select_multiple energy", "energies", "Énergies", None, None, None, None, None),
    ("calculate", "densite", None, None, None, None, "round(${surface} div ${effectif}, 1)", None),
    ("calculate", "grand", None, None, None, None, "${surface} > 400", None),
    (
        "text",
        "detail",
        "Détail",
        "${grand} = 'true' and selected(${energies}, 'gaz')",
        None,
        None,
        None,
        None,
    ),
    ("range", "note", "Note", None, None, None, None, "start=0 end=10 step=1"),
    ("image", "visa", "Visa", None, None, None, None, None),
]
LOGIC_CHOICES = [
    ("list_name", "name", "label"),
    ("energy", "gaz", "Gaz"),
    ("energy", "elec", "Électricité"),
]


def test_logic_columns_become_conditions_bounds_and_formulas_that_evaluate_as_in_the_form(tmp_path):
    questionnaire, _ = imported(write_form(tmp_path / "logique.xlsx", LOGIC_SURVEY, LOGIC_CHOICES))
    effectif = questionnaire.question("effectif")
    assert (effectif.required, effectif.min, effectif.max, effectif.constraint) == (
        True,
        0,
        500,
        None,
    )
    assert questionnaire.question("surface").required_if == "effectif > 0"
    note = questionnaire.question("note")
    assert (note.type, note.min, note.max) == (QuestionType.INT, 0, 10)
    answers = {
        "effectif": answered(4),
        "surface": answered(500.0),
        "energies": answered(["gaz"]),
    }
    state = evaluate(questionnaire, answers)
    assert state.values["densite"] == 125.0
    assert state.values["grand"] is True
    assert state.is_visible("detail")
    answers["surface"] = answered(300.0)
    state = evaluate(questionnaire, answers)
    assert (state.values["grand"], state.is_visible("detail")) == (False, False)


def test_an_image_with_the_signature_appearance_becomes_a_signature(tmp_path):
    survey = [("type", "name", "label", "appearance"), ("image", "visa", "Visa", "signature")]
    questionnaire, notices = imported(write_form(tmp_path / "visa.xlsx", survey))
    assert questionnaire.question("visa").type is QuestionType.SIGNATURE
    assert not notices


def test_a_calculation_naming_a_dropped_calculation_is_dropped_in_turn_and_both_reported(tmp_path):
    survey = [
        ("type", "name", "label", "calculation"),
        ("integer", "annee", "Année", None),
        ("calculate", "age", None, "format-date(today(), '%Y') - ${annee}"),
        ("calculate", "ancien", None, "${age} > 10"),
    ]
    questionnaire, notices = imported(write_form(tmp_path / "calculs.xlsx", survey))
    assert [question.id for question in questionnaire.questions()] == ["annee"]
    second = Message.XLSFORM_NOT_TRANSLATED.format(
        column="calculation",
        reason=Message.XPATH_NOT_IMPORTED.format(name="age"),
        expression="${age} > 10",
        consequence=Message.XLSFORM_THEN_NOT_COMPUTED.value,
    )
    assert Notice(second, 4) in notices
    assert any(n.row == 3 and "format-date" in n.message for n in notices)


def test_a_workbook_that_is_not_an_xlsform_raises_one_french_error(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("pas un classeur", encoding="utf-8")
    with pytest.raises(XLSFormError) as error:
        import_xlsform(path)
    assert str(error.value) == Message.XLSFORM_NOT_A_WORKBOOK.value


def test_a_workbook_pyxform_refuses_is_reported_with_pyxform_s_reason(tmp_path):
    path = write_form(
        tmp_path / "doublon.xlsx", [("type", "name", "label", "label"), ("text", "a", "A", "B")]
    )
    with pytest.raises(XLSFormError) as error:
        import_xlsform(path)
    assert str(error.value) == Message.XLSFORM_UNREADABLE.format(
        problem="Duplicate column header: label"
    )
