"""``diagterrain server``: run the chamber's central server, and set up its accounts.

With no option it serves a SQLite file in the current folder on 127.0.0.1:8000, so a small
chamber (or a developer) needs nothing else; ``--database-url`` points it at PostgreSQL.
``org add`` and ``user add`` write to the same database directly (no server needed).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app import config
from app.cli.french import FrenchParser
from audits.catalog import load_catalog, reference_keys
from audits.errors import DiagError, Message
from audits.loader import load_questionnaire
from audits.questionnaire import Questionnaire
from audits.report import fmt
from sync.protocol import QuestionnairePublish
from sync.server import content, crud, purge
from sync.server.config import Settings, load_settings
from sync.server.db import make_engine, make_sessions, migrate
from sync.server.errors import ApiError

ROLES = ("admin", "advisor", "viewer")
GRACE_HOURS = 24.0
KINDS = ("cci", "cma", "association", "other")


def register(subparsers: argparse._SubParsersAction) -> None:
    server: FrenchParser = subparsers.add_parser(
        "server", help="lancer le serveur central (et gérer ses comptes)"
    )
    _add_database_options(server)
    server.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (127.0.0.1)")
    server.add_argument("--port", type=int, default=8000, help="port d'écoute (8000)")
    server.set_defaults(run=run_serve)
    groups = server.add_subparsers(dest="group", metavar="COMPTES", title="comptes")
    org = groups.add_parser("org", help="gérer les organisations").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    org_add = org.add_parser("add", help="créer une organisation (CCI, CMA, association)")
    org_add.add_argument("name", metavar="NOM")
    org_add.add_argument("--kind", choices=KINDS, default="cci", help="type (cci par défaut)")
    _add_database_options(org_add, nested=True)
    org_add.set_defaults(run=run_org_add)
    user = groups.add_parser("user", help="gérer les utilisateurs").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    _register_user(user)
    questionnaires = groups.add_parser("questionnaires", help="distribuer les questionnaires")
    actions = questionnaires.add_subparsers(dest="action", metavar="ACTION", required=True)
    publish = actions.add_parser("publish", help="publier des questionnaires pour les appareils")
    publish.add_argument("paths", nargs="*", type=Path, metavar="FICHIER", help="(tous par défaut)")
    _add_database_options(publish, nested=True)
    publish.set_defaults(run=run_publish)
    _register_purge(groups)


def _register_purge(groups: argparse._SubParsersAction) -> None:
    purge = groups.add_parser(
        "purge-attachments",
        help="supprimer les photos et signatures qu'aucune donnée ne cite plus (effacement RGPD)",
        description="Supprime du dossier des pièces jointes les photos et signatures qu'aucune "
        "ligne synchronisée non effacée ne cite plus, par exemple après l'effacement des "
        "données d'un établissement.",
    )
    purge.add_argument(
        "--dry-run", action="store_true", help="lister ce qui serait supprimé, sans rien supprimer"
    )
    purge.add_argument(
        "--grace-hours",
        type=float,
        default=GRACE_HOURS,
        metavar="HEURES",
        help=f"garder les fichiers reçus depuis moins de HEURES heures ({GRACE_HOURS:g} par "
        "défaut) : un appareil envoie ses photos avant les lignes qui les citent",
    )
    _add_database_options(purge, nested=True)
    purge.set_defaults(run=run_purge_attachments)


def _register_user(user: argparse._SubParsersAction) -> None:
    add = user.add_parser("add", help="créer un utilisateur")
    add.add_argument("username", metavar="IDENTIFIANT")
    add.add_argument("--org", required=True, help="organisation (nom ou id)")
    add.add_argument("--role", choices=ROLES, default="advisor", help="rôle (advisor par défaut)")
    add.add_argument("--name", help="nom complet (par défaut : l'identifiant)")
    add.add_argument("--password-stdin", action="store_true", help="lire le mot de passe sur stdin")
    _add_database_options(add, nested=True)
    add.set_defaults(run=run_user_add)
    revoke = user.add_parser("revoke", help="révoquer tous les jetons d'un utilisateur")
    revoke.add_argument("username", metavar="IDENTIFIANT")
    _add_database_options(revoke, nested=True)
    revoke.set_defaults(run=run_user_revoke)


def _add_database_options(parser: argparse.ArgumentParser, nested: bool = False) -> None:
    default = argparse.SUPPRESS if nested else None
    parser.add_argument(
        "--database-url",
        default=default,
        metavar="URL",
        help="base du serveur, ex. postgresql+psycopg://hote/base (SQLite local par défaut)",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=default, metavar="DOSSIER", help="dossier des photos"
    )


def settings_of(args: argparse.Namespace) -> Settings:
    try:
        return load_settings(DATABASE_URL=args.database_url, DATA_DIR=args.data_dir)
    except ValidationError as error:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise DiagError(f"configuration du serveur invalide : {problems}") from None


@contextmanager
def session_of(args: argparse.Namespace) -> Iterator[Session]:
    """A session on the server's database (migrated first), committed when the block ends."""
    engine = make_engine(settings_of(args).DATABASE_URL)
    try:
        migrate(engine)
        with make_sessions(engine)() as session:
            yield session
            session.commit()
    except ApiError as error:
        raise DiagError(error.message) from None
    except OperationalError as error:
        raise unreachable(settings_of(args).DATABASE_URL, error) from None
    finally:
        engine.dispose()


