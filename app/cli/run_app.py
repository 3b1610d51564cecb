"""``diagterrain app``: starts the advisor's app (until it exists: the shipped audits)."""

from __future__ import annotations

import argparse

from app import config
from app.cli.questionnaires import summary
from audits.catalog import load_catalog


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("app", help="lancer l'application du conseiller")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    print("Diag Terrain — questionnaires disponibles :")
    for questionnaire in catalog.questionnaires:
        print(f"  {summary(questionnaire)}")
    for error in catalog.errors:
        print(error)
    print("L'application Flet arrive avec le ticket « The Flet app » ; en attendant :")
    print("  diagterrain questionnaires show energie-commerce")
    return 1 if catalog.errors else 0
