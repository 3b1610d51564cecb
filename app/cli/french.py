"""argparse speaking French: its built-in messages translated, errors on one line.

argparse looks its messages up through ``gettext`` at call time; giving it a French table
is enough, no translation catalogue has to be installed on the device.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

FRENCH = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (choix possibles : %(choices)s)"
    ),
    "expected one argument": "une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s (%(matches)s)"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "subcommands": "commandes",
}


def _translate(message: str) -> str:
    return FRENCH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


argparse._ = _translate  # type: ignore[attr-defined]
argparse.ngettext = _ngettext  # type: ignore[attr-defined]


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one French line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog} : erreur : {message} (voir {self.prog} --help)\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)
