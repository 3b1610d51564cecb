"""Writing a table to CSV or XLSX, row by row, with its data dictionary.

CSV has two dialects: ``excel-fr`` (« ; », decimal comma, UTF-8 with a BOM: what French Excel
opens correctly with a double click) and ``standard`` (« , », decimal point, UTF-8: what R,
pandas and databases expect). XLSX is written in openpyxl's write-only mode (constant memory)
with a second sheet, « dictionnaire », describing every column.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from audits.errors import DiagError, Message
from audits.exports.cells import text_cell


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str
    encoding: str


DIALECTS = {
    "excel-fr": Dialect(";", ",", "utf-8-sig"),
    "standard": Dialect(",", ".", "utf-8"),
}


def not_written(path: Path, exc: OSError) -> str:
    """« export non écrit : … (Permission denied) »: the system's reason, not a traceback."""
    return Message.EXPORT_NOT_WRITTEN.format(path=path, problem=exc.strerror or exc)


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], dialect: str
) -> int:
    """Write and return the number of data rows."""
    chosen = DIALECTS[dialect]
    count = 0
    try:
        with path.open("w", encoding=chosen.encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=chosen.delimiter, lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([text_cell(value, chosen.decimal) for value in row])
                count += 1
    except OSError as exc:
        raise DiagError(not_written(path, exc)) from None
    return count


def write_xlsx(
    path: Path,
    sheet: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    dictionary: tuple[Sequence[str], Sequence[Sequence[str]]],
) -> int:
    """Write the table on ``sheet`` and the data dictionary on « dictionnaire »."""
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(sheet)
    data.freeze_panes = "A2"
    data.append(_bold(data, header))
    count = 0
    for row in rows:
        data.append(list(row))
        count += 1
    described = workbook.create_sheet("dictionnaire")
    described.append(_bold(described, dictionary[0]))
    for entry in dictionary[1]:
        described.append(list(entry))
    try:
        workbook.save(path)
    except OSError as exc:
        raise DiagError(not_written(path, exc)) from None
    return count


def _bold(sheet: Any, values: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells
