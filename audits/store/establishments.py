"""Establishments (shops, workshops): the audited businesses, identified by their SIRET.

They hold personal data (a sole trader's name, contact details): see ``personal_data`` for
export and erasure. The SIRET is checked with python-stdnum before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siret as stdnum_siret

from audits.errors import Message
from audits.store import rows
from audits.store.db import Store
from audits.store.errors import NotFoundError, StoreError, invalid_data

SIRET_PROBLEMS: list[tuple[type[Exception], str]] = [
    (stdnum_errors.InvalidLength, "il doit compter 14 chiffres"),
    (stdnum_errors.InvalidChecksum, "la clé de contrôle ne correspond pas, vérifiez la saisie"),
    (stdnum_errors.ValidationError, "seuls des chiffres sont permis"),
]


class EstablishmentData(BaseModel):
    """What the advisor enters about an establishment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    siret: str
    name: str = Field(min_length=1, max_length=200)
    naf: str | None = Field(default=None, pattern=r"^\d{2}\.?\d{2}[A-Z]$")
    activity: str | None = None
    address: str | None = None
    postcode: str | None = Field(default=None, pattern=r"^\d{5}$")
    commune: str | None = None
    surface_m2: float | None = Field(default=None, ge=0)
    staff: int | None = Field(default=None, ge=0)
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None


class Establishment(EstablishmentData):
    id: str
    org_id: str
    rev: str
    base_rev: str | None = None
    deleted: bool = False
    updated_by: str


DATA_FIELDS = tuple(EstablishmentData.model_fields)
COLUMNS = ", ".join(Establishment.model_fields)


def checked_siret(value: str) -> str:
    """The SIRET without spaces, or a StoreError saying what is wrong with it."""
    try:
        return str(stdnum_siret.validate(value))
    except stdnum_errors.ValidationError as exc:
        problem = next(text for kind, text in SIRET_PROBLEMS if isinstance(exc, kind))
        raise StoreError(Message.SIRET_INVALID.format(siret=value, problem=problem)) from None


def _checked(data: Mapping[str, Any]) -> EstablishmentData:
    values = dict(data)
    if isinstance(values.get("siret"), str):
        values["siret"] = checked_siret(values["siret"])
    try:
        return EstablishmentData.model_validate(values)
    except ValidationError as exc:
        raise invalid_data("établissement", exc, EstablishmentData) from None


def create_establishment(store: Store, data: Mapping[str, Any]) -> Establishment:
    """Record a new establishment; a SIRET already on this device is refused."""
    checked = _checked(data)
    with store.db.atomic():
        _refuse_duplicate(store, checked.siret)
        row_id = rows.insert(store, "establishments", checked.model_dump())
    return get_establishment(store, row_id)


def update_establishment(store: Store, row_id: str, changes: Mapping[str, Any]) -> Establishment:
    current = get_establishment(store, row_id)
    checked = _checked({**current.model_dump(include=set(DATA_FIELDS)), **changes})
    with store.db.atomic():
        if checked.siret != current.siret:
            _refuse_duplicate(store, checked.siret)
        rows.update(store, "establishments", row_id, checked.model_dump())
    return get_establishment(store, row_id)


def get_establishment(store: Store, row_id: str) -> Establishment:
    row = store.db.execute(
        f"SELECT {COLUMNS} FROM establishments WHERE id = ? AND deleted = 0",  # noqa: S608
        [row_id],
    ).fetchone()
    if row is None:
        raise NotFoundError("établissement", row_id)
    return from_row(row)


def find_by_siret(store: Store, siret: str) -> list[Establishment]:
    """Live establishments with this SIRET (spaces allowed in the input)."""
    compact = siret.replace(" ", "").replace(".", "")
    cursor = store.db.execute(
        f"SELECT {COLUMNS} FROM establishments WHERE siret = ? AND deleted = 0",  # noqa: S608
        [compact],
    )
    return [from_row(row) for row in cursor]


def from_row(row: tuple[Any, ...]) -> Establishment:
    """A record from a ``SELECT {COLUMNS}`` row (already validated when written)."""
    values = dict(zip(Establishment.model_fields, row, strict=True))
    values["deleted"] = bool(values["deleted"])
    return Establishment.model_construct(**values)


def _refuse_duplicate(store: Store, siret: str) -> None:
    row = store.db.execute(
        "SELECT name FROM establishments WHERE siret = ? AND deleted = 0", [siret]
    ).fetchone()
    if row is not None:
        raise StoreError(Message.SIRET_EXISTS.format(siret=siret, name=row[0]))
