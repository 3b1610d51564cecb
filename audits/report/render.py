"""``render_pdf``: a ``ReportData`` laid out as the plan PDF handed over at the end of a visit.

Order: cover; one-page summary; theme scores and findings; action table with totals;
obligations checklist; label criteria; signatures; funding annex. ``rl_config.invariant``
makes the file byte-identical for identical data (no creation date, fixed document id), so
tests and the server can compare PDFs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from audits.report import annex, cover, fmt, labels, tables, themes
from audits.report.data import ReportData
from audits.report.document import write_pdf

SECTION_ROOM = 70 * mm
"""The action table, obligations, label criteria and the funding annex follow on the same
page when this much room is left (a heading, a table's head and a few rows), else on the
next: never a heading alone at a page foot, nor a page left nearly empty before them."""

rl_config.invariant = 1
# Photos are embedded as binary JPEG: ASCII85 would grow them by a quarter and, without
# reportlab's C accelerator, cost about half a second per photo in pure Python.
rl_config.useA85 = 0


def story(data: ReportData) -> list[Any]:
    """The flowables of the whole document, section by section."""
    parts: list[Any] = [*cover.cover(data), *cover.summary(data), PageBreak()]
    chart, notes = themes.score_chart(data), themes.findings(data)
    parts += [*chart, *notes]
    parts += _follows(tables.action_table(data)) if chart or notes else tables.action_table(data)
    for section in (tables.obligations(data), labels.details(data)):
        parts += _follows(section)
    parts += annex.signatures(data)
    return parts + _follows(annex.funding(data))


def _follows(section: list[Any]) -> list[Any]:
    """A section on the same page when there is room for its start, else on the next one."""
    if not section:
        return []
    return [Spacer(1, 6 * mm), CondPageBreak(SECTION_ROOM), *section]


def render_pdf(data: ReportData, path: Path) -> Path:
    """Write the PDF to ``path``; an unwritable path is a French DiagError, not a traceback."""
    footer = f"{data.establishment.name} · {data.title} · {fmt.long_date(data.audit.date)}"
    return write_pdf(
        path,
        lambda: story(data),
        footer,
        title=f"Plan d'actions — {data.establishment.name}",
        author=data.audit.advisor,
        subject=data.title,
    )
