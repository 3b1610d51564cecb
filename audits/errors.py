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
    # XLSForm import and export (audits/xlsform)
    XLSFORM_UNREADABLE = "classeur XLSForm illisible : {problem}"
    XLSFORM_NO_SURVEY = "pas de feuille « survey » : ce classeur n'est pas un XLSForm"
    XLSFORM_AT_ROW = "{sheet}, ligne {row} : {message}"
    XLSFORM_SUMMARY = "{lost} élément(s) non repris, {adapted} adaptation(s)"
    XLSFORM_LANGUAGE = (
        "libellés pris dans la langue « {language} » (langues du classeur : {languages})"
    )
    XLSFORM_TYPE_UNSUPPORTED = (
        "type « {type} » sans équivalent : la question « {name} » n'est pas importée"
    )
    XLSFORM_TYPE_METADATA = (
        "métadonnée « {type} » (« {name} ») non importée : "
        "Diag Terrain enregistre lui-même dates et appareil"
    )
    XLSFORM_TYPE_APPROXIMATED = "type « {type} » importé comme question {target} : {why}"
    XLSFORM_WHY_DATETIME = "l'heure n'est pas conservée"
    XLSFORM_WHY_BARCODE = "le code est saisi au clavier"
    XLSFORM_WHY_EXTERNAL = "les choix sont dans un fichier externe ({file})"
    XLSFORM_WHY_NO_LIST = "la liste « {list} » est absente de la feuille choices"
    XLSFORM_REPEAT = (
        "groupe répété « {name} » (lignes {first} à {last}) non pris en charge : "
        "ses questions sont importées une seule fois, comme une section"
    )
    XLSFORM_GROUP_UNCLOSED = "groupe « {name} » jamais fermé : il se termine avec le questionnaire"
    XLSFORM_END_UNMATCHED = "« {type} » sans début de groupe correspondant : ligne ignorée"
    XLSFORM_NO_NAME = "ligne de type « {type} » sans nom (colonne name) : ignorée"
    XLSFORM_COLUMNS_IGNORED = "colonnes sans équivalent ignorées : {columns}"
    XLSFORM_SETTINGS_IGNORED = "réglages sans équivalent ignorés : {settings}"
    XLSFORM_LIST_COLUMNS_IGNORED = (
        "liste « {list} » : colonnes sans équivalent ignorées : {columns}"
    )
    XLSFORM_RENAMED = "nom « {name} » devenu « {id} » (identifiants : minuscules, chiffres et _)"
    XLSFORM_DUPLICATE_NAME = (
        "nom « {name} » en double (déjà ligne {first}) : devenu « {id} » ; "
        "${{{name}}} désigne la première"
    )
    XLSFORM_CODE_RENAMED = "liste « {list} » : code « {code} » devenu « {new} »"
    XLSFORM_CODE_DUPLICATE = (
        "liste « {list} » : code « {code} » en double (déjà ligne {first}) : ignoré"
    )
    XLSFORM_BOOL = "liste « {list} » : « {name} » importée comme question oui/non"
    XLSFORM_OR_OTHER = "« or_other » : choix « other » et question « {id} » (précisez) ajoutés"
    XLSFORM_NO_LABEL = "pas de libellé : le nom « {name} » sert de libellé"
    XLSFORM_VERSION = "version « {version} » non entière : version 1 retenue"
    XLSFORM_NOT_TRANSLATED = "{column} non traduit ({reason}) : « {expression} » ; {consequence}"
    XLSFORM_CONSTANT_CODE = (
        "{column} : « {code} » n'est pas un code de « {name} » : "
        "la comparaison est remplacée par sa valeur constante {constant}"
    )
    XLSFORM_THEN_VISIBLE = "la question reste toujours visible"
    XLSFORM_THEN_SECTION_VISIBLE = "la section reste toujours visible"
    XLSFORM_THEN_NOT_REQUIRED = "la question n'est pas obligatoire"
    XLSFORM_THEN_UNCHECKED = "la réponse n'est pas contrôlée"
    XLSFORM_THEN_NOT_COMPUTED = "la question calculée n'est pas importée"
    XPATH_SYNTAX = "syntaxe illisible près de « {near} »"
    XPATH_PATH = "chemin XPath « {path} » non pris en charge : désignez les questions par ${{nom}}"
    XPATH_UNION = "opérateur « | » non pris en charge"
    XPATH_FUNCTION = "fonction {name}() sans équivalent dans Diag Terrain"
    XPATH_ARGUMENTS = "{name}() : arguments non pris en charge"
    XPATH_UNKNOWN_NAME = "question inconnue ${{{name}}}"
    XPATH_NOT_IMPORTED = "${{{name}}} n'est pas importée"
    XPATH_NOTE = "${{{name}}} est une note, sans réponse"
    XPATH_CURRENT = "« . » (la réponse en cours) n'existe que dans constraint"
    XPATH_NOT_CONDITION = "« {expression} » n'est pas une condition : comparez-la à une valeur"
    XPATH_TEXT_ORDER = "comparaison d'ordre sur une réponse non numérique ({name})"
    XPATH_ARITHMETIC = "calcul sur une réponse non numérique ({name})"
    XPATH_REFUSED = "traduction refusée par le langage d'expressions : {problem}"
    XLSFORM_OUTPUT_EXISTS = "le fichier « {path} » existe déjà : ajoutez --force pour le remplacer"
    XLSFORM_IMPORTED = "{path} écrit : {sections} sections, {questions} questions"
    XLSFORM_EXPORTED = "{path} écrit : {sections} groupes, {questions} questions"
    XLSFORM_WRITE_FAILED = "impossible d'écrire « {path} » : {problem}"
    XLSFORM_EXPORT_EXPRESSION = "« {question} » : {field} non exporté ({reason}) : « {expression} »"
    XLSFORM_EXPORT_DROPPED = "non exporté, sans équivalent XLSForm : {what}"
    XLSFORM_EXPORT_REJECTED = "pyxform refuse le classeur produit : {problem}"
    XLSFORM_PART_ACTIONS = "catalogue d'actions ({count})"
    XLSFORM_PART_LABELS = "labels ({count})"
    XLSFORM_PART_SCORING = "thèmes, pondérations et scores"
    XLSFORM_PART_SOURCES = "sources ({count})"
    EXPORT_FUNCTION = "fonction {name}() sans équivalent XLSForm"
    EXPORT_CONSTRUCT = "construction sans équivalent XLSForm : {what}"
    XLSFORM_NO_TYPE = "ligne sans type (colonne type) : ignorée"
    XLSFORM_CHOICE_NO_NAME = "choix sans nom (colonne name) : ignoré"
    XLSFORM_NO_CALCULATION = "colonne calculation vide"
    XLSFORM_DESCRIPTION = "Importé du formulaire XLSForm « {file} »"
    XLSFORM_GENERAL_SECTION = "Questions générales"
    XLSFORM_OTHER_CHOICE = "Autre"
    XLSFORM_OTHER_QUESTION = "Précisez « autre »"
    XLSFORM_EXPORT_GROUP_RENAMED = (
        "section « {id} » exportée comme groupe « {name} » : un nom XLSForm est unique "
        "dans tout le formulaire"
    )
    XLSFORM_EXPORT_BOUNDS = "« {question} » : min/max d'une question calculée non exportés"
    XLSFORM_REF_INLINED = "« {question} » : ref() remplacé par la valeur de référence actuelle"
    XLSFORM_NOT_A_WORKBOOK = "format non reconnu : un XLSForm est un classeur .xlsx ou .xls"
    XLSFORM_TEXT_REFERENCE = (
        "texte : ${{{name}}} désigne une question non importée, écrit « {name} » à la place"
    )
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
    AUDIT_SIGNATURES_INVALID = "signatures illisibles dans l'audit « {id} » : {problem}"
    SIGNATURE_UNKNOWN = (
        "image de signature {sha256} absente de l'appareil : enregistrez-la avant de signer"
    )
    SIGNATURE_NAMES_MISSING = (
        "indiquez le nom du conseiller et celui du signataire pour l'entreprise"
    )
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
    DEMO_NOT_EMPTY = (
        "la base {path} contient déjà des établissements : choisissez un autre fichier pour la démo"
    )
    FILE_NOT_WRITTEN = "écriture impossible : {path} ({problem})"
    # action plan and its PDF (audits/plan, audits/report, diagterrain plan)
    PLAN_LINE_EXISTS = (
        "l'action « {id} » existe déjà dans le plan : choisissez un autre identifiant"
    )
    PLAN_LINE_NOT_FOUND = "action « {id} » absente du plan"
    PLAN_TRANSITION = "action « {id} » : impossible de passer de « {current} » à « {target} »"
    PLAN_DATE_INVALID = "date « {value} » invalide : écrivez-la AAAA-MM-JJ (par exemple 2026-11-23)"
    PLAN_NO_QUESTIONNAIRE = "clé « questionnaire » manquante : indiquez ID@VERSION du questionnaire"
    PLAN_ANSWERS_NOT_MAPPING = "« answers » doit être une table question: réponse"
    PLAN_STATUS_INVALID = (
        "« {question} » : statut « {status} » inconnu (statuts : not_applicable, unknown)"
    )
    REPORT_WRITE_FAILED = "impossible d'écrire le PDF « {path} » : {problem}"
    REPORT_IMAGE_UNREADABLE = "image illisible « {path} » : {problem}"
    # the server's administration commands (app/cli/server.py)
    SERVER_DB_UNREACHABLE = "base de données du serveur injoignable ({url}) : {problem}"
    # exports handed over by the app (audits/fieldwork/audit_export.py)
    EXPORT_EMPTY = "aucun audit à exporter pour « {what} »"
    # campaigns and their establishment lists (audits/campaigns)
    CAMPAIGN_NOT_FOUND = "campagne introuvable : « {key} » (voir « diagterrain campaign list »)"
    CAMPAIGN_AMBIGUOUS = "plusieurs campagnes correspondent à « {key} » : {names}"
    LIST_NOT_FOUND = "fichier introuvable : {path}"
    LIST_XLS = "{path} : ancien format Excel (.xls) : enregistrez-le en .xlsx ou .csv"
    LIST_FORMAT = "{path} : format non pris en charge (attendu : .csv ou .xlsx)"
    LIST_UNREADABLE = "{path} : classeur illisible ({problem})"
    LIST_EMPTY = "{path} : le fichier ne contient aucune ligne"
    IMPORT_REFUSED = "{path} : {count} problème(s), rien n'a été importé"
    IMPORT_MORE = "… et {count} autre(s)"
    IMPORT_AT_LINE = "ligne {line} : {problem}"
    IMPORT_COLUMNS_MISSING = "colonne(s) obligatoire(s) absente(s) : {names} (lues : {found})"
    IMPORT_NO_COLUMN = "aucune"
    IMPORT_SIRET_TWICE = "SIRET {siret} déjà présent ligne {first}"
    IMPORT_NAME_MISSING = "nom manquant"
    IMPORT_CELL = "{field} {problem}"
    CELL_MISSING = "manquant"
    CELL_POSTCODE = "« {text} » invalide : cinq chiffres attendus"
    CELL_NAF = "« {text} » invalide : attendu sous la forme 47.71Z"
    CELL_NUMBER = "« {text} » : nombre attendu"
    CELL_POSITIVE = "« {text} » : nombre positif attendu"
    CELL_POSITIVE_INTEGER = "« {text} » : nombre entier positif attendu"
    CELL_INVALID = "« {text} » invalide"
    CELL_DATE = "« {text} » invalide : attendu JJ/MM/AAAA"
    # answers and plans exports (audits/exports)
    EXPORT_QUESTIONNAIRE_ABSENT = "questionnaire « {id} » absent de la base"
    EXPORT_NOT_WRITTEN = "export non écrit : {path} ({problem})"

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
