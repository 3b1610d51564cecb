"""Reading an establishment list from CSV or XLSX into rows numbered as the user sees them.

Row numbers are the spreadsheet's (Excel row, CSV line), so « ligne 14 » in an error points
where the user will look. CSV files from French Excel use « ; » and Windows-1252: the
separator is sniffed among « ; », « , » and tab, and the encoding falls back from UTF-8.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audits.errors import DiagError, Message

Cell = str | int | float | bool | dt.datetime | dt.date | None


@dataclass(frozen=True)
class Sheet:
    """The header row and the data rows of a list, each with its row number."""

    headers: list[str]
    rows: list[tuple[int, list[Cell]]]


def read_sheet(path: Path) -> Sheet:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DiagError(Message.LIST_NOT_FOUND.format(path=path))
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    if suffix == ".xls":
        raise DiagError(Message.LIST_XLS.format(path=path))
    raise DiagError(Message.LIST_FORMAT.format(path=path))


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_separator(content))
    numbered: list[tuple[int, list[Cell]]] = []
    for cells in reader:
        numbered.append((reader.line_num, list(cells)))
    return _split(numbered, path)


def _separator(content: str) -> str:
    sample = "\n".join(content.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        return ";"


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise DiagError(Message.LIST_UNREADABLE.format(path=path, problem=exc)) from None
    try:
        sheet = workbook.worksheets[0]
        numbered = [
            (number, list(cells))
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()
    return _split(numbered, path)


def _split(numbered: list[tuple[int, list[Any]]], path: Path) -> Sheet:
    """The first non-empty row is the header; empty rows are skipped."""
    filled = [(number, cells) for number, cells in numbered if any(_filled(c) for c in cells)]
    if not filled:
        raise DiagError(Message.LIST_EMPTY.format(path=path))
    _, header = filled[0]
    headers = ["" if cell is None else str(cell).strip() for cell in header]
    return Sheet(headers, filled[1:])


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""
