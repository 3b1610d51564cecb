"""``diagterrain login`` and ``diagterrain sync``: connect a device to its chamber's server.

The token is stored in the device database (``sync_state``), beside the data it protects;
it does not expire by default, so a tablet offline for weeks still syncs when it returns.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys

from app.cli.db import add_db_option
from app.cli.french import FrenchParser
from audits.errors import DiagError
from audits.store import open_existing_store, open_store
from sync import device
from sync.client import SyncClient
from sync.runner import Progress, client_for, synchronise

STAGES = {
    "photos": "photos envoyées",
    "push": "modifications envoyées",
    "pull": "modifications reçues",
    "questionnaires": "questionnaires reçus",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    login: FrenchParser = subparsers.add_parser(
        "login", help="connecter l'appareil au serveur de la chambre"
    )
    login.add_argument("--server", required=True, metavar="URL", help="adresse du serveur")
    login.add_argument("--user", metavar="IDENTIFIANT", help="identifiant (demandé sinon)")
    login.add_argument(
        "--password-stdin", action="store_true", help="lire le mot de passe sur stdin"
    )
    add_db_option(login)
    login.set_defaults(run=run_login)
    sync: FrenchParser = subparsers.add_parser(
        "sync", help="synchroniser l'appareil avec le serveur"
    )
    add_db_option(sync)
    sync.add_argument("--quiet", action="store_true", help="sans barre de progression")
    sync.set_defaults(run=run_sync)


def run_login(args: argparse.Namespace) -> int:
    username = args.user or input("Identifiant : ").strip()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mot de passe : ")
    if not username or not password:
        raise DiagError("identifiant et mot de passe sont obligatoires")
    with open_store(args.db) as store:
        client = SyncClient(args.server)
        result = client.login(username, password, store.device_id, socket.gethostname()[:120])
        device.save_login(
            store,
            server_url=args.server,
            token=result.token,
            user_id=result.user.id,
            org_id=result.user.org_id,
        )
    print(f"connecté à {args.server} : {result.user.full_name} ({result.user.org_name})")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    with open_existing_store(args.db) as store:
        bar = ProgressBar(enabled=not args.quiet and sys.stderr.isatty())
        report = synchronise(store, client_for(store), bar.update)
        bar.close()
    print(
        f"synchronisation terminée : {report.pushed} envoyée(s), {report.pulled} reçue(s), "
        f"{report.photos_sent} photo(s), {report.questionnaires} questionnaire(s)"
    )
    if report.conflicts:
        print(f"{report.conflicts} conflit(s) à examiner : la version la plus récente a été gardée")
    if report.damaged_photos:
        print(f"{report.damaged_photos} photo(s) endommagée(s) non envoyée(s)")
    return 0


class ProgressBar:
    """A one-line text bar on stderr (no dependency): ``envoi  [#####.....] 120/240``."""

    WIDTH = 30

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.shown = False

    def update(self, progress: Progress) -> None:
        if not self.enabled:
            return
        label = STAGES.get(progress.stage, progress.stage)
        if progress.total:
            filled = self.WIDTH * progress.done // progress.total
            bar = "#" * filled + "." * (self.WIDTH - filled)
            line = f"{label:<24} [{bar}] {progress.done}/{progress.total}"
        else:
            line = f"{label:<24} {progress.done}"
        sys.stderr.write("\r" + line.ljust(80))
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
