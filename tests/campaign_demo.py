"""The 60-shop demo campaign shared by the collective, export and CLI tests.

Generated once per test session (about three seconds) into a session temporary folder; tests
that write copy it first (``fresh_copy``), so they never see each other's changes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from functools import cache
from pathlib import Path

import pytest

from app import config
from audits.catalog import load_catalog
from audits.questionnaire import Questionnaire
from audits.reference import Reference, load_reference
from audits.store import open_store
from audits.store.demo_campaign import CampaignDemo, fill_campaign_demo

TODAY = dt.date(2026, 11, 20)
SHOPS = 60


@cache
def energy_questionnaire() -> Questionnaire:
    return load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR).get("energie-commerce")


@cache
def reference() -> Reference:
    return load_reference(config.REFERENCE_DIR)


_made: dict[str, tuple[Path, CampaignDemo]] = {}


def demo_campaign(factory: pytest.TempPathFactory) -> tuple[Path, CampaignDemo]:
    """The path of the session's demo database and what the generator says it made."""
    if "db" not in _made:
        path = factory.mktemp("campaign") / "campaign.db"
        with open_store(path) as store:
            summary = fill_campaign_demo(store, energy_questionnaire(), reference(), TODAY, SHOPS)
        _made["db"] = (path, summary)
    return _made["db"]


def fresh_copy(source: Path, target_dir: Path) -> Path:
    """A private copy of a database (its WAL checkpointed by the close that made it)."""
    target = target_dir / source.name
    shutil.copyfile(source, target)
    return target
