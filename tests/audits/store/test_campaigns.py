from __future__ import annotations

from datetime import date

import pytest

from audits.answers import answered
from audits.store import Store
from audits.store.answers import save_answer
from audits.store.audits import complete_audit, create_audit, sign_audit
from audits.store.campaigns import (
    CampaignProgress,
    add_to_campaign,
    campaign_members,
    campaign_progress,
    create_campaign,
    remove_from_campaign,
)
from audits.store.errors import NotFoundError
from audits.store.search import visits_on
from tests.audits.store.conftest import make_shop
from tests.audits.store.test_audits import fill_required

SIRETS = ["73282932000074", "35600000000048", "44306184100047", "55208131766522"]


def test_a_campaigns_progress_counts_its_establishments_by_audit_status(store: Store) -> None:
    campaign = create_campaign(store, "Commerces économes", "boutique", commune="Apt")
    shops = [make_shop(store, siret=siret, name=f"Boutique {n}") for n, siret in enumerate(SIRETS)]
    for shop in shops:
        add_to_campaign(store, campaign, shop.id)
    _, completed, signed = (
        create_audit(store, shop.id, "boutique", campaign_id=campaign) for shop in shops[:3]
    )
    for audit in (completed, signed):
        fill_required(store, audit.id)
        complete_audit(store, audit.id)
    sign_audit(store, signed.id)
    create_audit(store, shops[3].id, "boutique")  # outside the campaign: does not count
    assert campaign_progress(store, campaign) == CampaignProgress(
        establishments=4, not_started=1, draft=1, completed=1, signed=1
    )
    assert campaign_progress(store, campaign).done_percent == 25


def test_membership_is_idempotent_and_removable(store: Store) -> None:
    campaign = create_campaign(store, "Rue des Marchands", "boutique@1")
    shop = make_shop(store)
    first = add_to_campaign(store, campaign, shop.id)
    assert add_to_campaign(store, campaign, shop.id) == first
    remove_from_campaign(store, campaign, shop.id)
    assert campaign_members(store, campaign) == []
    assert add_to_campaign(store, campaign, shop.id) == first
    assert campaign_members(store, campaign) == [shop.id]


def test_an_unknown_campaign_is_reported_in_french(store: Store) -> None:
    with pytest.raises(NotFoundError, match="campagne introuvable"):
        campaign_progress(store, "nope")


def test_todays_visits_are_the_audits_planned_today(store: Store) -> None:
    shop = make_shop(store)
    today = create_audit(store, shop.id, "boutique", planned_on=date(2024, 5, 2))
    create_audit(store, shop.id, "boutique", planned_on=date(2024, 5, 3))
    save_answer(store, today.id, "activite", answered("coiffure"))
    assert [line.id for line in visits_on(store, date(2024, 5, 2))] == [today.id]
