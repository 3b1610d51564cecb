"""The one catalogue of messages a questionnaire author or an advisor can be shown.

Each entry is a French template that says what is wrong and how to fix it; code raises
problems by entry and fills the template, tests assert against the same entries. Locations
(``file:line``) are added by whoever knows them, not written into the templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

Path = tuple[str | int, ...]


class Message(Enum):
    YAML_SYNTAX = "syntaxe YAML invalide : {problem}"
    FILE_UNREADABLE = "fichier illisible : {problem}"
    FILE_EMPTY = "fichier vide : un questionnaire commence par id, version, title, kind et sections"
    NOT_A_MAPPING = "{where} doit être une table de clés (clé: valeur), pas {found}"
    DUPLICATE_KEY = "clé « {key} » en double (déjà ligne {first_line}) : n'en gardez qu'une"
    UNKNOWN_KEY = "clé inconnue « {key} »{hint} : retirez-la ou corrigez son nom"
    MISSING_KEY = "clé obligatoire « {key} » manquante"
    INVALID_VALUE = "« {field} » : {problem}"
    BOOLEAN_CODE = (
        "le code de choix {value} est lu comme un booléen : écrivez-le entre guillemets ('{value}')"
    )
    DUPLICATE_ID = (
        "identifiant « {id} » en double (déjà utilisé ligne {first_line}) : "
        "chaque {what} doit avoir un identifiant unique"
    )
    DUPLICATE_CODE = "code de choix « {code} » en double dans la question « {question} »"
    BAD_EXPRESSION = "{field} : {problem}"
    UNKNOWN_QUESTION = "{field} : question inconnue « {name} »{hint}"
    NOTE_REFERENCED = "{field} : « {name} » est une note, elle n'a pas de réponse à tester"
    VALUE_OUTSIDE_CONSTRAINT = (
        "{field} : « value » n'existe que dans constraint et score.formula ; nommez la question"
    )
    UNKNOWN_CODE = "{field} : « {code} » n'est pas un code de la question « {question} »{hint}"
    UNKNOWN_REFERENCE = "{field} : donnée de référence inconnue « {key} »{hint}"
    CYCLE = "dépendance circulaire : {cycle} (une question ne peut dépendre d'elle-même)"
    CHOICES_MISSING = "la question « {question} » de type {type} doit avoir une liste choices"
    CHOICES_UNEXPECTED = "la question « {question} » de type {type} ne prend pas de choices"
    FORMULA_MISSING = "la question calculée « {question} » doit avoir une formula"
    FORMULA_UNEXPECTED = "« formula » est réservée aux questions de type computed (« {question} »)"
    SCORE_MISMATCH = "score de type {score} impossible sur une question de type {type}"
    BOUNDS_INVERTED = "min ({min}) est plus grand que max ({max}) dans « {question} »"
    BOUNDS_UNEXPECTED = "min/max ne s'appliquent qu'aux nombres (question « {question} »)"
    UNKNOWN_THEME = "thème inconnu « {theme} »{hint} : déclarez-le dans themes"
    UNKNOWN_SOURCE = "source inconnue « {source} »{hint} : déclarez-la dans sources"
    NOTE_NOT_REQUIRED = "la note « {question} » ne prend pas de réponse : retirez required"
    ANSWER_TYPE = "« {question} » attend {expected}, reçu {found}"
    ANSWER_BELOW_MIN = "« {question} » : {value} est inférieur au minimum {min}"
    ANSWER_ABOVE_MAX = "« {question} » : {value} est supérieur au maximum {max}"
    ANSWER_UNKNOWN_CODE = "« {question} » : « {code} » n'est pas un choix possible ({codes})"
    ANSWER_CONSTRAINT = "« {question} » : {message}"
    ANSWER_NO_QUESTION = "question inconnue « {question} » dans ce questionnaire{hint}"
    ANSWER_NOT_ANSWERABLE = "« {question} » ({type}) ne prend pas de réponse saisie"
    ANSWERS_FILE = "fichier de réponses : {problem}"
    QUESTIONNAIRE_NOT_FOUND = "questionnaire introuvable : « {ref} »{hint}"
    STORE_TOO_NEW = (
        "cette base a été écrite par une version plus récente de Diag Terrain "
        "(migration « {migration} ») : mettez l'application à jour"
    )
    STORE_NOT_FOUND = "base introuvable : {path} (créez-la avec « diagterrain db init --db … »)"
    STORE_UNREADABLE = "base illisible : {path} ({problem})"
    SIRET_INVALID = "SIRET « {siret} » invalide : {problem}"
    SIRET_EXISTS = "un établissement de SIRET {siret} existe déjà : « {name} »"
    FIELD_INVALID = "{what}, « {field} » : {problem}"
    NOT_FOUND = "{what} introuvable : « {id} »"
    AUDIT_SIGNED = (
        "l'audit signé le {date} ne peut plus être modifié : créez-en une nouvelle révision"
    )
    AUDIT_INCOMPLETE = (
        "l'audit ne peut pas être terminé : {count} question(s) obligatoire(s) sans réponse "
        "({questions})"
    )
    AUDIT_NOT_COMPLETED = "seul un audit terminé peut être signé (statut actuel : {status})"
    AUDIT_NOT_SIGNED = "seul un audit signé se révise ; modifiez directement celui-ci ({status})"
    QUESTIONNAIRE_NOT_STORED = (
        "le questionnaire {ref} n'est pas dans la base : importez-le (diagterrain db init) "
        "ou synchronisez l'appareil"
    )
    QUESTIONNAIRE_CHANGED = (
        "le questionnaire {ref} a changé sans changer de version alors que des audits "
        "l'utilisent : publiez-le en version {next}"
    )
    PHOTO_UNKNOWN = "photo inconnue {sha256} : ajoutez-la avant de la joindre à une réponse"
    PHOTO_MISSING = "photo {sha256} absente de {folder} : reprenez la photo ou resynchronisez"
    PHOTO_CORRUPTED = (
        "photo {sha256} corrompue (son contenu ne correspond plus à son empreinte) : "
        "reprenez la photo ou resynchronisez"
    )
    PHOTO_EMPTY = "photo vide : aucun octet reçu"
    ERASE_NOT_CONFIRMED = "l'effacement est définitif : relancez avec --yes pour confirmer"

    def format(self, **fields: Any) -> str:
        return self.value.format(**fields)


RELATED_LINE = "{related_line}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is (a path inside the document, and a line once known).

    ``related`` is the path of another place the message refers to (the first use of a
    duplicated id); its line replaces ``RELATED_LINE`` in the message once lines are known.
    """

    message: str
    path: Path = ()
    line: int | None = None
    related: Path | None = None

    def locate(self, line_of: Callable[[Path], int | None]) -> Problem:
        message = self.message
        if self.related is not None:
            message = message.replace(RELATED_LINE, str(line_of(self.related) or "?"))
        return Problem(message, self.path, self.line or line_of(self.path))

    def located(self, filename: str) -> str:
        where = f"{filename}:{self.line}" if self.line else filename
        return f"{where}: {self.message}"


class DiagError(Exception):
    """Base of the errors the user caused and can fix: shown as one French line each."""


class QuestionnaireError(DiagError):
    """A questionnaire with problems; all of them are collected, not only the first."""

    def __init__(self, filename: str, problems: Sequence[Problem]) -> None:
        self.filename = filename
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.located(self.filename) for p in self.problems]


class AnswerError(DiagError):
    """An answer the questionnaire refuses (type, bounds, constraint)."""


def hint(candidates: Iterable[str], name: str) -> str:
    """`` (vouliez-vous dire « x » ?)`` for the nearest candidate, or nothing."""
    from difflib import get_close_matches

    matches = get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {matches[0]} » ?)" if matches else ""
