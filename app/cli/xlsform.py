"""``diagterrain questionnaires import-xlsform|export-xlsform``: XLSForm in and out.

Both print, row by row and in French, what the conversion could not carry over; an import
exits 0 only when the written questionnaire passes the same check as ``questionnaires
check``, so an author knows at once whether the file is ready or needs finishing by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import config
from audits.catalog import load_catalog, reference_keys
from audits.errors import DiagError, Message, QuestionnaireError
from audits.loader import display_name, load_questionnaire
from audits.questionnaire import Kind, Questionnaire
from audits.reference import load_values
from audits.xlsform import import_xlsform
from audits.xlsform.export import export_xlsform
from audits.xlsform.notices import Notice, summary

YAML_SUFFIXES = (".yaml", ".yml")


def register_actions(commands: argparse._SubParsersAction) -> None:
    """Add the two actions to the ``questionnaires`` group."""
    imported = commands.add_parser(
        "import-xlsform",
        help="importer un formulaire XLSForm (ODK, KoboToolbox) en questionnaire YAML",
    )
    imported.add_argument("form", type=Path, metavar="FORMULAIRE", help="fichier .xlsx")
    _output(imported, "FICHIER.yaml")
    imported.add_argument(
        "--langue", metavar="LANGUE", help="langue des libellés (défaut : le français)"
    )
    imported.add_argument(
        "--kind",
        choices=[kind.value for kind in Kind],
        default=Kind.OTHER.value,
        help="nature du questionnaire (défaut : other)",
    )
    imported.set_defaults(run=run_import)
    exported = commands.add_parser(
        "export-xlsform", help="exporter un questionnaire en formulaire XLSForm (.xlsx)"
    )
    exported.add_argument("ref", metavar="ID", help="identifiant, ID@VERSION ou fichier YAML")
    _output(exported, "FORMULAIRE.xlsx")
    exported.set_defaults(run=run_export)


def _output(parser: argparse.ArgumentParser, metavar: str) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, metavar=metavar)
    parser.add_argument("--force", action="store_true", help="remplacer le fichier existant")


def run_import(args: argparse.Namespace) -> int:
    _refuse_overwrite(args.output, args.force)
    result = import_xlsform(args.form, args.langue, args.kind)
    _write(args.output, result.yaml())
    _print_notices(result.notices)
    try:
        questionnaire = load_questionnaire(args.output, reference_keys(config.REFERENCE_DIR))
    except QuestionnaireError as error:
        print(error, file=sys.stderr)
        return 1
    print(_written(Message.XLSFORM_IMPORTED, args.output, questionnaire))
    return 0


def run_export(args: argparse.Namespace) -> int:
    questionnaire = _questionnaire(args.ref)
    _refuse_overwrite(args.output, args.force)
    result = export_xlsform(questionnaire, load_values(config.REFERENCE_DIR))
    try:
        result.save(args.output)
    except OSError as error:
        raise DiagError(_write_failed(args.output, error)) from None
    _print_notices(result.notices)
    print(_written(Message.XLSFORM_EXPORTED, args.output, questionnaire))
    return 0


def _questionnaire(ref: str) -> Questionnaire:
    path = Path(ref)
    if path.suffix in YAML_SUFFIXES and path.is_file():
        return load_questionnaire(path, reference_keys(config.REFERENCE_DIR))
    return load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR).get(ref)


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise DiagError(Message.XLSFORM_OUTPUT_EXISTS.format(path=display_name(path)))


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise DiagError(_write_failed(path, error)) from None


def _write_failed(path: Path, error: OSError) -> str:
    problem = error.strerror or type(error).__name__
    return Message.XLSFORM_WRITE_FAILED.format(path=display_name(path), problem=problem)


def _print_notices(notices: list[Notice]) -> None:
    for notice in notices:
        print(notice)
    if notices:
        print(summary(notices))


def _written(template: Message, path: Path, questionnaire: Questionnaire) -> str:
    questions = [question for question in questionnaire.questions() if question.takes_answer]
    return template.format(
        path=display_name(path),
        sections=len(questionnaire.sections),
        questions=len(questions),
    )
