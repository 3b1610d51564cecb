"""The campaign screen's data: both audiences from one reading, equal to ``collective_report``."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from audits.collective import collective_report
from audits.fieldwork.campaign_view import campaign_view, collective_pdf
from audits.fieldwork.files import sort_key
from audits.store import Store, open_store
from audits.store.consent import consenting
from audits.store.demo_campaign import CampaignDemo
from tests.campaign_demo import TODAY, demo_campaign, reference


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CampaignDemo]:
    return demo_campaign(tmp_path_factory)


@pytest.fixture(scope="module")
def store(demo: tuple[Path, CampaignDemo]) -> Iterator[Store]:
    opened = open_store(demo[0])
    yield opened
    opened.close()


def test_each_audience_gets_exactly_the_report_the_cli_and_the_pdf_use(
    store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    campaign_id = demo[1].campaign_id
    view = campaign_view(store, campaign_id, reference(), TODAY)
    for audience in ("chambre", "association"):
        expected = collective_report(store, campaign_id, reference(), audience, TODAY)
        assert view.report(audience) == expected


def test_the_chamber_list_has_every_shop_with_its_id_consent_and_state(
    store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    campaign_id = demo[1].campaign_id
    view = campaign_view(store, campaign_id, reference(), TODAY)
    assert sorted(s.establishment_id for s in view.shops) == sorted(demo[1].establishment_ids)
    assert {s.establishment_id for s in view.shops if s.consent} == consenting(store, campaign_id)
    assert sum(1 for s in view.shops if s.status == "signed") == demo[1].signed
    names = [s.name for s in view.shops]
    assert names == sorted(names, key=sort_key)
    assert not names[-1].startswith("É")  # « Épicerie » among the E


def test_the_campaign_is_found_by_its_name_too(
    store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    view = campaign_view(store, "Commerces économes du centre", reference(), TODAY)
    assert view.campaign.id == demo[1].campaign_id


def test_the_pdf_is_named_after_the_campaign_audience_and_day(
    store: Store, demo: tuple[Path, CampaignDemo]
) -> None:
    view = campaign_view(store, demo[1].campaign_id, reference(), TODAY)
    name, content = collective_pdf(view.report("association"))
    assert (
        name
        == "bilan-collectif-commerces-economes-du-centre-ville-d-apt-association-2026-11-20.pdf"
    )
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata is not None and "Bilan collectif" in str(reader.metadata.title)
