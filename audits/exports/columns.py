"""The column layout of answer exports, stable across questionnaire versions.

The rule (README, « Exports »): an answers table has the fixed columns of ``META_COLUMNS``
(all starting with « _ », which no question id can), then one column per question id, in
the order in which ids first appear when the questionnaire's versions are read oldest first,
each version in its own question order. A new version therefore only *appends* the ids it
introduces; an id it drops keeps its column (empty for audits of the new version); an id is
never renamed, moved or reused for another column. So the columns of any export are a prefix
of the columns of every later export of the same questionnaire, and a spreadsheet, a pivot
table or a script reading column 37 keeps reading the same question forever.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from audits.questionnaire import Questionnaire, QuestionType

META_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_audit", "Identifiant de l'audit"),
    ("_questionnaire", "Questionnaire"),
    ("_version", "Version du questionnaire de l'audit"),
    ("_etablissement_id", "Identifiant de l'établissement"),
    ("_siret", "SIRET"),
    ("_etablissement", "Nom de l'établissement"),
    ("_commune", "Commune"),
    ("_campagne", "Campagne"),
    ("_conseiller", "Conseiller"),
    ("_statut", "Statut de l'audit (draft, completed, signed)"),
    ("_date_prevue", "Date prévue de la visite"),
    ("_termine_le", "Terminé le (UTC)"),
    ("_signe_le", "Signé le (UTC)"),
    ("_suivi_de", "Audit dont celui-ci est le suivi"),
    ("_revision_de", "Audit signé dont celui-ci est la révision"),
    ("_score", "Score global (%)"),
)
"""Never reordered; a new meta column may only be added at the end of this tuple."""

TYPE_NAMES = {
    QuestionType.BOOL: "oui/non",
    QuestionType.CHOICE: "choix (code)",
    QuestionType.MULTI: "choix multiple (codes séparés par des espaces)",
    QuestionType.INT: "entier",
    QuestionType.NUMBER: "nombre",
    QuestionType.TEXT: "texte",
    QuestionType.DATE: "date AAAA-MM-JJ",
    QuestionType.TIME: "heure HH:MM",
    QuestionType.PHOTO: "photos (SHA-256 séparés par des espaces)",
    QuestionType.SIGNATURE: "signature (SHA-256)",
    QuestionType.COMPUTED: "calculé",
}


@dataclass
class QuestionColumn:
    """One question's column and what the data dictionary says about it."""

    id: str
    label: str
    type: QuestionType
    unit: str | None = None
    versions: list[int] = field(default_factory=list)


def question_columns(versions: Sequence[Questionnaire]) -> list[QuestionColumn]:
    """One column per question id, by first appearance over versions read oldest first."""
    columns: dict[str, QuestionColumn] = {}
    for questionnaire in sorted(versions, key=lambda q: q.version):
        for question in questionnaire.questions():
            if not question.takes_answer:
                continue
            column = columns.get(question.id)
            if column is None:
                column = columns[question.id] = QuestionColumn(question.id, "", question.type)
            column.label, column.type, column.unit = question.label, question.type, question.unit
            column.versions.append(questionnaire.version)
    return list(columns.values())


def header(columns: Sequence[QuestionColumn]) -> list[str]:
    return [name for name, _ in META_COLUMNS] + [column.id for column in columns]


def dictionary(columns: Sequence[QuestionColumn]) -> list[list[str]]:
    """Rows of the data dictionary: column, label, type, unit, versions that ask it."""
    rows = [[name, label, "", "", ""] for name, label in META_COLUMNS]
    for column in columns:
        versions = ", ".join(str(v) for v in column.versions)
        kind = TYPE_NAMES.get(column.type, column.type.value)
        rows.append([column.id, column.label, kind, column.unit or "", versions])
    return rows


DICTIONARY_HEADER = ["colonne", "libellé", "type", "unité", "versions"]
