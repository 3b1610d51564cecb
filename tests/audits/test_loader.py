"""The loader on a corpus of broken questionnaires: every problem at its line, in French.

Each file of tests/fixtures/questionnaires/invalid/ holds one family of mistake (its first line
says which); CORPUS below declares, per file, every (line, message) the loader must report, the
messages built from the catalogue of audits/errors.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audits.errors import Message, QuestionnaireError
from audits.loader import display_name, load_questionnaire, load_text
from audits.questionnaire import Questionnaire
from tests.conftest import INVALID, VALID

M = Message
ALL_TYPES = (
    "'bool', 'choice', 'multi', 'int', 'number', 'text', 'date', 'time', 'photo', 'signature', "
    "'computed' ou 'note'"
)
FUNCTIONS = "answered, count, selected, ref, min, max, round, abs, hours, default"
BAD_IDENTIFIER = (
    "n'est pas un identifiant valide : minuscules sans accent, chiffres et _, "
    "en commençant par une lettre"
)


def syntax(problem: str) -> str:
    return M.YAML_SYNTAX.format(problem=problem)


def invalid(field: str, problem: str) -> str:
    return M.INVALID_VALUE.format(field=field, problem=problem)


def expression(field: str, problem: str) -> str:
    return M.BAD_EXPRESSION.format(field=field, problem=problem)


def suggest(name: str) -> str:
    return f" (vouliez-vous dire « {name} » ?)"


CORPUS: dict[str, list[tuple[int, str]]] = {
    "yaml_syntax_error": [
        (12, syntax("« : » inattendu (une valeur qui contient « : » s'écrit entre guillemets)")),
    ],
    "tab_indentation": [
        (12, syntax("tabulation dans l'indentation : indentez avec des espaces")),
    ],
    "unclosed_bracket": [
        (13, syntax("liste [ … ] mal fermée : « , » ou « ] » attendu")),
    ],
    "duplicate_key": [
        (14, M.DUPLICATE_KEY.format(key="unit", first_line=13)),
    ],
    "unknown_key": [
        (13, M.UNKNOWN_KEY.format(key="unite", hint=suggest("unit"))),
    ],
    "missing_key": [
        (10, M.MISSING_KEY.format(key="label")),
    ],
    "invalid_kind": [
        (
            5,
            invalid(
                "kind",
                "« energie » n'est pas permis (valeurs possibles : "
                "'energy', 'rse', 'label' ou 'other')",
            ),
        ),
    ],
    "invalid_type": [
        (
            11,
            invalid(
                "sections.0.questions.0.type",
                f"« booleen » n'est pas permis (valeurs possibles : {ALL_TYPES})",
            ),
        ),
    ],
    "bad_id_pattern": [
        (10, invalid("sections.0.questions.0.id", f"« Surface-m2 » {BAD_IDENTIFIER}")),
    ],
    "empty_id": [
        (10, invalid("sections.0.questions.0.id", "un champ vide n'est pas un texte")),
    ],
    "version_not_integer": [
        (3, invalid("version", "« 1.2 » n'est pas un nombre entier")),
    ],
    "empty_questions": [
        (9, invalid("sections.0.questions", "ne doit pas être vide")),
    ],
    "duplicate_question_id": [
        (16, M.DUPLICATE_ID.format(id="surface", first_line=10, what="question")),
    ],
    "boolean_choice_code": [
        (14, M.BOOLEAN_CODE.format(value="true")),
    ],
    "unknown_question_in_visible_if": [
        (
            16,
            M.UNKNOWN_QUESTION.format(field="visible_if", name="surfase", hint=suggest("surface")),
        ),
    ],
    "unknown_choice_code": [
        (
            19,
            M.UNKNOWN_CODE.format(
                field="visible_if",
                code="boulangrie",
                question="activite",
                hint=suggest("boulangerie"),
            ),
        ),
    ],
    "visibility_cycle": [
        (10, M.CYCLE.format(cycle="chauffage → climatisation → chauffage")),
    ],
    "self_reference": [
        (10, M.CYCLE.format(cycle="chauffage → chauffage")),
    ],
    "value_outside_constraint": [
        (13, M.VALUE_OUTSIDE_CONSTRAINT.format(field="visible_if")),
    ],
    "attribute_access": [
        (16, expression("formula", "accès à un attribut (« . ») interdit (colonne 1)")),
    ],
    "lambda_expression": [
        (13, expression("constraint", "lambda interdit (colonne 1)")),
    ],
    "unknown_function": [
        (
            16,
            expression(
                "formula", f"fonction inconnue « __import__ » (fonctions : {FUNCTIONS}) (colonne 1)"
            ),
        ),
    ],
    "power_operator": [
        (16, expression("formula", "opérateur « ** » non autorisé (colonne 1)")),
    ],
    "expression_syntax_error": [
        (
            16,
            expression(
                "visible_if",
                "syntaxe invalide : vérifiez les opérateurs, les guillemets et les parenthèses",
            ),
        ),
    ],
    "choice_without_choices": [
        (10, M.CHOICES_MISSING.format(question="activite", type="choice")),
    ],
    "choices_on_bool": [
        (10, M.CHOICES_UNEXPECTED.format(question="led", type="bool")),
    ],
    "duplicate_choice_code": [
        (10, M.DUPLICATE_CODE.format(code="boulangerie", question="activite")),
    ],
    "formula_on_non_computed": [
        (13, M.FORMULA_UNEXPECTED.format(question="surface")),
    ],
    "computed_without_formula": [
        (10, M.FORMULA_MISSING.format(question="surface")),
    ],
    "min_greater_than_max": [
        (10, M.BOUNDS_INVERTED.format(min=25.5, max=16.5, question="temperature")),
    ],
    "bounds_on_text": [
        (10, M.BOUNDS_UNEXPECTED.format(question="enseigne")),
    ],
    "score_mismatch": [
        (10, M.SCORE_MISMATCH.format(score="oui/non", type="number")),
    ],
    "score_not_a_mapping": [
        (13, invalid("sections.0.questions.0.score", "« 3 » n'est pas une table de clés")),
    ],
    "unknown_theme": [
        (12, M.UNKNOWN_THEME.format(theme="eclairag", hint=suggest("eclairage"))),
    ],
    "unknown_source": [
        (16, M.UNKNOWN_SOURCE.format(source="arrete_vitrine", hint=suggest("arrete_vitrines"))),
    ],
    "note_referenced": [
        (16, M.NOTE_REFERENCED.format(field="visible_if", name="consigne")),
    ],
    "note_required": [
        (10, M.NOTE_NOT_REQUIRED.format(question="consigne")),
    ],
    "empty_file": [
        (1, M.FILE_EMPTY.value),
    ],
    "not_a_mapping": [
        (1, M.NOT_A_MAPPING.format(where="le questionnaire", found="une liste")),
    ],
    "action_trigger_unknown_question": [
        (16, M.UNKNOWN_QUESTION.format(field="trigger", name="lede", hint=suggest("led"))),
        (
            18,
            M.UNKNOWN_QUESTION.format(
                field="savings_kwh.electricite", name="surface_eclairee", hint=""
            ),
        ),
    ],
    "label_criterion_error": [
        (
            19,
            M.UNKNOWN_QUESTION.format(
                field="condition", name="visite_posible", hint=suggest("visite_possible")
            ),
        ),
    ],
    "several_problems": [
        (
            5,
            invalid(
                "kind",
                "« energie » n'est pas permis (valeurs possibles : "
                "'energy', 'rse', 'label' ou 'other')",
            ),
        ),
        (19, M.UNKNOWN_KEY.format(key="unite", hint=suggest("unit"))),
        (
            23,
            M.UNKNOWN_QUESTION.format(field="visible_if", name="surfase", hint=suggest("surface")),
        ),
        (
            23,
            M.UNKNOWN_CODE.format(
                field="visible_if",
                code="boulangrie",
                question="activite",
                hint=suggest("boulangerie"),
            ),
        ),
        (24, M.DUPLICATE_ID.format(id="surface", first_line=16, what="question")),
        (30, expression("formula", "accès à un attribut (« . ») interdit (colonne 1)")),
    ],
}


def broken(name: str) -> QuestionnaireError:
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(INVALID / f"{name}.yaml")
    return caught.value


def test_the_corpus_declares_the_expected_problems_of_every_broken_file():
    files = {path.stem for path in INVALID.glob("*.yaml")}
    assert files == set(CORPUS)
    assert len(files) >= 18


def test_each_broken_file_says_in_its_first_line_what_is_wrong_with_it():
    for path in INVALID.glob("*.yaml"):
        if path.stat().st_size:
            assert path.read_text(encoding="utf-8").startswith("# "), path.name


@pytest.mark.parametrize(("name", "expected"), CORPUS.items(), ids=list(CORPUS))
def test_broken_questionnaire_reports_each_problem_at_its_line(name, expected):
    error = broken(name)
    assert [(problem.line, problem.message) for problem in error.problems] == expected


@pytest.mark.parametrize("name", CORPUS)
def test_every_problem_is_printed_as_file_colon_line_colon_message(name):
    path = INVALID / f"{name}.yaml"
    error = broken(name)
    assert error.filename == display_name(path)
    assert error.lines() == [f"{display_name(path)}:{p.line}: {p.message}" for p in error.problems]
    assert str(error) == "\n".join(error.lines())


def test_a_file_with_several_problems_reports_all_of_them_in_line_order():
    lines = [problem.line for problem in broken("several_problems").problems]
    assert len(lines) == 6
    assert lines == sorted(lines)


def test_a_duplicate_id_cites_the_line_of_its_first_use():
    (problem,) = broken("duplicate_question_id").problems
    first_use = (INVALID / "duplicate_question_id.yaml").read_text().splitlines()[9]
    assert first_use.strip() == "- id: surface"
    assert "déjà utilisé ligne 10" in problem.message


def test_an_unknown_type_does_not_add_problems_about_the_keys_that_depend_on_it():
    (problem,) = broken("invalid_type").problems
    assert "booleen" in problem.message


def test_unknown_question_in_visible_if_suggests_the_nearest_id():
    (problem,) = broken("unknown_question_in_visible_if").problems
    assert problem.message.endswith("(vouliez-vous dire « surface » ?)")


def test_an_unknown_name_far_from_every_id_gets_no_suggestion():
    text = (INVALID / "unknown_question_in_visible_if.yaml").read_text()
    error = _load_error(text.replace("surfase > 100", "zzzz > 100"))
    assert [p.message for p in error.problems] == [
        M.UNKNOWN_QUESTION.format(field="visible_if", name="zzzz", hint="")
    ]


def _load_error(text: str, reference_keys: set[str] | None = None) -> QuestionnaireError:
    with pytest.raises(QuestionnaireError) as caught:
        load_text(text, "brouillon.yaml", reference_keys)
    return caught.value


# --- the YAML 1.1 traps -------------------------------------------------------------------


@pytest.fixture(scope="module")
def traps() -> Questionnaire:
    return load_questionnaire(VALID / "yaml_traps.yaml")


def test_yes_and_no_words_load_as_text_choice_codes(traps):
    codes = [choice.code for choice in traps.question("accord").choices or []]
    assert codes == ["oui", "non", "yes", "no", "on", "off", "y", "n"]


def test_numbers_as_choice_codes_keep_what_the_author_wrote(traps):
    codes = [choice.code for choice in traps.question("taille").choices or []]
    assert codes == ["012", "12", "2.5", "1_000"]


def test_dates_stay_text(traps):
    assert traps.sources[0].date == "2022-12-27"


def test_times_stay_text_instead_of_becoming_sexagesimal_numbers(traps):
    assert traps.question("ouverture").help == "8:30"
    assert traps.question("fermeture").label == "18:30"


@pytest.mark.parametrize("word", ["oui", "non", "vrai", "faux"])
def test_a_french_yes_no_word_is_refused_for_a_boolean_key(word):
    text = (VALID / "engine.yaml").read_text().replace("required: true", f"required: {word}", 1)
    (problem,) = _load_error(text).problems
    assert problem.message == invalid(
        "sections.0.questions.0.required", f"« {word} » n'est pas true ou false"
    )


# --- never a traceback --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "id: x\ntitle: \x07\n",
            2,
            syntax("caractère de contrôle interdit (#x0007) : retirez-le"),
        ),
        (
            "id: x\nsections: &s [*s]\n",
            1,
            syntax("alias récursif ou trop répété (« *nom » qui se contient lui-même ?)"),
        ),
        (
            "id: x\ntitle: !python/object:os.system x\n",
            2,
            syntax("étiquette « ! » inconnue : retirez-la"),
        ),
        (
            "id: x\n---\nid: y\n",
            2,
            syntax("un seul document par fichier : retirez le second « --- »"),
        ),
        ('id: x\ntitle: "sans fin\n', 2, syntax("guillemet ou crochet non fermé")),
        (
            'id: x\ntitle: "a\\qb"\n',
            2,
            syntax("échappement « \\ » inconnu entre guillemets doubles"),
        ),
        ("id: x\nsections: {a: 1\n", 2, syntax("table { … } mal fermée : « , » ou « } » attendu")),
    ],
    ids=[
        "control-character",
        "recursive-alias",
        "unknown-tag",
        "two-documents",
        "quote",
        "escape",
        "flow-mapping",
    ],
)
def test_unreadable_yaml_is_reported_at_its_line_without_a_traceback(text, line, message):
    (problem,) = _load_error(text).problems
    assert (problem.line, problem.message) == (line, message)


def test_an_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    (problem,) = _load_error("\n".join(lines) + "\n").problems
    assert "alias récursif ou trop répété" in problem.message


def test_anchors_and_aliases_of_reasonable_size_are_allowed():
    text = (VALID / "engine.yaml").read_text()
    text = text.replace(
        "        choices:\n          - {code: boulangerie",
        "        choices: &metiers\n          - {code: boulangerie",
        1,
    )
    text = text.replace(
        "      - id: surface\n",
        "      - id: activite_secondaire\n"
        "        type: choice\n"
        '        label: "Activité secondaire"\n'
        "        choices: *metiers\n"
        "      - id: surface\n",
        1,
    )
    questionnaire = load_text(text, "engine.yaml")
    shared = questionnaire.question("activite_secondaire").choices
    assert shared == questionnaire.question("activite").choices
    assert [choice.code for choice in shared or []] == ["boulangerie", "coiffure", "bureau"]


def test_a_missing_file_is_reported_not_raised_as_os_error(tmp_path):
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(tmp_path / "absent.yaml")
    assert caught.value.lines() == [
        f"{tmp_path / 'absent.yaml'}: " + M.FILE_UNREADABLE.format(problem="fichier introuvable")
    ]


def test_a_file_not_in_utf8_is_reported(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Électricité\n".encode("latin-1"))
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert [p.message for p in caught.value.problems] == [
        M.FILE_UNREADABLE.format(problem="le fichier n'est pas encodé en UTF-8")
    ]


LINE = re.compile(r"^x\.yaml:\d+: \S")


def _mutations(text: str):
    """The file with each line deleted, and each scalar value replaced by odd values."""
    lines = text.splitlines(keepends=True)
    odd_values = ["[]", "{}", "null", "true", "-1", "'x'", "[1, 2]", "{a: 1}", "''", "1.5", ".nan"]
    for index, line in enumerate(lines):
        yield "".join(lines[:index] + lines[index + 1 :])
        match = re.match(r"^(\s*(?:- )?[a-z_]+:)\s*(.+)$", line.rstrip("\n"))
        if match:
            for odd in odd_values:
                yield "".join([*lines[:index], f"{match.group(1)} {odd}\n", *lines[index + 1 :]])


def test_no_mutation_of_a_valid_questionnaire_escapes_as_a_traceback():
    text = (VALID / "scoring.yaml").read_text()
    checked = 0
    for mutated in _mutations(text):
        try:
            load_text(mutated, "x.yaml")
        except QuestionnaireError as error:
            assert error.problems
            for line in error.lines():
                assert LINE.match(line), line
                assert "None" not in line and "Input should" not in line, line
        checked += 1
    assert checked > 500


# --- what loads -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(VALID.glob("*.yaml")), ids=lambda p: p.name)
def test_every_valid_fixture_loads(path: Path):
    assert isinstance(load_questionnaire(path), Questionnaire)


def test_a_known_reference_key_loads_and_an_unknown_one_suggests_the_nearest():
    text = (VALID / "engine.yaml").read_text()
    questionnaire = load_text(text, "engine.yaml", reference_keys={"prix_electricite"})
    assert questionnaire.id == "moteur"
    error = _load_error(text, reference_keys={"prix_electricite_ttc", "prix_gaz"})
    line = text.splitlines().index("        formula: \"ref('prix_electricite') * 2\"") + 1
    assert [(p.line, p.message) for p in error.problems] == [
        (
            line,
            M.UNKNOWN_REFERENCE.format(
                field="formula", key="prix_electricite", hint=suggest("prix_electricite_ttc")
            ),
        )
    ]


def test_reference_keys_are_not_checked_when_none_are_given():
    text = (VALID / "engine.yaml").read_text()
    assert load_text(text, "engine.yaml").question("tarif").formula


def test_display_name_is_relative_inside_the_working_directory_and_absolute_outside(
    tmp_path, monkeypatch
):
    inside = tmp_path / "questionnaires" / "a.yaml"
    monkeypatch.chdir(tmp_path)
    assert display_name(inside) == str(Path("questionnaires") / "a.yaml")
    monkeypatch.chdir(inside.parent.parent.parent)
    assert display_name(inside) == str(Path(tmp_path.name) / "questionnaires" / "a.yaml")
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert display_name(inside) == str(inside)


def test_a_number_used_as_a_key_is_an_unknown_key_at_its_line():
    text = (VALID / "engine.yaml").read_text()
    text = text.replace("        required: true\n", "        required: true\n        12: x\n", 1)
    line = text.splitlines().index("        12: x") + 1
    (problem,) = _load_error(text).problems
    assert (problem.line, problem.message) == (line, M.UNKNOWN_KEY.format(key="12", hint=""))


TOO_DEEP = syntax("imbrication trop profonde (100 niveaux de listes et de tables au plus)")


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 500 + "]" * 500,
        "[" * 50_000 + "]" * 50_000,
        "{a: " * 50_000 + "}" * 50_000,
        "\n  " + "- " * 50_000 + "x",
    ],
    ids=["500-lists", "50000-lists (crashed libyaml)", "50000-tables", "50000-compact-sequences"],
)
def test_deeply_nested_yaml_is_refused_without_crashing(nested):
    (problem,) = _load_error(f"id: x\nsections: {nested}\n").problems
    assert problem.message == TOO_DEEP


def test_nesting_within_the_limit_is_read():
    (problem, *_) = _load_error("id: x\nsections: " + "[" * 90 + "]" * 90 + "\n").problems
    assert "imbrication" not in problem.message
