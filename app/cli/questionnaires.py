"""``diagterrain questionnaires check|show``: authoring tools for the YAML questionnaires."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import config
from app.cli.french import FrenchParser
from app.cli.xlsform import register_actions
from audits.catalog import load_catalog, questionnaire_files, reference_keys
from audits.errors import QuestionnaireError
from audits.loader import display_name, load_questionnaire
from audits.questionnaire import Questionnaire
from audits.reference import load_reference
from audits.reference_checks import missing_references
from audits.rules import rules_of


def register(subparsers: argparse._SubParsersAction) -> None:
    group: FrenchParser = subparsers.add_parser(
        "questionnaires", help="vérifier et afficher les questionnaires YAML"
    )
    commands = group.add_subparsers(dest="action", metavar="ACTION", title="actions")
    commands.required = True
    check = commands.add_parser("check", help="vérifier des questionnaires (tous par défaut)")
    check.add_argument("paths", nargs="*", type=Path, metavar="FICHIER", help="fichiers YAML")
    check.set_defaults(run=run_check)
    show = commands.add_parser("show", help="afficher la structure d'un questionnaire")
    show.add_argument("ref", metavar="ID", help="identifiant, ou ID@VERSION")
    show.set_defaults(run=run_show)
    register_actions(commands)


def summary(questionnaire: Questionnaire) -> str:
    questions = [q for q in questionnaire.questions() if q.takes_answer]
    parts = [
        f"{len(questionnaire.sections)} sections",
        f"{len(questions)} questions",
        f"{len(questionnaire.actions)} actions",
    ]
    if questionnaire.labels:
        parts.append(f"{len(questionnaire.labels)} labels")
    return f"{questionnaire.ref} « {questionnaire.title} » : {', '.join(parts)}"


def run_check(args: argparse.Namespace) -> int:
    paths = args.paths or questionnaire_files(config.QUESTIONNAIRES_DIR)
    keys = reference_keys(config.REFERENCE_DIR)
    reference = load_reference(config.REFERENCE_DIR)
    failures = 0
    for path in paths:
        try:
            questionnaire = load_questionnaire(path, keys)
        except QuestionnaireError as error:
            failures += 1
            print(error, file=sys.stderr)
            continue
        missing = missing_references(questionnaire, reference) if keys is not None else []
        for line in missing:
            print(f"{display_name(path)}: {line}", file=sys.stderr)
        failures += bool(missing)
        if not missing:
            print(f"{display_name(path)} : {summary(questionnaire)} — OK")
    if failures:
        print(f"{failures} fichier(s) en erreur sur {len(paths)}", file=sys.stderr)
    return 1 if failures else 0


def run_show(args: argparse.Namespace) -> int:
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    questionnaire = catalog.get(args.ref)
    print(summary(questionnaire))
    for line in structure_lines(questionnaire):
        print(line)
    return 0


def structure_lines(questionnaire: Questionnaire) -> list[str]:
    rules = rules_of(questionnaire)
    lines: list[str] = []
    for section in questionnaire.sections:
        condition = f"  [si {section.visible_if}]" if section.visible_if else ""
        lines.append(
            f"\n{section.id} — {section.title} ({len(section.questions)} questions){condition}"
        )
        for question in section.questions:
            lines.append(f"  {question.id:<32} {question.type.value:<9} {question.label}")
            for name, source in (
                ("visible si", question.visible_if),
                ("obligatoire si", question.required_if),
                ("contrainte", question.constraint),
                ("formule", question.formula),
            ):
                if source:
                    lines.append(f"  {'':<32} {name} : {source}")
    if questionnaire.actions:
        lines.append(f"\nactions ({len(questionnaire.actions)})")
        lines += [f"  {a.id:<32} si {rules.trigger[a.id].source}" for a in questionnaire.actions]
    return lines
