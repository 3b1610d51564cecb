"""Importing an establishment list into a campaign: all rows checked first, then one transaction.

A list with mistakes is not half imported: every problem is reported with its row number
(« ligne 14 : SIRET … invalide … ») and nothing is written, so the user fixes the file and
runs the import again. Running it again is harmless: a SIRET already on the device is enrolled
as it is (its record is not overwritten by the list), a shop already enrolled is counted as
such, and a visit is planned only for a shop with no visit in the campaign yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audits.campaigns.cells import RowValues, read_row
from audits.campaigns.columns import FIELD_NAMES, map_columns
from audits.campaigns.sheet import Sheet, read_sheet
from audits.errors import DiagError, Message
from audits.store.audits import create_audit
from audits.store.campaigns import add_to_campaign, campaign_members
from audits.store.db import Store
from audits.store.establishments import create_establishment, find_by_siret
from audits.store.questionnaires import resolve_ref

MAX_SHOWN_ERRORS = 50


class CampaignImportError(DiagError):
    """The list has problems; ``problems`` holds one French line per problem."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_SHOWN_ERRORS]
        more = len(problems) - len(shown)
        tail = "\n" + Message.IMPORT_MORE.format(count=more) if more > 0 else ""
        head = Message.IMPORT_REFUSED.format(path=path, count=len(problems))
        super().__init__("\n".join([head, *shown]) + tail)


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    known: int = 0
    enrolled: int = 0
    already_enrolled: int = 0
    planned: int = 0
    ignored_columns: list[str] = field(default_factory=list)


def import_list(store: Store, campaign_id: str, path: Path) -> ImportResult:
    """Check every row of the list at ``path``, then enrol them all, or raise with every problem."""
    sheet = read_sheet(path)
    rows = checked_rows(sheet, path)
    result = ImportResult(rows=len(rows), ignored_columns=map_columns(sheet.headers).ignored)
    ref = _campaign_questionnaire(store, campaign_id)
    with store.db.atomic():
        members = set(campaign_members(store, campaign_id))
        for row in rows:
            try:
                _enrol(store, campaign_id, ref, row, members, result)
            except CampaignImportError:
                raise
            except DiagError as exc:
                raise CampaignImportError(path, [_at(row.line, exc)]) from None
    return result


def checked_rows(sheet: Sheet, path: Path) -> list[RowValues]:
    """Every row read and checked; a CampaignImportError listing all problems if any."""
    columns = map_columns(sheet.headers)
    if columns.missing:
        names = ", ".join(f"« {FIELD_NAMES[f]} »" for f in columns.missing)
        found = ", ".join(f"« {h} »" for h in sheet.headers if h)
        missing = Message.IMPORT_COLUMNS_MISSING.format(
            names=names, found=found or Message.IMPORT_NO_COLUMN.value
        )
        raise CampaignImportError(path, [_at(1, missing)])
    problems: list[str] = []
    rows: list[RowValues] = []
    first_line: dict[str, int] = {}
    for line, cells in sheet.rows:
        named = {name: _cell(cells, index) for name, index in columns.fields.items()}
        row = read_row(line, named)
        siret = row.establishment.get("siret")
        if siret and siret in first_line:
            row.problems.append(
                Message.IMPORT_SIRET_TWICE.format(siret=siret, first=first_line[siret])
            )
        elif siret:
            first_line[siret] = line
        problems += [_at(line, problem) for problem in row.problems]
        rows.append(row)
    if problems:
        raise CampaignImportError(path, problems)
    return rows


def _at(line: int, problem: object) -> str:
    """« ligne 14 : … »: the spreadsheet's own row number, so the user finds the row."""
    return Message.IMPORT_AT_LINE.format(line=line, problem=problem)


def _cell(cells: list[Any], index: int) -> Any:
    return cells[index] if index < len(cells) else None


def _enrol(
    store: Store,
    campaign_id: str,
    ref: str,
    row: RowValues,
    members: set[str],
    result: ImportResult,
) -> None:
    values = {k: v for k, v in row.establishment.items() if v is not None}
    found = find_by_siret(store, values["siret"])
    if found:
        establishment_id = found[0].id
        result.known += 1
    else:
        establishment_id = create_establishment(store, values).id
        result.created += 1
    if establishment_id in members:
        result.already_enrolled += 1
    else:
        add_to_campaign(store, campaign_id, establishment_id)
        members.add(establishment_id)
        result.enrolled += 1
    if (row.planned_on or row.advisor) and not _has_visit(store, campaign_id, establishment_id):
        create_audit(
            store,
            establishment_id,
            ref,
            planned_on=row.planned_on,
            campaign_id=campaign_id,
            advisor=row.advisor,
        )
        result.planned += 1


def _has_visit(store: Store, campaign_id: str, establishment_id: str) -> bool:
    row = store.db.execute(
        "SELECT 1 FROM audits WHERE campaign_id = ? AND establishment_id = ? AND deleted = 0",
        [campaign_id, establishment_id],
    ).fetchone()
    return row is not None


def _campaign_questionnaire(store: Store, campaign_id: str) -> str:
    row = store.db.execute(
        "SELECT questionnaire_ref FROM campaigns WHERE id = ? AND deleted = 0", [campaign_id]
    ).fetchone()
    if row is None:
        raise DiagError(Message.NOT_FOUND.format(what="campagne", id=campaign_id))
    return resolve_ref(store, str(row[0]))
