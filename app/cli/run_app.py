"""``diagterrain app``: the advisor's app, in a window when possible, else in the browser.

With no display (a server, CI) or no Flet desktop client installed, the app is served on
127.0.0.1 and its address printed in French; ``--web`` asks for that explicitly. The database
defaults to the user's data folder; on first start the shipped questionnaires are imported
and, if it is empty, the demo street is added (``--sans-demo`` to start empty).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from app.cli.db import add_db_option

DEFAULT_PORT = 8550


def register(subparsers: argparse._SubParsersAction) -> None:
    help_text = "lancer l'application du conseiller (fenêtre, ou navigateur avec --web)"
    parser = subparsers.add_parser("app", help=help_text, description=help_text)
    parser.add_argument(
        "--web", action="store_true", help="servir l'application dans le navigateur"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port du mode web (défaut : {DEFAULT_PORT})"
    )
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    parser.add_argument(
        "--sans-demo",
        dest="demo",
        action="store_false",
        help="ne pas ajouter la rue de démonstration",
    )
    add_db_option(parser)
    parser.set_defaults(run=run)


def has_display() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def has_desktop_client() -> bool:
    return importlib.util.find_spec("flet_desktop") is not None


def run(args: argparse.Namespace) -> int:
    from app.main import serve  # imports Flet: only when the app really starts

    web = args.web or not has_display() or not has_desktop_client()
    if web:
        url = f"http://{args.host}:{args.port}/"
        print(f"Diag Terrain démarre : ouvrez {url} dans votre navigateur (Ctrl+C pour arrêter)")
        print(f"Base de données : {args.db}", flush=True)
    serve(
        args.db, web=web, host=args.host, port=args.port, demo=args.demo, open_browser=has_display()
    )
    return 0
