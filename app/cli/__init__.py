"""The ``diagterrain`` command: one subcommand per job, French messages, no tracebacks.

Each command module registers its subcommands with ``register(subparsers)`` and sets a
``run`` function on them; user mistakes are ``DiagError``s, printed as one line (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.cli import campaign, db, demo, export, plan, questionnaires, run_app, server, sync
from app.cli.french import FrenchParser
from audits.errors import DiagError

COMMAND_MODULES = (campaign, db, demo, export, plan, questionnaires, run_app, server, sync)


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="diagterrain",
        description="Diag Terrain : diagnostics énergie, RSE et labels des CCI et CMA.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes")
    subparsers.required = True
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except DiagError as error:
        print(f"diagterrain : {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("diagterrain : interrompu", file=sys.stderr)
        return 130
    return code


def add_parser(subparsers: argparse._SubParsersAction, name: str, help_text: str) -> FrenchParser:
    parser: FrenchParser = subparsers.add_parser(name, help=help_text, description=help_text)
    return parser
