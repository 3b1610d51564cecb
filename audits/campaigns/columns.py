"""The columns of an establishment list, as associations and chambers actually title them.

Lists come from an association's member file, a chamber's CRM export or a commune's
spreadsheet: « Raison sociale », « N° SIRET », « Code postal », « Activité / NAF »… Headers
are compared without accents, case, punctuation or extra spaces, against a few aliases per
field. A column nobody recognises is reported (it may be a typo) but does not stop the import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("nom", "raison sociale", "enseigne", "etablissement", "denomination",
             "nom commercial", "nom de l etablissement", "commerce"),
    "siret": ("siret", "n siret", "no siret", "numero siret", "num siret"),
    "address": ("adresse", "adresse postale", "rue", "voie"),
    "postcode": ("code postal", "cp"),
    "commune": ("commune", "ville", "localite"),
    "activity": ("activite", "secteur", "metier", "secteur d activite", "activite naf",
                 "activite / naf"),
    "naf": ("naf", "code naf", "ape", "code ape", "naf ape", "code naf ape"),
    "surface_m2": ("surface", "surface m2", "surface totale", "surface totale m2"),
    "staff": ("effectif", "salaries", "nombre de salaries", "effectifs"),
    "contact_name": ("contact", "nom du contact", "dirigeant", "gerant", "responsable"),
    "contact_phone": ("telephone", "tel", "portable", "mobile"),
    "contact_email": ("email", "e mail", "courriel", "mail", "adresse electronique"),
    "advisor": ("conseiller", "conseillere", "conseiller referent", "conseiller e"),
    "planned_on": ("date", "date prevue", "date de visite", "visite prevue", "rendez vous",
                   "date du diagnostic"),
}  # fmt: skip
"""Field -> accepted headers, already normalised (see ``normalised``)."""

REQUIRED = ("name", "siret")
FIELD_NAMES = {
    "name": "nom",
    "siret": "siret",
    "address": "adresse",
    "postcode": "code postal",
    "commune": "commune",
    "activity": "activité",
    "naf": "naf",
    "surface_m2": "surface",
    "staff": "effectif",
    "contact_name": "contact",
    "contact_phone": "téléphone",
    "contact_email": "courriel",
    "advisor": "conseiller",
    "planned_on": "date prévue",
}
"""The French name of each field, as messages and the README call the columns."""

_BY_HEADER = {alias: field for field, aliases in ALIASES.items() for alias in aliases}


def normalised(header: str) -> str:
    """« N° SIRET » -> « n siret », « Surface (m²) » -> « surface m2 »."""
    decomposed = unicodedata.normalize("NFKD", header)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("°", " ").replace("º", " ")
    return " ".join(re.split(r"[^a-z0-9/]+", plain)).strip()


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which field, and the headers nobody recognised."""

    fields: dict[str, int]
    ignored: list[str]
    missing: list[str]


def map_columns(headers: list[str]) -> ColumnMap:
    """Match headers to fields; the first column of a field wins over later duplicates."""
    fields: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = normalised(header)
        field = _BY_HEADER.get(key) or _BY_HEADER.get(key.replace("/", " ").strip())
        if field is None:
            if key:
                ignored.append(header)
        elif field not in fields:
            fields[field] = index
    missing = [field for field in REQUIRED if field not in fields]
    return ColumnMap(fields, ignored, missing)
