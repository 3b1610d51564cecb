"""``aggregate``: the collective report of a campaign from its shops' results (pure).

The audience decides what may be shown. The chamber sees everything, shop by shop. The
merchant association sees aggregates only: shops are named only when their owner consented,
no line of the report may describe fewer than ``MIN_GROUP`` shops (a lone « enseigne allumée
la nuit » in a street of ten is a name), and with fewer visited shops than that, no result
at all, only participation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

from audits.collective import stats
from audits.collective.models import (
    MIN_GROUP,
    Audience,
    CampaignHeader,
    CollectiveReport,
    Participation,
    Savings,
    ShopResult,
    ShopRow,
    ShopTotals,
)
from audits.collective.purchases import group_purchases
from audits.plan.models import SOBRIETY_TARGET
from audits.questionnaire import Questionnaire
from audits.report import fmt

VISITED = ("visited", "signed")


def aggregate(
    header: CampaignHeader,
    questionnaire: Questionnaire,
    obligation_titles: Mapping[str, str],
    shops: Sequence[ShopResult],
    audience: Audience,
    on_date: dt.date,
) -> CollectiveReport:
    visited = [shop for shop in shops if shop.status in VISITED]
    report = CollectiveReport(
        campaign=header,
        generated_on=on_date,
        audience=audience,
        participation=participation(shops),
        overall=stats.distribution(
            questionnaire, "global", "Score global", [shop.overall for shop in visited]
        ),
        themes=stats.theme_distributions(questionnaire, visited),
        findings=stats.findings(questionnaire, visited),
        actions=stats.actions(visited),
        savings=savings(visited),
        purchases=group_purchases(visited),
        obligations=stats.obligations(visited, obligation_titles),
        shops=[_row(shop) for shop in sorted(shops, key=lambda s: fmt.sort_key(s.name))],
    )
    return for_association(report, shops) if audience == "association" else report


def participation(shops: Sequence[ShopResult]) -> Participation:
    statuses = Counter(shop.status for shop in shops)
    activities = Counter(shop.activity or "non renseignée" for shop in shops)
    return Participation(
        establishments=len(shops),
        planned=len(shops) - statuses["none"],
        visited=statuses["visited"] + statuses["signed"],
        handed_over=statuses["signed"],
        consenting=sum(1 for shop in shops if shop.consent),
        by_activity=sorted(activities.items(), key=lambda item: (-item[1], fmt.sort_key(item[0]))),
    )


def savings(visited: Sequence[ShopResult]) -> Savings:
    """Potential savings summed over shops; the share is taken where a bill was declared."""

    def total(pick: str, of: str = "totals") -> float:
        return round(sum(float(getattr(getattr(shop, of), pick)) for shop in visited), 1)

    declared = [shop for shop in visited if shop.totals.declared_kwh]
    declared_kwh = round(sum(shop.totals.declared_kwh or 0.0 for shop in declared), 1)
    on_declared = total("kwh_on_declared")
    followed = [shop for shop in visited if shop.achieved_kwh is not None]
    return Savings(
        shops=len(visited),
        kwh=total("kwh"),
        eur=total("eur"),
        kgco2e=total("kgco2e"),
        cost=total("cost"),
        aid=total("aid"),
        declared_kwh=declared_kwh,
        declared_shops=len(declared),
        kwh_on_declared=on_declared,
        share=round(on_declared / declared_kwh, 4) if declared_kwh else None,
        target_kwh=round(declared_kwh * SOBRIETY_TARGET, 1),
        accepted_kwh=total("kwh", "accepted"),
        accepted_eur=total("eur", "accepted"),
        followed_up=len(followed),
        achieved_kwh=round(sum(shop.achieved_kwh or 0.0 for shop in followed), 1),
        achieved_eur=round(sum(shop.achieved_eur or 0.0 for shop in followed), 1),
    )


def _row(shop: ShopResult) -> ShopRow:
    kept = [line for line in shop.lines if line.status != "rejected"]
    totals: ShopTotals = shop.totals
    return ShopRow(
        name=shop.name,
        activity=shop.activity,
        address=shop.address,
        status=shop.status,
        overall=shop.overall,
        kwh=totals.kwh,
        eur=totals.eur,
        actions=len(kept),
        accepted=sum(1 for line in kept if line.status in ("accepted", "done")),
    )


def for_association(report: CollectiveReport, shops: Sequence[ShopResult]) -> CollectiveReport:
    """What the association may see: aggregates over enough shops, names only by consent."""
    named = sorted((s for s in shops if s.consent), key=lambda s: fmt.sort_key(s.name))
    update: dict[str, object] = {
        "shops": [_row(shop) for shop in named],
        "unnamed_shops": len(shops) - len(named),
        "participation": report.participation.model_copy(
            update={"by_activity": _grouped(report.participation.by_activity)}
        ),
    }
    if report.participation.visited < MIN_GROUP:
        update |= {"suppressed": True, "overall": None, "themes": [], "findings": [],
                   "actions": [], "savings": None, "purchases": [], "obligations": []}  # fmt: skip
    else:
        update |= {
            "themes": [d for d in report.themes if d.shops >= MIN_GROUP],
            "findings": [f for f in report.findings if f.shops >= MIN_GROUP],
            "actions": [a for a in report.actions if a.shops >= MIN_GROUP],
            "purchases": [p for p in report.purchases if p.shops >= MIN_GROUP],
            "obligations": [o for o in report.obligations if o.shops >= MIN_GROUP],
        }
    return report.model_copy(update=update)


def _grouped(by_activity: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Activities with fewer than ``MIN_GROUP`` shops folded into « autres activités »."""
    kept = [(name, count) for name, count in by_activity if count >= MIN_GROUP]
    others = sum(count for _, count in by_activity if count < MIN_GROUP)
    return kept + ([("autres activités", others)] if others else [])
