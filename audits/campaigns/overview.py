"""Campaigns as the chamber follows them: found by id or name, with their progress.

Progress counts establishments, not audits, by the furthest point their campaign visit
reached: planned (a visit exists, even a draft with only a date), visited (the audit is
completed or signed) and plan handed over (signed: the owner has the PDF). Follow-up visits
are not counted twice: they are the same shop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from audits.errors import DiagError, Message
from audits.store.campaigns import campaign_progress
from audits.store.db import Store


@dataclass(frozen=True)
class Progress:
    establishments: int
    planned: int
    visited: int
    handed_over: int

    def share(self, count: int) -> float:
        return count / self.establishments if self.establishments else 0.0


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    questionnaire_ref: str
    organiser: str | None = None
    commune: str | None = None
    starts_on: str | None = None
    ends_on: str | None = None
    advisors: list[str] = field(default_factory=list)


COLUMNS = "id, name, questionnaire_ref, organiser, commune, starts_on, ends_on, advisors"


def list_campaigns(store: Store) -> list[Campaign]:
    cursor = store.db.execute(
        f"SELECT {COLUMNS} FROM campaigns WHERE deleted = 0 ORDER BY starts_on DESC, name"  # noqa: S608
    )
    return [_campaign(row) for row in cursor.fetchall()]


def find_campaign(store: Store, key: str) -> Campaign:
    """A campaign by id, exact name, or an unambiguous start of its name."""
    campaigns = list_campaigns(store)
    for matches in (
        [c for c in campaigns if c.id == key],
        [c for c in campaigns if c.name.casefold() == key.casefold()],
        [c for c in campaigns if c.name.casefold().startswith(key.casefold())],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(f"« {c.name} »" for c in matches[:5])
            raise DiagError(Message.CAMPAIGN_AMBIGUOUS.format(key=key, names=names))
    raise DiagError(Message.CAMPAIGN_NOT_FOUND.format(key=key))


def progress_of(store: Store, campaign_id: str) -> Progress:
    reached = campaign_progress(store, campaign_id)
    visited = reached.completed + reached.signed
    return Progress(
        establishments=reached.establishments,
        planned=reached.draft + visited,
        visited=visited,
        handed_over=reached.signed,
    )


def _campaign(row: tuple[object, ...]) -> Campaign:
    values = dict(zip([c.strip() for c in COLUMNS.split(",")], row, strict=True))
    values["advisors"] = json.loads(str(values["advisors"] or "[]"))
    return Campaign(**values)  # type: ignore[arg-type]
