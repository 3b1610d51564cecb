"""``diagterrain questionnaires import-xlsform|export-xlsform``: output, files, exit codes."""

from __future__ import annotations

import shutil

import pytest
from pyxform.xls2xform import convert

from app import config
from app.cli import main
from audits.errors import Message
from audits.loader import load_questionnaire
from audits.xlsform import import_xlsform
from audits.xlsform.notices import summary
from tests.audits.xlsform.forms import SHARED_FORMS, needs_shared_forms, write_form
from tests.audits.xlsform.samples import QUESTIONNAIRE


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A questionnaires folder holding the export test questionnaire, no reference data."""
    questionnaires = tmp_path / "questionnaires"
    questionnaires.mkdir()
    (questionnaires / "export-essai.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    monkeypatch.setattr(config, "QUESTIONNAIRES_DIR", questionnaires)
    monkeypatch.setattr(config, "REFERENCE_DIR", questionnaires / "reference")
    monkeypatch.chdir(tmp_path)
    return questionnaires


def run(capsys, *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


@needs_shared_forms
def test_import_writes_the_questionnaire_lists_each_loss_by_row_and_exits_0(capsys, folder):
    form = folder.parent / "spec.xlsx"
    shutil.copy(SHARED_FORMS / "xlsform_spec_test.xlsx", form)
    code, out, err = run(capsys, "questionnaires", "import-xlsform", str(form), "-o", "spec.yaml")
    assert (code, err) == (0, [])
    repeat = Message.XLSFORM_REPEAT.format(name="repeat_test", first=15, last=29)
    assert Message.XLSFORM_AT_ROW.format(sheet="survey", row=15, message=repeat) in out
    questionnaire = load_questionnaire(folder.parent / "spec.yaml")
    questions = [q for q in questionnaire.questions() if q.takes_answer]
    written = Message.XLSFORM_IMPORTED.format(
        path="spec.yaml", sections=len(questionnaire.sections), questions=len(questions)
    )
    assert out[-1] == written
    assert out[-2] == summary(import_xlsform(form).notices)


def test_import_of_a_form_with_a_visibility_cycle_writes_the_file_but_exits_1(capsys, folder):
    survey = [
        ("type", "name", "label", "relevant"),
        ("integer", "a", "A", "${b} > 1"),
        ("integer", "b", "B", "${a} > 1"),
    ]
    form = write_form(folder.parent / "cycle.xlsx", survey)
    code, _, err = run(capsys, "questionnaires", "import-xlsform", str(form), "-o", "cycle.yaml")
    assert code == 1
    assert (folder.parent / "cycle.yaml").exists()
    assert err and all(line.startswith("cycle.yaml:") for line in err)
    assert "Traceback" not in "\n".join(err)


def test_import_never_overwrites_a_file_unless_forced(capsys, folder):
    survey = [("type", "name", "label"), ("text", "nom", "Nom")]
    form = write_form(folder.parent / "simple.xlsx", survey)
    (folder.parent / "simple.yaml").write_text("déjà là", encoding="utf-8")
    argv = ("questionnaires", "import-xlsform", str(form), "-o", "simple.yaml")
    code, _, err = run(capsys, *argv)
    exists = Message.XLSFORM_OUTPUT_EXISTS.format(path="simple.yaml")
    assert (code, err) == (1, [f"diagterrain : {exists}"])
    assert run(capsys, *argv, "--force")[0] == 0
    assert load_questionnaire(folder.parent / "simple.yaml").question("nom").label == "Nom"


def test_import_takes_the_language_and_kind_asked_for(capsys, folder):
    survey = [
        ("type", "name", "label::English (en)", "label::French (fr)"),
        ("text", "nom", "Name", "Nom"),
    ]
    form = write_form(folder.parent / "bilingue.xlsx", survey)
    argv = ("questionnaires", "import-xlsform", str(form), "-o", "b.yaml")
    assert run(capsys, *argv, "--langue", "English (en)", "--kind", "rse")[0] == 0
    questionnaire = load_questionnaire(folder.parent / "b.yaml")
    assert (questionnaire.question("nom").label, questionnaire.kind.value) == ("Name", "rse")


def test_import_of_a_file_that_is_not_a_workbook_is_one_french_line_and_exit_1(capsys, folder):
    (folder.parent / "faux.xlsx").write_text("pas un classeur", encoding="utf-8")
    code, out, err = run(capsys, "questionnaires", "import-xlsform", "faux.xlsx", "-o", "f.yaml")
    assert (code, out, err) == (1, [], [f"diagterrain : {Message.XLSFORM_NOT_A_WORKBOOK.value}"])


def test_export_writes_a_workbook_pyxform_accepts_and_lists_what_it_left_out(capsys, folder):
    code, out, err = run(capsys, "questionnaires", "export-xlsform", "export-essai", "-o", "f.xlsx")
    assert (code, err) == (0, [])
    convert((folder.parent / "f.xlsx").read_bytes(), warnings=[], file_type=".xlsx")
    actions = Message.XLSFORM_PART_ACTIONS.format(count=1)
    assert Message.XLSFORM_EXPORT_DROPPED.format(what=actions) in out
    written = Message.XLSFORM_EXPORTED.format(path="f.xlsx", sections=3, questions=16)
    assert out[-1] == written


def test_export_also_takes_a_yaml_file(capsys, folder):
    source = folder / "export-essai.yaml"
    code, _, _ = run(capsys, "questionnaires", "export-xlsform", str(source), "-o", "f.xlsx")
    assert code == 0


def test_export_of_an_unknown_questionnaire_is_one_french_line_and_exit_1(capsys, folder):
    code, out, err = run(capsys, "questionnaires", "export-xlsform", "inconnu", "-o", "f.xlsx")
    assert (code, out) == (1, [])
    assert len(err) == 1 and err[0].startswith("diagterrain : questionnaire introuvable")
    assert not (folder.parent / "f.xlsx").exists()
