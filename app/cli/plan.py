"""``diagterrain plan``: the action plan of an answers file, as a table, JSON or PDF.

Headless, for advisors exporting plans in batch and for checking a questionnaire's action
catalogue on realistic answers. Bad answers are listed one per line as ``file:line: message``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app import config
from app.cli.db import add_db_option
from app.cli.french import FrenchParser
from audits.answers_file import AnswersFile, load_answers_file, parse_date
from audits.catalog import load_catalog
from audits.errors import QuestionnaireError
from audits.fieldwork.report import Identity, report_pdf, visit_report
from audits.fieldwork.visit_plan import current_plan
from audits.plan import Plan, build_plan
from audits.questionnaire import Questionnaire
from audits.reference import Reference, load_reference
from audits.report import fmt
from audits.report.builder import build_report_data, establishment_from
from audits.report.data import AuditInfo
from audits.report.render import render_pdf
from audits.report.rows import obligation_rows
from audits.report.totals import plan_printed_totals
from audits.scoring import score
from audits.store.db import open_existing_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser: FrenchParser = subparsers.add_parser(
        "plan",
        help="calculer le plan d'actions d'un fichier de réponses (tableau, JSON ou PDF)",
        description="Calcule le plan d'actions d'un fichier de réponses YAML.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--answers", type=Path, metavar="REPONSES.yaml", help="fichier de réponses")
    source.add_argument(
        "--audit", metavar="ID", help="audit enregistré dans la base de l'appareil (voir --db)"
    )
    add_db_option(parser)
    parser.add_argument(
        "--date",
        metavar="AAAA-MM-JJ",
        help="date de l'audit (par défaut : celle du fichier, sinon aujourd'hui)",
    )
    parser.add_argument(
        "--pdf", type=Path, metavar="SORTIE.pdf", help="écrire aussi le plan en PDF"
    )
    parser.add_argument(
        "--json", action="store_true", help="imprimer le plan en JSON au lieu du tableau"
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="CHAMBRE.yaml",
        help="valeurs de référence propres à la chambre",
    )
    parser.set_defaults(run=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    reference = load_reference(config.REFERENCE_DIR, args.config)
    if args.audit:
        return run_stored_plan(args, reference)
    catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
    try:
        questionnaire, answers = load_answers_file(args.answers, catalog.get)
    except QuestionnaireError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return 1
    on_date = parse_date(args.date) if args.date else answers.date or dt.date.today()
    plan = build_plan(questionnaire, answers.answers, reference, on_date)
    print(plan.model_dump_json(indent=2) if args.json else "\n".join(plan_lines(plan, reference)))
    if args.pdf:
        write_pdf(questionnaire, answers, plan, reference, args.pdf)
        if not args.json:
            print(f"\nPDF écrit : {args.pdf}")
    return 0


def run_stored_plan(args: argparse.Namespace, reference: Reference) -> int:
    """The plan of an audit of the device database, with the advisor's decisions kept."""
    store = open_existing_store(args.db)
    plan = current_plan(store, args.audit, reference)
    print(plan.model_dump_json(indent=2) if args.json else "\n".join(plan_lines(plan, reference)))
    if args.pdf:
        data = visit_report(store, args.audit, reference, Identity())
        args.pdf.write_bytes(report_pdf(data))
        if not args.json:
            print(f"\nPDF écrit : {args.pdf}")
    return 0


def write_pdf(
    questionnaire: Questionnaire, answers: AnswersFile, plan: Plan, reference: Reference, path: Path
) -> None:
    audit = AuditInfo(date=plan.on_date, advisor=answers.advisor or "Conseiller")
    data = build_report_data(
        questionnaire,
        establishment_from(answers.establishment),
        audit,
        answers.answers,
        score(questionnaire, answers.answers, reference.numbers),
        plan,
        reference,
        answers.notes,
        answers.photos,
    )
    render_pdf(data, path)


def plan_lines(plan: Plan, reference: Reference) -> list[str]:
    """The plan as an aligned French table, then its totals, obligations and labels."""
    lines = [f"Plan d'actions — {plan.questionnaire} — {fmt.long_date(plan.on_date)}", ""]
    head = (
        f"{'N°':>3}  {'Action':<58} {'kWh/an':>11} {'€/an':>9} {'Coût':>9} {'Aide':>8}"
        f" {'Retour':>9}"
    )
    lines += [head, "-" * len(head)]
    for line in plan.lines:
        f = line.figures
        title = line.title if len(line.title) <= 58 else line.title[:57] + "…"
        marker = " [obligation]" if line.obligation else ""
        kwh = fmt.kwh(f.kwh_total) if f.kwh_total else "—"
        eur = fmt.euros(f.eur) if f.eur else "—"
        cost = fmt.euros(f.cost) if f.cost is not None else "—"
        aid = fmt.euros(f.aid) if f.aid else "—"
        lines.append(
            f"{line.priority or '-':>3}  {title:<58} {kwh:>11} {eur:>9} {cost:>9} {aid:>8}"
            f" {fmt.years(f.payback_years):>9}{marker}"
        )
    lines += ["", *_totals(plan), *_obligations(plan, reference), *_labels(plan)]
    return lines


def _obligations(plan: Plan, reference: Reference) -> list[str]:
    """The PDF's « Constat » column, worded by the same rows: « Non concerné » included."""
    rows = obligation_rows(plan, reference)
    if not rows:
        return []
    return ["", "Obligations réglementaires :", *(f"    - {r.title} : {r.status}" for r in rows)]


def _totals(plan: Plan) -> list[str]:
    """The PDF's key figures: totals summed from the rounded parts it prints (``printed_total``),
    so the table and the PDF never disagree by a unit."""
    totals = plan.totals
    if not totals.kwh and not totals.eur:
        return []
    target = fmt.percent(totals.target_share)
    share = (
        f" ({fmt.percent(totals.share)} de la consommation déclarée, objectif −{target})"
        if totals.share is not None
        else ""
    )
    printed = plan_printed_totals(plan)
    return [
        f"Total : {fmt.kwh(printed.kwh or 0.0)}/an{share}",
        f"        {fmt.euros(printed.eur)}/an, {fmt.tonnes_co2(printed.kgco2e or 0)}/an évitées",
        f"        investissement {fmt.euros(totals.cost)}, aides {fmt.euros(totals.aid)},"
        f" retour {fmt.years(totals.payback_years)}",
    ]


def _labels(plan: Plan) -> list[str]:
    lines = []
    for verdict in plan.labels:
        if not verdict.applies:
            continue
        state = "éligible" if verdict.eligible else "non éligible"
        lines.append(f"Label « {verdict.title} » : {state}")
        lines += [
            f"    - {c.label} ({'à vérifier' if c.status == 'a_verifier' else 'non rempli'})"
            for c in verdict.missing
        ]
    return lines
