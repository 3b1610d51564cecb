"""Hybrid logical clock: the ``rev`` of every syncable row.

Revisions must sort as text in the order changes happened, across devices and restarts,
even when a tablet's wall clock is set back (battery swap, wrong time zone, manual change):
the clock never issues a rev lower than the last one it issued or saw, it counts instead.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

REV_RE = re.compile(r"^(\d{13})-(\d{4})-(.+)$")
MAX_COUNTER = 9999

TimeSource = Callable[[], int]


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def format_rev(wall_ms: int, counter: int, node_id: str) -> str:
    return f"{wall_ms:013d}-{counter:04d}-{node_id}"


def parse_rev(rev: str) -> tuple[int, int, str]:
    """``(wall_ms, counter, node_id)`` of a rev; ValueError when it is not one."""
    match = REV_RE.match(rev)
    if match is None:
        raise ValueError(f"not a rev: {rev!r}")
    return int(match[1]), int(match[2]), match[3]


@dataclass
class HybridClock:
    """Issues increasing revs for one node; ``now`` is injectable so tests can turn time back."""

    node_id: str
    now: TimeSource = wall_clock_ms
    wall_ms: int = 0
    counter: int = 0

    def tick(self) -> str:
        """The rev of a local change: after every rev issued or observed so far."""
        self._advance(self.now())
        return format_rev(self.wall_ms, self.counter, self.node_id)

    def observe(self, rev: str) -> None:
        """Take a rev seen elsewhere (another device, the database at open) into account."""
        wall_ms, counter, _ = parse_rev(rev)
        if (wall_ms, counter) > (self.wall_ms, self.counter):
            self.wall_ms, self.counter = wall_ms, counter

    def _advance(self, physical_ms: int) -> None:
        if physical_ms > self.wall_ms:
            self.wall_ms, self.counter = physical_ms, 0
        elif self.counter < MAX_COUNTER:
            self.counter += 1
        else:
            # The counter is spent: borrow the next millisecond rather than wrap around.
            self.wall_ms, self.counter = self.wall_ms + 1, 0
