"""``diagterrain db init|info|export|erase``: the device database, from the command line.

Every command takes ``--db PATH`` (default: the app's data folder). ``init`` creates or
upgrades the file and imports the shipped questionnaires; the others need an existing file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app import config
from app.cli.french import FrenchParser
from audits.catalog import load_catalog
from audits.errors import Message
from audits.store import Store, open_existing_store, open_store
from audits.store.errors import NotFoundError, StoreError
from audits.store.establishments import find_by_siret, get_establishment
from audits.store.migrations import schema_version
from audits.store.overview import overview
from audits.store.personal_data import erase_establishment, export_establishment
from audits.store.questionnaires import ImportOutcome, import_catalog, kept_message

STATUS_LABELS = (("draft", "brouillons"), ("completed", "terminés"), ("signed", "signés"))


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=config.DEFAULT_DB_PATH,
        metavar="FICHIER",
        help=f"base de l'appareil (par défaut : {config.DEFAULT_DB_PATH})",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    group: FrenchParser = subparsers.add_parser("db", help="gérer la base de l'appareil")
    commands = group.add_subparsers(dest="action", metavar="ACTION", title="actions")
    commands.required = True
    for name, help_text, run in (
        ("init", "créer ou mettre à jour la base et importer les questionnaires", run_init),
        ("info", "résumer le contenu de la base", run_info),
        ("export", "exporter en JSON tout ce qui concerne un établissement", run_export),
        ("erase", "effacer un établissement, ses audits et ses photos", run_erase),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        add_db_option(command)
        command.set_defaults(run=run)
        if name in ("export", "erase"):
            _add_selector(command)
    commands.choices["export"].add_argument(
        "--output", type=Path, metavar="FICHIER", help="fichier JSON (par défaut : la sortie)"
    )
    commands.choices["erase"].add_argument(
        "--yes", action="store_true", help="confirmer l'effacement (définitif)"
    )


def _add_selector(parser: argparse.ArgumentParser) -> None:
    selector = parser.add_mutually_exclusive_group(required=True)
    selector.add_argument("--siret", help="SIRET de l'établissement")
    selector.add_argument("--id", dest="establishment_id", help="identifiant de l'établissement")


def run_init(args: argparse.Namespace) -> int:
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    with open_store(args.db) as store:
        outcomes = import_catalog(store, catalog)
        version = schema_version(store.db)
        print(f"base prête : {args.db} (schéma v{version}, appareil {store.device_id})")
    for ref, outcome in outcomes.items():
        if outcome is ImportOutcome.KEPT:
            print(f"attention : {kept_message(ref)}", file=sys.stderr)
        else:
            print(f"questionnaire {ref} : {OUTCOME_LABELS[outcome]}")
    for error in catalog.errors:
        print(f"questionnaire ignoré, {error.problems[0].located(error.filename)}", file=sys.stderr)
    return 0


OUTCOME_LABELS = {
    ImportOutcome.ADDED: "importé",
    ImportOutcome.UNCHANGED: "déjà à jour",
    ImportOutcome.UPDATED: "mis à jour",
    ImportOutcome.KEPT: "conservé",
}


def run_info(args: argparse.Namespace) -> int:
    with open_existing_store(args.db) as store:
        for line in info_lines(store):
            print(line)
    return 0


def info_lines(store: Store) -> list[str]:
    summary = overview(store)
    counts = summary.counts
    statuses = summary.audits_by_status
    by_status = ", ".join(f"{statuses.get(key, 0)} {label}" for key, label in STATUS_LABELS)
    return [
        f"base : {store.path}",
        f"schéma : v{summary.schema_version} (dernière version : v{summary.latest_version})",
        f"appareil : {store.device_id} (organisation {store.org_id}, utilisateur {store.user_id})",
        f"serveur : {summary.server_url or 'non configuré'} (séquence {summary.last_seq})",
        f"établissements : {counts['establishments']}",
        f"audits : {counts['audits']} ({by_status})",
        f"réponses : {counts['answers']}",
        f"actions : {counts['actions']}",
        f"campagnes : {counts['campaigns']}",
        f"photos : {counts['photos']} ({counts['photo_bytes'] / 1024:.0f} Kio)",
        f"modifications à synchroniser : {counts['pending_changes']}",
        f"conflits à examiner : {counts['open_conflicts']}",
        f"questionnaires : {', '.join(summary.questionnaires) or 'aucun'}",
    ]


def _selected(store: Store, args: argparse.Namespace) -> list[str]:
    if args.establishment_id:
        return [get_establishment(store, args.establishment_id).id]
    found = find_by_siret(store, args.siret)
    if not found:
        raise NotFoundError("établissement de SIRET", args.siret)
    return [establishment.id for establishment in found]


def run_export(args: argparse.Namespace) -> int:
    with open_existing_store(args.db) as store:
        ids = _selected(store, args)
        exported = {
            "exported_at": store.timestamp(),
            "establishments": [export_establishment(store, row_id) for row_id in ids],
        }
    text = json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        message = Message.FILE_NOT_WRITTEN.format(path=args.output, problem=exc.strerror)
        raise StoreError(message) from None
    print(f"export écrit : {args.output}", file=sys.stderr)
    return 0


def run_erase(args: argparse.Namespace) -> int:
    if not args.yes:
        raise StoreError(Message.ERASE_NOT_CONFIRMED.value)
    with open_existing_store(args.db) as store:
        for row_id in _selected(store, args):
            erasure = erase_establishment(store, row_id)
            print(
                f"établissement {row_id} effacé : {erasure.rows} lignes vidées, "
                f"{erasure.photos} photo(s) supprimée(s)"
            )
    return 0
