"""``diagterrain questionnaires check|show``: summaries, file:line errors, exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from app import config
from app.cli import main
from audits.errors import Message, QuestionnaireError
from audits.loader import display_name, load_questionnaire
from tests.audits.test_loader import CORPUS
from tests.conftest import INVALID, VALID

SHIPPED = ("energie-commerce", "rse-dear", "label-artisanat")
ENGINE_SUMMARY = "moteur@2 « Questionnaire du moteur » : 3 sections, 17 questions, 0 actions"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A questionnaires folder holding the valid fixtures, with no reference values."""
    for path in VALID.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(config, "QUESTIONNAIRES_DIR", tmp_path)
    monkeypatch.setattr(config, "REFERENCE_DIR", tmp_path / "reference")
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


@pytest.mark.parametrize("name", CORPUS)
def test_check_on_a_broken_file_exits_1_and_prints_only_file_line_messages(capsys, folder, name):
    path = INVALID / f"{name}.yaml"
    code, out, err = run(capsys, "questionnaires", "check", str(path))
    assert code == 1
    assert out == []
    *problems, summary = err
    assert summary == "1 fichier(s) en erreur sur 1"
    assert problems
    prefix = re.compile(rf"^{re.escape(display_name(path))}:\d+: \S")
    assert all(prefix.match(line) for line in problems), problems
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert problems == caught.value.lines()


def test_check_on_a_valid_file_prints_its_summary_and_exits_0(capsys, folder):
    path = VALID / "engine.yaml"
    code, out, err = run(capsys, "questionnaires", "check", str(path))
    assert code == 0
    assert out == [f"{display_name(path)} : {ENGINE_SUMMARY} — OK"]
    assert err == []


def test_check_reports_every_broken_file_and_still_summarises_the_good_ones(capsys, folder):
    paths = [VALID / "engine.yaml", INVALID / "unknown_key.yaml", INVALID / "visibility_cycle.yaml"]
    code, out, err = run(capsys, "questionnaires", "check", *map(str, paths))
    assert code == 1
    assert out == [f"{display_name(paths[0])} : {ENGINE_SUMMARY} — OK"]
    assert err[-1] == "2 fichier(s) en erreur sur 3"
    assert [line.split(":")[0] for line in err[:-1]] == [
        display_name(paths[1]),
        display_name(paths[2]),
    ]


def test_check_without_paths_checks_every_questionnaire_of_the_folder(capsys, folder):
    code, out, err = run(capsys, "questionnaires", "check")
    assert code == 0
    assert err == []
    assert len(out) == len(list(VALID.glob("*.yaml")))
    assert all(line.endswith("— OK") for line in out)


def test_check_verifies_ref_keys_against_the_folder_reference_values(capsys, folder):
    (folder / "reference").mkdir()
    (folder / "reference" / "valeurs.yaml").write_text(
        "values:\n  prix_electricite_ttc: {value: 0.25}\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "questionnaires", "check", str(folder / "engine.yaml"))
    assert code == 1
    assert err[0].endswith(
        Message.UNKNOWN_REFERENCE.format(
            field="formula",
            key="prix_electricite",
            hint=" (vouliez-vous dire « prix_electricite_ttc » ?)",
        )
    )


def test_check_on_a_missing_file_says_so_in_one_line(capsys, folder, tmp_path):
    code, out, err = run(capsys, "questionnaires", "check", str(tmp_path / "absent.yaml"))
    assert (code, out) == (1, [])
    unreadable = Message.FILE_UNREADABLE.format(problem="fichier introuvable")
    assert err == [f"{tmp_path / 'absent.yaml'}: {unreadable}", "1 fichier(s) en erreur sur 1"]


def test_the_console_script_prints_no_traceback_on_a_broken_file():
    path = INVALID / "several_problems.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "questionnaires", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(CORPUS["several_problems"]) + 1
    assert all(re.match(r"^\S+several_problems\.yaml:\d+: ", line) for line in lines[:-1])


@pytest.mark.parametrize("name", SHIPPED)
def test_the_shipped_questionnaires_pass_check(capsys, name):
    path = config.PROJECT_ROOT / "questionnaires" / f"{name}.yaml"
    code, out, err = run(capsys, "questionnaires", "check", str(path))
    assert (code, err) == (0, [])
    assert out[0].endswith("— OK")


def test_show_prints_sections_questions_and_expressions(capsys, folder):
    code, out, err = run(capsys, "questionnaires", "show", "moteur")
    assert code == 0
    assert err == []
    assert out[0] == ENGINE_SUMMARY
    text = "\n".join(out)
    assert (
        "equipements — Équipements frigorifiques (6 questions)  [si activite == 'boulangerie']"
        in (text)
    )
    assert re.search(r"^  nb_vitrines +int +Nombre de vitrines$", text, re.M)
    assert re.search(r"^ +visible si : a_vitrine$", text, re.M)
    assert re.search(r"^ +obligatoire si : activite == 'bureau'$", text, re.M)
    assert re.search(r"^ +contrainte : value <= surface$", text, re.M)
    assert re.search(r"^ +formule : count\(portes\)$", text, re.M)


def test_show_accepts_id_at_version(capsys, folder):
    code, out, _ = run(capsys, "questionnaires", "show", "moteur@2")
    assert code == 0
    assert out[0] == ENGINE_SUMMARY


@pytest.mark.parametrize(
    ("ref", "hint"),
    [
        ("moteure", " (vouliez-vous dire « moteur » ?)"),
        ("moteur@3", " (vouliez-vous dire « moteur » ?)"),
        ("zzz", ""),
    ],
)
def test_show_of_an_unknown_questionnaire_is_a_one_line_error(capsys, folder, ref, hint):
    code, out, err = run(capsys, "questionnaires", "show", ref)
    assert code == 1
    assert out == []
    assert err == [f"diagterrain : {Message.QUESTIONNAIRE_NOT_FOUND.format(ref=ref, hint=hint)}"]


@pytest.mark.parametrize(
    "argv",
    [
        ["questionnaires", "--help"],
        ["questionnaires", "check", "--help"],
        ["questionnaires", "show", "--help"],
    ],
)
def test_every_subcommand_answers_help_in_french(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("usage : diagterrain questionnaires")


def test_a_usage_mistake_is_one_french_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["questionnaires", "verifier"])
    assert caught.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert "choix invalide" in err[0]


def test_check_reports_obligations_and_funding_missing_from_the_reference_data(capsys, folder):
    reference = folder / "reference"
    reference.mkdir()
    (reference / "valeurs.yaml").write_text(
        "values:\n  prix_electricite: {value: 0.2}\n", encoding="utf-8"
    )
    (reference / "obligations.yaml").write_text("obligations: []\n", encoding="utf-8")
    (reference / "financements.yaml").write_text("funding: []\n", encoding="utf-8")
    questionnaire = folder / "avec_action.yaml"
    questionnaire.write_text(
        "id: avec-action\nversion: 1\ntitle: T\nkind: energy\n"
        "sections:\n  - id: s\n    title: S\n    questions:\n"
        "      - {id: porte, type: bool, label: Porte ouverte ?}\n"
        "actions:\n  - id: fermer\n    title: Fermer la porte\n    trigger: porte\n"
        "    obligation: portes_fermees\n    funding: [cee_bat_eq_124]\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "questionnaires", "check", str(questionnaire))
    assert code == 1
    assert out == []
    name = display_name(questionnaire)
    assert err[:2] == [
        f"{name}: action fermer : obligation inconnue « portes_fermees »",
        f"{name}: action fermer : financement inconnu « cee_bat_eq_124 »",
    ]
