"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def samples_ms(function: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock durations of ``runs`` calls, in milliseconds, after one warm-up call."""
    function()
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def verdict(ok: bool) -> str:
    return "OK" if ok else "HORS CIBLE"
