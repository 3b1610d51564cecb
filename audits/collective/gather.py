"""Reading a campaign's shops out of the store as ``ShopResult``s, ready to aggregate.

Per shop, the campaign visit that went furthest counts (signed over completed over draft;
follow-up visits are not a second diagnosis). Its scores come from the audit's own pinned
questionnaire version, its savings from its stored plan lines combined by the plan engine's
``compute_totals``, and what was achieved from the follow-up visits' lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from audits.campaigns.overview import Campaign, find_campaign
from audits.collective.findings import gaps, quantities
from audits.collective.models import CampaignHeader, ShopLine, ShopResult, ShopStatus, ShopTotals
from audits.evaluation import evaluate
from audits.fieldwork.plan_lines import from_row
from audits.plan.models import LineStatus, PlanLine, Valuation
from audits.plan.totals import compute_totals, declared_consumption
from audits.plan.valuation import valuation_of
from audits.questionnaire import Questionnaire
from audits.reference import Reference
from audits.scoring import score
from audits.store.actions import actions_of
from audits.store.answers import answers_of
from audits.store.db import Store
from audits.store.questionnaires import stored_questionnaire

RANK = {"signed": 3, "completed": 2, "draft": 1}
STATUS: dict[str, ShopStatus] = {"signed": "signed", "completed": "visited", "draft": "planned"}

MEMBERS_SQL = """
SELECT e.id, e.name, e.activity, e.address, e.commune, m.consent_at IS NOT NULL
FROM campaign_establishments m JOIN establishments e ON e.id = m.establishment_id
WHERE m.campaign_id = ? AND m.deleted = 0 AND e.deleted = 0
"""
AUDITS_SQL = """
SELECT id, establishment_id, status, advisor, questionnaire_id, questionnaire_version,
       follow_up_of, rev
FROM audits WHERE campaign_id = ? AND deleted = 0
"""
ACHIEVED_SQL = """
SELECT a.establishment_id, sum(x.achieved_kwh_year), sum(x.achieved_eur_year)
FROM audits a JOIN actions x ON x.audit_id = a.id AND x.deleted = 0
WHERE a.campaign_id = ? AND a.deleted = 0 AND a.follow_up_of IS NOT NULL
  AND x.status = 'done' AND x.achieved_kwh_year IS NOT NULL
GROUP BY a.establishment_id
"""


def gather(
    store: Store, campaign_key: str, reference: Reference
) -> tuple[CampaignHeader, Questionnaire, list[ShopResult]]:
    campaign = find_campaign(store, campaign_key)
    questionnaire = stored_questionnaire(store, campaign.questionnaire_ref)
    audits = _best_audits(store, campaign.id)
    achieved = {
        row[0]: (row[1], row[2]) for row in store.db.execute(ACHIEVED_SQL, [campaign.id]).fetchall()
    }
    valuation = valuation_of(reference)
    shops = []
    for row in store.db.execute(MEMBERS_SQL, [campaign.id]).fetchall():
        shop_id, name, activity, address, commune, consent = row
        base = {
            "establishment_id": shop_id,
            "name": name,
            "activity": activity,
            "address": ", ".join(p for p in (address, commune) if p) or None,
            "consent": bool(consent),
            "achieved_kwh": achieved.get(shop_id, (None, None))[0],
            "achieved_eur": achieved.get(shop_id, (None, None))[1],
        }
        audit = audits.get(shop_id)
        extra = _audit_result(store, audit, reference, valuation) if audit else {}
        shops.append(ShopResult.model_validate({**base, **extra}))
    return _header(campaign, questionnaire), questionnaire, shops


def _best_audits(store: Store, campaign_id: str) -> dict[str, dict[str, Any]]:
    names = ("id", "establishment_id", "status", "advisor", "qid", "version", "follow_up", "rev")
    best: dict[str, dict[str, Any]] = {}
    for row in store.db.execute(AUDITS_SQL, [campaign_id]).fetchall():
        audit = dict(zip(names, row, strict=True))
        if audit["follow_up"] is not None:
            continue
        current = best.get(audit["establishment_id"])
        key = (RANK[audit["status"]], audit["rev"])
        if current is None or key > (RANK[current["status"]], current["rev"]):
            best[audit["establishment_id"]] = audit
    return best


def _audit_result(
    store: Store, audit: Mapping[str, Any], reference: Reference, valuation: Valuation
) -> dict[str, Any]:
    status = STATUS[audit["status"]]
    result: dict[str, Any] = {"status": status, "advisor": audit["advisor"]}
    if status == "planned":
        return result
    questionnaire = stored_questionnaire(store, f"{audit['qid']}@{audit['version']}")
    answers = answers_of(store, audit["id"])
    state = evaluate(questionnaire, answers, reference.numbers)
    card = score(questionnaire, answers, reference.numbers)
    lines = [from_row(row) for row in actions_of(store, audit["id"])]
    declared = declared_consumption(state.values)
    accepted = [line for line in lines if line.status in (LineStatus.ACCEPTED, LineStatus.DONE)]
    return result | {
        "overall": card.percent,
        "themes": {theme.theme: theme.percent for theme in card.themes},
        "gaps": gaps(questionnaire, answers, state, reference.numbers),
        "quantities": quantities(questionnaire, state.values),
        "lines": [_shop_line(line) for line in lines],
        "totals": _totals(lines, declared, valuation),
        "accepted": _totals(accepted, declared, valuation),
    }


def _totals(lines: list[PlanLine], declared: Any, valuation: Valuation) -> ShopTotals:
    totals = compute_totals(lines, declared, valuation)
    return ShopTotals(
        kwh=totals.kwh,
        eur=totals.eur,
        kgco2e=totals.kgco2e,
        cost=totals.cost,
        aid=totals.aid,
        declared_kwh=totals.declared_kwh,
        kwh_on_declared=round(sum(e.kwh for e in totals.energies if e.declared_kwh), 1),
    )


def _shop_line(line: PlanLine) -> ShopLine:
    figures = line.figures
    return ShopLine(
        action_key=line.action_id,
        title=line.title,
        theme=line.theme,
        status=line.status.value,
        kwh=figures.kwh_total if figures.computed else None,
        eur=figures.eur if figures.computed else None,
        kgco2e=figures.kgco2e if figures.computed else None,
        cost=figures.cost,
        aid=figures.aid,
        obligation=line.obligation,
    )


def _header(campaign: Campaign, questionnaire: Questionnaire) -> CampaignHeader:
    return CampaignHeader(
        name=campaign.name,
        organiser=campaign.organiser,
        commune=campaign.commune,
        questionnaire=questionnaire.ref,
        questionnaire_title=questionnaire.title,
        starts_on=dt.date.fromisoformat(campaign.starts_on) if campaign.starts_on else None,
        ends_on=dt.date.fromisoformat(campaign.ends_on) if campaign.ends_on else None,
        advisors=len(campaign.advisors),
    )
