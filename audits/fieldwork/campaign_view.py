"""What the campaign screen shows: the campaign, its shops, its collective report, its PDF.

Both audiences' reports come from one ``gather`` (reading and scoring the audits is what
costs) and the very ``aggregate`` that ``collective_report`` chains for the CLI and the PDF:
the screen never shows a figure the PDF would not print, and its « version association »
hides exactly the names and small groups the association's PDF hides.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from audits.campaigns.overview import Campaign, find_campaign
from audits.collective.aggregate import aggregate
from audits.collective.gather import gather
from audits.collective.models import Audience, CollectiveReport, ShopResult, ShopStatus
from audits.collective.pdf import render_collective_pdf
from audits.fieldwork.files import slug, sort_key
from audits.reference import Reference
from audits.store.db import Store

AUDIENCES: tuple[Audience, ...] = ("chambre", "association")


@dataclass(frozen=True)
class CampaignShop:
    """One establishment of the campaign as the chamber follows it (the advisor's list)."""

    establishment_id: str
    name: str
    activity: str | None
    address: str | None
    status: ShopStatus
    consent: bool
    advisor: str | None
    overall: float | None


@dataclass(frozen=True)
class CampaignView:
    campaign: Campaign
    shops: list[CampaignShop]
    reports: Mapping[Audience, CollectiveReport]

    def report(self, audience: Audience) -> CollectiveReport:
        return self.reports[audience]


def campaign_view(
    store: Store, campaign_key: str, reference: Reference, on_date: dt.date
) -> CampaignView:
    """The campaign named by id (or name) with its report for the chamber and the association."""
    campaign = find_campaign(store, campaign_key)
    header, questionnaire, results = gather(store, campaign.id, reference)
    titles = {key: item.title for key, item in reference.obligations.items()}
    reports = {
        audience: aggregate(header, questionnaire, titles, results, audience, on_date)
        for audience in AUDIENCES
    }
    shops = sorted((_shop(result) for result in results), key=lambda s: sort_key(s.name))
    return CampaignView(campaign, shops, reports)


def _shop(result: ShopResult) -> CampaignShop:
    return CampaignShop(
        establishment_id=result.establishment_id,
        name=result.name,
        activity=result.activity,
        address=result.address,
        status=result.status,
        consent=result.consent,
        advisor=result.advisor,
        overall=result.overall,
    )


def collective_pdf(report: CollectiveReport) -> tuple[str, bytes]:
    """The report's PDF (the CLI's ``campaign report --pdf``) as a file name and bytes."""
    with tempfile.TemporaryDirectory(prefix="diagterrain-") as folder:
        path = render_collective_pdf(report, Path(folder) / "bilan.pdf")
        return collective_file_name(report), path.read_bytes()


def collective_file_name(report: CollectiveReport) -> str:
    """« bilan-collectif-commerces-economes-association-2026-11-23.pdf »."""
    audience = "-association" if report.audience == "association" else ""
    name = slug(report.campaign.name, "campagne")
    return f"bilan-collectif-{name}{audience}-{report.generated_on.isoformat()}.pdf"
