"""``diagterrain export answers|plans``: audits to CSV, XLSX or JSON for advisors' analyses.

Answer tables have one column per question id, stable across questionnaire versions (see
README, « Exports »); plan tables have fixed columns. The format follows the output file's
extension unless ``--format`` says otherwise; JSON holds answers and plans together.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal, cast

from app import config
from app.cli.db import add_db_option
from app.cli.french import FrenchParser
from audits.campaigns.overview import find_campaign
from audits.errors import DiagError
from audits.exports import export_answers, export_json, export_plans
from audits.reference import load_reference
from audits.store import Store, open_existing_store

FORMATS = ("csv", "xlsx", "json")
STATUSES = ("draft", "completed", "signed")


def register(subparsers: argparse._SubParsersAction) -> None:
    group: FrenchParser = subparsers.add_parser(
        "export", help="exporter réponses et plans d'actions (CSV, XLSX, JSON)"
    )
    commands = group.add_subparsers(dest="what", metavar="QUOI", title="exports")
    commands.required = True
    for name, help_text in (
        ("answers", "une ligne par audit, une colonne par question (colonnes stables)"),
        ("plans", "une ligne par action des plans (colonnes fixes)"),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        add_db_option(command)
        command.add_argument("--output", type=Path, required=True, metavar="FICHIER")
        command.add_argument("--format", choices=FORMATS, help="par défaut : l'extension")
        command.add_argument(
            "--questionnaire", required=name == "answers", metavar="ID", help="questionnaire"
        )
        command.add_argument("--campaign", metavar="CAMPAGNE", help="une campagne seulement")
        command.add_argument(
            "--status", action="append", choices=STATUSES, default=[], help="statut (répétable)"
        )
        command.add_argument(
            "--dialect",
            choices=("excel-fr", "standard"),
            default="excel-fr",
            help="CSV : « ; » et virgule décimale (Excel), ou « , » et point",
        )
        command.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    form = args.format or args.output.suffix.lower().lstrip(".")
    if form not in FORMATS:
        raise DiagError(f"format inconnu « {form} » : précisez --format csv, xlsx ou json")
    reference = load_reference(config.REFERENCE_DIR).numbers
    with open_existing_store(args.db) as store:
        count = _export(store, args, form, reference)
    noun = "audit(s)" if args.what == "answers" or form == "json" else "action(s)"
    print(f"export écrit : {args.output} ({count} {noun})", file=sys.stderr)
    return 0


def _export(store: Store, args: argparse.Namespace, form: str, reference: dict[str, float]) -> int:
    campaign_id = find_campaign(store, args.campaign).id if args.campaign else None
    options = {"campaign_id": campaign_id, "statuses": args.status, "reference": reference}
    if form == "json":
        return export_json(
            store,
            args.output,
            questionnaire_id=args.questionnaire,
            exported_at=store.timestamp(),
            **options,
        )
    table = cast(Literal["csv", "xlsx"], form)
    if args.what == "answers":
        return export_answers(
            store, args.questionnaire, args.output, table, dialect=args.dialect, **options
        )
    return export_plans(
        store, args.output, table, questionnaire_id=args.questionnaire, dialect=args.dialect,
        **options,
    )  # fmt: skip
