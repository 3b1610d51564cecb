"""Answers and plans of audits as one file to hand over: CSV (zipped), XLSX or JSON.

The tables are those of ``diagterrain export`` (``audits.exports``), columns included: an
analyst gets the same columns from the app as from the command line. What differs is the
packaging, chosen for someone who taps « Exporter » and expects one file:

- CSV is one table per file, so the answers and the plans come as two CSV files (French
  Excel dialect) in a ZIP, with a short LISEZMOI;
- XLSX is one workbook: « reponses », « actions », then the two data dictionaries;
- JSON is one file: each audit with its answers and its plan.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from audits.errors import DiagError, Message
from audits.exports import export_answers, export_json, export_plans
from audits.fieldwork.files import slug
from audits.store.db import Store
from audits.store.questionnaires import stored_questionnaire, stored_refs

ExportFormat = Literal["csv", "xlsx", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "xlsx", "json")
MIME = {
    "csv": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
SHEETS = (
    ("answers", "reponses", "reponses"),
    ("plans", "actions", "actions"),
    ("answers", "dictionnaire", "dictionnaire"),
    ("plans", "dictionnaire", "dictionnaire_actions"),
)
"""Sheets of the workbook: (source table, its sheet, name in the workbook), in order."""

README = """Export Diag Terrain — {title}
{underline}

reponses.csv : une ligne par audit. Les colonnes commençant par « _ » décrivent l'audit
(établissement, statut, dates, score) ; les suivantes sont les questions, une colonne par
identifiant de question, dans un ordre qui ne change pas d'une version du questionnaire à
l'autre (une nouvelle question s'ajoute à la fin).

actions.csv : une ligne par action des plans d'actions (économies en kWh, euros et kg CO2e,
coût, aide, statut, résultats mesurés au suivi).

Format : séparateur « ; », virgule décimale, UTF-8 — ce qu'Excel en français ouvre
directement. Oui / non s'écrivent « oui » / « non » ; « sans_objet » et « ne_sait_pas »
marquent les réponses « non applicable » et « je ne sais pas ».
"""


@dataclass(frozen=True)
class ExportFile:
    name: str
    content: bytes
    mime: str
    audits: int
    actions: int | None = None
    """Plan lines in the file; ``None`` for JSON, where they sit inside each audit."""


@dataclass(frozen=True)
class QuestionnaireChoice:
    id: str
    title: str
    audits: int


def exportable_questionnaires(store: Store) -> list[QuestionnaireChoice]:
    """Every stored questionnaire (latest title) with its number of audits, most used first."""
    latest: dict[str, str] = {}
    for ref in stored_refs(store):  # ordered by version: the last one wins
        latest[ref.partition("@")[0]] = ref
    counts = dict(
        store.db.execute(
            "SELECT questionnaire_id, count(*) FROM audits WHERE deleted = 0"
            " GROUP BY questionnaire_id"
        ).fetchall()
    )
    choices = [
        QuestionnaireChoice(qid, stored_questionnaire(store, ref).title, int(counts.get(qid, 0)))
        for qid, ref in latest.items()
    ]
    return sorted(choices, key=lambda c: (-c.audits, c.title.casefold()))


def export_audits(
    store: Store,
    form: ExportFormat,
    questionnaire_id: str,
    *,
    label: str,
    on_date: dt.date,
    campaign_id: str | None = None,
    exported_at: str | None = None,
    reference: Mapping[str, Any] | None = None,
) -> ExportFile:
    """The answers and plans of every audit of the questionnaire (of one campaign, if given).

    ``label`` and ``on_date`` name the file (« export-commerces-economes-2026-11-23.xlsx »).
    An export with no audit is refused: an empty file handed over would only puzzle its reader.
    """
    options: dict[str, Any] = {"campaign_id": campaign_id, "reference": reference}
    base = f"export-{slug(label, 'audits')}-{on_date.isoformat()}"
    with tempfile.TemporaryDirectory(prefix="diagterrain-") as folder:
        work = Path(folder)
        if form == "json":
            path = work / "export.json"
            count = export_json(
                store, path, questionnaire_id=questionnaire_id, exported_at=exported_at, **options
            )
            _refuse_empty(count, label)
            return ExportFile(f"{base}.json", path.read_bytes(), MIME[form], count)
        table: Literal["csv", "xlsx"] = "csv" if form == "csv" else "xlsx"
        paths = {"answers": work / f"reponses.{form}", "plans": work / f"actions.{form}"}
        count = export_answers(store, questionnaire_id, paths["answers"], table, **options)
        _refuse_empty(count, label)
        lines = export_plans(
            store, paths["plans"], table, questionnaire_id=questionnaire_id, **options
        )
        if form == "csv":
            content = _zip(paths, label)
            return ExportFile(f"{base}-csv.zip", content, MIME[form], count, lines)
        return ExportFile(f"{base}.xlsx", _workbook(paths), MIME[form], count, lines)


def _refuse_empty(count: int, label: str) -> None:
    if not count:
        raise DiagError(Message.EXPORT_EMPTY.format(what=label))


def _zip(paths: Mapping[str, Path], title: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        heading = f"Export Diag Terrain — {title}"
        archive.writestr("LISEZMOI.txt", README.format(title=title, underline="=" * len(heading)))
        for path in paths.values():
            archive.write(path, path.name)
    return buffer.getvalue()


def _workbook(paths: Mapping[str, Path]) -> bytes:
    """The two workbooks of ``export_answers`` / ``export_plans`` as one, cells unchanged."""
    sources = {name: load_workbook(path, read_only=True) for name, path in paths.items()}
    try:
        book = Workbook(write_only=True)
        for source, sheet, target in SHEETS:
            _copy(sources[source][sheet], book.create_sheet(target), freeze=sheet != "dictionnaire")
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    finally:
        for workbook in sources.values():
            workbook.close()


def _copy(source: Any, target: Any, freeze: bool) -> None:
    rows: Iterator[tuple[Any, ...]] = source.iter_rows(values_only=True)
    header = next(rows, ())
    if freeze:
        target.freeze_panes = "A2"
    target.append([_bold(target, value) for value in header])
    for row in rows:
        target.append(list(row))


def _bold(sheet: Any, value: Any) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell
