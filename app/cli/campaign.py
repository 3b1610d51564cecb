"""``diagterrain campaign …``: joint diagnostics of a merchant association, from the terminal.

``create`` a campaign, ``import`` its list of shops (CSV or XLSX), ``show`` its progress,
``consent`` to record an owner's agreement to be named, ``report`` its collective report (PDF
or JSON, for the chamber or the association), ``demo`` a realistic campaign to try it all.
A campaign is named by its id, its name, or the start of its name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app import config
from app.cli.campaign_text import report_lines
from app.cli.db import add_db_option
from app.cli.french import FrenchParser
from audits.campaigns.importer import CampaignImportError, import_list
from audits.campaigns.overview import find_campaign, list_campaigns, progress_of
from audits.catalog import load_catalog
from audits.collective import collective_report
from audits.collective.pdf import render_collective_pdf
from audits.errors import DiagError
from audits.reference import load_reference
from audits.report import fmt
from audits.store import open_existing_store, open_store
from audits.store.campaigns import create_campaign
from audits.store.consent import set_consent
from audits.store.demo_campaign import fill_campaign_demo
from audits.store.establishments import find_by_siret
from audits.store.questionnaires import import_catalog


def register(subparsers: argparse._SubParsersAction) -> None:
    group: FrenchParser = subparsers.add_parser(
        "campaign", help="campagnes collectives : liste, import, avancement, bilan"
    )
    commands = group.add_subparsers(dest="action", metavar="ACTION", title="actions")
    commands.required = True
    for name, help_text, run in (
        ("list", "lister les campagnes de la base", run_list),
        ("create", "créer une campagne", run_create),
        ("import", "importer une liste d'établissements (CSV ou XLSX)", run_import),
        ("show", "afficher une campagne et son avancement", run_show),
        ("consent", "enregistrer l'accord d'un commerçant pour être nommé", run_consent),
        ("report", "bilan collectif d'une campagne (PDF ou JSON)", run_report),
        ("demo", "créer une campagne de démonstration réaliste", run_demo),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        add_db_option(command)
        command.set_defaults(run=run)
        if name in ("import", "show", "consent", "report"):
            command.add_argument("campaign", metavar="CAMPAGNE", help="identifiant ou nom")
    _create_options(commands.choices["create"])
    commands.choices["import"].add_argument("file", type=Path, metavar="FICHIER")
    consent = commands.choices["consent"]
    consent.add_argument("--siret", required=True, help="SIRET de l'établissement")
    consent.add_argument("--withdraw", action="store_true", help="retirer l'accord")
    _report_options(commands.choices["report"])
    demo = commands.choices["demo"]
    demo.add_argument("--shops", type=int, default=60, help="nombre de commerces (60)")
    demo.add_argument("--seed", type=int, default=84400, help="graine des valeurs tirées")


def _create_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NOM", help="nom de la campagne")
    parser.add_argument("--questionnaire", required=True, help="ID ou ID@VERSION")
    parser.add_argument("--organiser", help="association ou commune organisatrice")
    parser.add_argument("--commune", help="commune de la campagne")
    parser.add_argument("--starts", type=_day, metavar="AAAA-MM-JJ", help="début")
    parser.add_argument("--ends", type=_day, metavar="AAAA-MM-JJ", help="fin")
    parser.add_argument(
        "--advisor", action="append", default=[], metavar="NOM", help="conseiller (répétable)"
    )


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", type=Path, metavar="SORTIE.pdf", help="écrire le bilan en PDF")
    parser.add_argument("--json", action="store_true", help="imprimer le bilan en JSON")
    parser.add_argument(
        "--audience",
        choices=("chambre", "association"),
        default="chambre",
        help="chambre : complet ; association : agrégé, commerces nommés avec leur accord",
    )
    parser.add_argument("--config", type=Path, metavar="CHAMBRE.yaml", help="valeurs propres")
    parser.add_argument("--date", type=_day, metavar="AAAA-MM-JJ", help="date d'édition")


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {value} » invalide (AAAA-MM-JJ)") from None


def run_list(args: argparse.Namespace) -> int:
    with open_existing_store(args.db) as store:
        campaigns = list_campaigns(store)
        for campaign in campaigns:
            progress = progress_of(store, campaign.id)
            print(
                f"{campaign.id}  {campaign.name} — {progress.establishments} établissements, "
                f"{progress.visited} visités, {progress.handed_over} plans remis"
            )
    if not campaigns:
        print("aucune campagne")
    return 0


def run_create(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        import_catalog(store, load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR))
        campaign_id = create_campaign(
            store,
            args.name,
            args.questionnaire,
            organiser=args.organiser,
            commune=args.commune,
            starts_on=args.starts,
            ends_on=args.ends,
            advisors=args.advisor,
        )
    print(f"campagne créée : {campaign_id}  {args.name}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_existing_store(args.db) as store:
        campaign = find_campaign(store, args.campaign)
        try:
            result = import_list(store, campaign.id, args.file)
        except CampaignImportError as error:
            print("\n".join(f"diagterrain : {line}" for line in str(error).splitlines()),
                  file=sys.stderr)  # fmt: skip
            return 1
    for header in result.ignored_columns:
        print(f"attention : colonne « {header} » ignorée (non reconnue)", file=sys.stderr)
    print(
        f"{result.rows} ligne(s) importée(s) dans « {campaign.name} » : {result.created} "
        f"établissement(s) créé(s), {result.known} déjà connu(s) ; {result.enrolled} inscrit(s), "
        f"{result.already_enrolled} déjà inscrit(s) ; {result.planned} visite(s) planifiée(s)"
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_existing_store(args.db) as store:
        campaign = find_campaign(store, args.campaign)
        progress = progress_of(store, campaign.id)
    period = " → ".join(d for d in (campaign.starts_on, campaign.ends_on) if d) or "non précisée"
    total = progress.establishments
    lines = [
        f"campagne : {campaign.name} ({campaign.id})",
        f"organisée par : {campaign.organiser or 'non précisé'}",
        f"commune : {campaign.commune or 'non précisée'}",
        f"questionnaire : {campaign.questionnaire_ref}",
        f"période : {period}",
        f"conseillers : {', '.join(campaign.advisors) or 'aucun'}",
        f"établissements : {total}",
        f"visites prévues ou faites : {progress.planned} ({_pct(progress.planned, total)})",
        f"commerces visités : {progress.visited} ({_pct(progress.visited, total)})",
        f"plans remis : {progress.handed_over} ({_pct(progress.handed_over, total)})",
    ]
    print("\n".join(lines))
    return 0


def _pct(count: int, total: int) -> str:
    return fmt.percent(count / total) if total else "—"


def run_consent(args: argparse.Namespace) -> int:
    with open_existing_store(args.db) as store:
        campaign = find_campaign(store, args.campaign)
        found = find_by_siret(store, args.siret)
        if not found:
            raise DiagError(f"établissement de SIRET « {args.siret} » introuvable")
        set_consent(store, campaign.id, found[0].id, agreed=not args.withdraw)
    state = "retiré" if args.withdraw else "enregistré"
    print(f"accord {state} : {found[0].name} dans « {campaign.name} »")
    return 0


def run_report(args: argparse.Namespace) -> int:
    reference = load_reference(config.REFERENCE_DIR, args.config)
    with open_existing_store(args.db) as store:
        report = collective_report(store, args.campaign, reference, args.audience, args.date)
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        print("\n".join(report_lines(report)))
    if args.pdf:
        render_collective_pdf(report, args.pdf)
        print(f"PDF écrit : {args.pdf}", file=sys.stderr if args.json else sys.stdout)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    if args.shops < 1:
        raise DiagError("--shops : au moins un commerce")
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    reference = load_reference(config.REFERENCE_DIR)
    with open_store(args.db) as store:
        import_catalog(store, catalog)
        summary = fill_campaign_demo(
            store,
            catalog.get("energie-commerce"),
            reference,
            dt.date.today(),
            args.shops,
            args.seed,
        )
    print(
        f"campagne de démonstration prête : {args.db} — {summary.establishments} commerces, "
        f"{summary.audits} audits ({summary.signed} signés, {summary.follow_ups} suivis) — "
        f"{summary.campaign_id}"
    )
    return 0
