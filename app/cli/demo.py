"""``diagterrain demo``: a database filled with a sample street, for demonstrations."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app import config
from app.cli.db import add_db_option
from audits.catalog import load_catalog
from audits.errors import Message
from audits.store import open_store
from audits.store.demo import fill_demo
from audits.store.errors import StoreError
from audits.store.overview import overview


def register(subparsers: argparse._SubParsersAction) -> None:
    help_text = "remplir une base avec les commerces d'une rue d'Apt et leurs audits"
    parser = subparsers.add_parser("demo", help=help_text, description=help_text)
    add_db_option(parser)
    parser.add_argument("--seed", type=int, default=84400, help="graine des valeurs tirées")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    with open_store(args.db) as store:
        if overview(store).counts["establishments"]:
            raise StoreError(Message.DEMO_NOT_EMPTY.format(path=args.db))
        summary = fill_demo(store, catalog.questionnaires, date.today(), args.seed)
    for error in catalog.errors:
        print(f"questionnaire ignoré, {error.problems[0].located(error.filename)}", file=sys.stderr)
    print(
        f"démo prête : {args.db} — {summary.establishments} établissements, "
        f"{summary.audits} audits ({summary.signed} signés), {summary.answers} réponses"
    )
    return 0
