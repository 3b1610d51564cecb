"""One row of an establishment list turned into checked values, or French problems.

Spreadsheets hand over SIRETs as numbers (leading zeros lost), postcodes as integers, dates
as Excel dates or « 05/03/2026 », decimals with a comma: each cell is read the way a French
user typed it, and every problem of the row is reported, not only the first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from audits.campaigns.columns import FIELD_NAMES
from audits.errors import DiagError, Message
from audits.store.establishments import checked_siret

NAF = re.compile(r"^(\d{2})\.?(\d{2}[A-Za-z])$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%Y")
TEXT_FIELDS = ("address", "commune", "activity", "contact_name", "contact_phone", "advisor")


@dataclass
class RowValues:
    """Checked values of one row: ``establishment`` as the store takes it, and the visit."""

    line: int
    establishment: dict[str, Any] = field(default_factory=dict)
    advisor: str | None = None
    planned_on: dt.date | None = None
    problems: list[str] = field(default_factory=list)


def read_row(line: int, cells: dict[str, Any]) -> RowValues:
    row = RowValues(line)
    values = row.establishment
    values["name"] = _text(cells.get("name"))
    if not values["name"]:
        row.problems.append(Message.IMPORT_NAME_MISSING.value)
    _check(row, "siret", lambda: checked_siret(_siret_text(cells.get("siret"))))
    for name in TEXT_FIELDS:
        values[name] = _text(cells.get(name)) or None
    _check(row, "postcode", lambda: _postcode(cells.get("postcode")))
    _check(row, "naf", lambda: _naf(cells.get("naf")))
    if values.get("naf") is None and NAF.match(values.get("activity") or ""):
        values["naf"], values["activity"] = _naf(values["activity"]), None
    _check(row, "surface_m2", lambda: _number(cells.get("surface_m2"), integer=False))
    _check(row, "staff", lambda: _number(cells.get("staff"), integer=True))
    _check(row, "contact_email", lambda: _email(cells.get("contact_email")))
    row.advisor = values.pop("advisor")
    try:
        row.planned_on = _date(cells.get("planned_on"))
    except ValueError as exc:
        row.problems.append(
            Message.IMPORT_CELL.format(field=FIELD_NAMES["planned_on"], problem=exc)
        )
    return row


def _check(row: RowValues, name: str, read: Any) -> None:
    try:
        row.establishment[name] = read()
    except DiagError as exc:
        row.problems.append(str(exc))
    except ValueError as exc:
        row.problems.append(Message.IMPORT_CELL.format(field=FIELD_NAMES[name], problem=exc))


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())


def _siret_text(cell: Any) -> str:
    """A SIRET typed as a number in Excel has lost its leading zeros: put them back."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return f"{int(cell):014d}"
    text = _text(cell)
    if not text:
        raise ValueError(Message.CELL_MISSING.value)
    return text


def _postcode(cell: Any) -> str | None:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        cell = f"{int(cell):05d}"
    text = _text(cell).replace(" ", "")
    if not text:
        return None
    if not re.fullmatch(r"\d{5}", text):
        raise ValueError(Message.CELL_POSTCODE.format(text=text))
    return text


def _naf(cell: Any) -> str | None:
    text = _text(cell).replace(" ", "")
    if not text:
        return None
    match = NAF.match(text)
    if match is None:
        raise ValueError(Message.CELL_NAF.format(text=text))
    return f"{match.group(1)}.{match.group(2).upper()}"


def _number(cell: Any, integer: bool) -> float | int | None:
    if cell is None or _text(cell) == "":
        return None
    try:
        value = (
            float(cell)
            if isinstance(cell, int | float)
            else float(_text(cell).replace(" ", "").replace("\u202f", "").replace(",", "."))
        )
    except ValueError:
        raise ValueError(Message.CELL_NUMBER.format(text=_text(cell))) from None
    if value < 0 or (integer and not value.is_integer()):
        message = Message.CELL_POSITIVE_INTEGER if integer else Message.CELL_POSITIVE
        raise ValueError(message.format(text=_text(cell)))
    return int(value) if integer else value


def _email(cell: Any) -> str | None:
    text = _text(cell)
    if text and not EMAIL.match(text):
        raise ValueError(Message.CELL_INVALID.format(text=text))
    return text or None


def _date(cell: Any) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(Message.CELL_DATE.format(text=text))
