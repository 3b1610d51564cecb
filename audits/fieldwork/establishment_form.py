"""The establishment form's checks, one French message per field, shown under that field.

The store checks the same rules (and refuses the write); doing it field by field here lets
the form say « SIRET : la clé de contrôle ne correspond pas » next to the SIRET as the
advisor types, instead of one message for the whole form after saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from audits.errors import DiagError
from audits.fieldwork.inputs import field_message
from audits.model_errors import problems_from
from audits.store.establishments import EstablishmentData, checked_siret

NUMBER_FIELDS = {"surface_m2": float, "staff": int}
LABELS = {
    "siret": "SIRET",
    "name": "Nom",
    "naf": "Code NAF",
    "activity": "Activité",
    "address": "Adresse",
    "postcode": "Code postal",
    "commune": "Commune",
    "surface_m2": "Surface",
    "staff": "Effectif",
    "contact_name": "Contact",
    "contact_phone": "Téléphone",
    "contact_email": "Courriel",
}
FRIENDLY = {
    "naf": "un code NAF s'écrit 2 chiffres, 2 chiffres et une lettre, par exemple 10.71C",
    "postcode": "un code postal compte 5 chiffres",
    "name": "indiquez le nom de l'établissement",
    "surface_m2": "saisissez une surface en m², par exemple 120",
    "staff": "saisissez un nombre entier de salariés, par exemple 3",
}


def form_values(fields: Mapping[str, str]) -> dict[str, Any]:
    """Typed values from the form's texts: blanks are None, numbers read the French way."""
    values: dict[str, Any] = {}
    for name, text in fields.items():
        raw = text.strip()
        if name in NUMBER_FIELDS and raw:
            compact = raw.replace(" ", "").replace("\u00a0", "").replace(",", ".")
            try:
                number = float(compact)
            except ValueError:
                number = None
            whole = number is not None and (name != "staff" or number.is_integer())
            values[name] = NUMBER_FIELDS[name](number) if whole else raw
        else:
            values[name] = raw or None
    values["name"] = values.get("name") or ""
    return values


def siret_error(text: str) -> str | None:
    if not text.strip():
        return "le SIRET est obligatoire (14 chiffres)"
    try:
        checked_siret(text)
    except DiagError as error:
        return field_message(error).split(" invalide : ", 1)[-1]
    return None


def field_errors(fields: Mapping[str, str]) -> dict[str, str]:
    """Per field, what is wrong; empty when the establishment can be saved."""
    errors: dict[str, str] = {}
    siret = siret_error(fields.get("siret", ""))
    if siret:
        errors["siret"] = siret
    values = form_values(fields)
    values["siret"] = "0" * 14
    try:
        EstablishmentData.model_validate(values)
    except ValidationError as exc:
        problems = problems_from(exc, [EstablishmentData])
        for detail, problem in zip(exc.errors(), problems, strict=True):
            name = str(detail["loc"][0])
            errors.setdefault(name, FRIENDLY.get(name, _short(problem.message)))
    return errors


def _short(message: str) -> str:
    """« champ surface_m2 : « -3 » doit être au moins 0 » -> « « -3 » doit être au moins 0 »."""
    return message.split(" : ", 1)[-1]