def unreachable(url: str, error: OperationalError) -> DiagError:
    """The database could not be reached (refused, unknown database or user): one French
    line, the password hidden."""
    shown = make_url(url).render_as_string(hide_password=True)
    problem = str(error.orig or error).strip().splitlines()[0]
    return DiagError(Message.SERVER_DB_UNREACHABLE.format(url=shown, problem=problem))


def run_serve(args: argparse.Namespace) -> int:
    from sync.server.main import serve

    settings = settings_of(args)
    print(
        f"Serveur Diag Terrain sur http://{args.host}:{args.port}/api/v1 "
        f"(base : {_shown(settings.DATABASE_URL)})",
        flush=True,
    )
    try:
        serve(settings, args.host, args.port)
    except OperationalError as error:  # at start-up, when the migrations run
        raise unreachable(settings.DATABASE_URL, error) from None
    return 0


def _shown(url: str) -> str:
    """The database URL without its password, for logs."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    return f"{scheme}{sep}{credentials.split(':')[0]}{at}{host}" if at else url


def run_org_add(args: argparse.Namespace) -> int:
    with session_of(args) as session:
        org = crud.create_org(session, name=args.name, kind=args.kind)
        print(f"organisation « {org.name} » créée : {org.id}")
    return 0


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mot de passe : ")
        if getpass.getpass("Confirmer le mot de passe : ") != password:
            raise DiagError("les deux mots de passe diffèrent")
    if len(password) < 10:
        raise DiagError("mot de passe trop court : 10 caractères au moins")
    return password


def run_user_add(args: argparse.Namespace) -> int:
    password = read_password(args.password_stdin)
    with session_of(args) as session:
        org = crud.find_org(session, ref=args.org)
        user = crud.create_user(
            session,
            org_id=org.id,
            username=args.username,
            full_name=args.name or args.username,
            password=password,
            role=args.role,
        )
        print(f"utilisateur « {user.username} » ({user.role}, {org.name}) créé : {user.id}")
    return 0


def run_user_revoke(args: argparse.Namespace) -> int:
    with session_of(args) as session:
        count = crud.revoke_user_tokens(session, username=args.username)
        print(f"{count} jeton(s) révoqué(s) pour « {args.username} »")
    return 0


def run_publish(args: argparse.Namespace) -> int:
    """Publish questionnaire versions; a version already published differently is refused."""
    questionnaires = _questionnaires(args.paths)
    failures = 0
    with session_of(args) as session:
        for questionnaire in questionnaires:
            payload = QuestionnairePublish(
                title=questionnaire.title,
                kind=questionnaire.kind.value,
                body=questionnaire.model_dump(mode="json"),
            )
            try:
                _, created = content.publish(
                    session,
                    questionnaire_id=questionnaire.id,
                    version=questionnaire.version,
                    payload=payload,
                )
            except ApiError as error:
                failures += 1
                print(f"{questionnaire.ref} : {error.message}", file=sys.stderr)
                continue
            print(f"{questionnaire.ref} : {'publié' if created else 'déjà publié'}")
    return 1 if failures else 0


def _questionnaires(paths: list[Path]) -> list[Questionnaire]:
    if not paths:
        catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
        if catalog.errors:
            raise DiagError(str(catalog.errors[0]))
        return list(catalog.questionnaires)
    keys = reference_keys(config.REFERENCE_DIR)
    return [load_questionnaire(path, keys) for path in paths]


def run_purge_attachments(args: argparse.Namespace) -> int:
    """Records deleted and committed first, then the files (``sync/server/purge.py``)."""
    if args.grace_hours < 0:
        raise DiagError("--grace-hours : un nombre d'heures positif ou nul est attendu")
    root = settings_of(args).attachments_dir
    grace = timedelta(hours=args.grace_hours)
    with session_of(args) as session:
        found = purge.find_orphans(session, root, grace=grace, now=crud.now())
        if not args.dry_run:
            purge.forget(session, found)
    if not args.dry_run:
        purge.remove_files(root, found)
    for line in purge_report(found, dry_run=args.dry_run, grace_hours=args.grace_hours):
        print(line)
    return 0


def purge_report(found: purge.Purge, *, dry_run: bool, grace_hours: float) -> list[str]:
    """One line per file, then the count and the size, in French."""
    verb = "à supprimer" if dry_run else "supprimé"
    lines = [f"{verb} : {o.sha256} ({size_text(o.size)})" for o in found.orphans]
    count = len(found.orphans)
    if not count:
        lines.append("Aucune pièce jointe à supprimer.")
    elif dry_run:
        lines.append(
            f"Simulation : {count} fichier(s) à supprimer, {size_text(found.size)} ; "
            "rien n'a été supprimé."
        )
    else:
        lines.append(f"{count} fichier(s) supprimé(s), {size_text(found.size)} libéré(s).")
    if found.recent:
        lines.append(
            f"{found.recent} fichier(s) non cité(s) mais reçu(s) depuis moins de "
            f"{fmt.number(grace_hours)} h : conservé(s), une synchronisation peut être en cours."
        )
    return lines


def size_text(size: int) -> str:
    """« 512 octets », « 12,3 Ko », « 4,5 Mo », « 1,2 Go » (units of 1 024)."""
    if size < 1024:
        return f"{fmt.number(size)}\u00a0octet{'s' if size > 1 else ''}"
    value = size / 1024
    units = ["Ko", "Mo", "Go", "To"]
    while value >= 1024 and len(units) > 1:
        value, units = value / 1024, units[1:]
    return f"{fmt.number(value, 1)}\u00a0{units[0]}"
