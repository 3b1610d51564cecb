"""Periods of the KPIs: months, quarters (« 2026-T4 ») and years, and pro-rated targets.

Facts carry their month (« 2026-11 ») so the database groups by a plain column on SQLite and
PostgreSQL alike; quarters and years are folded from months here.
"""

from __future__ import annotations

import datetime as dt

from sync.server.kpi_schema import Granularity


def period_of(month: str | None, granularity: Granularity) -> str | None:
    if month is None:
        return None
    year, number = month.split("-")
    if granularity == "year":
        return year
    if granularity == "quarter":
        return f"{year}-T{(int(number) - 1) // 3 + 1}"
    return month


def periods(start: dt.date, end: dt.date, granularity: Granularity) -> list[str]:
    """Every period from ``start`` to ``end``, in order, even those with no audit."""
    found: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        label = period_of(f"{year:04d}-{month:02d}", granularity)
        if label and label not in found:
            found.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def prorated(year: int, start: dt.date, end: dt.date) -> float:
    """The share of ``year`` the range covers: a yearly target counts for that share."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    covered = (min(end, last) - max(start, first)).days + 1
    return max(covered, 0) / ((last - first).days + 1)
