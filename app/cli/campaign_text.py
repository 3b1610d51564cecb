"""The collective report as a few French lines for the terminal (the PDF has the rest)."""

from __future__ import annotations

from audits.collective.models import CollectiveReport
from audits.report import fmt


def report_lines(report: CollectiveReport) -> list[str]:
    p = report.participation
    lines = [
        f"Bilan collectif — {report.campaign.name} ({report.audience})",
        f"établissements : {p.establishments} ; visités : {p.visited} ; plans remis : "
        f"{p.handed_over} ; accords pour être nommé : {p.consenting}",
    ]
    if report.suppressed:
        return [*lines, f"moins de {report.min_group} commerces visités : résultats non publiés"]
    savings = report.savings
    if savings is not None:
        share = fmt.percent(savings.share, 1) if savings.share is not None else "—"
        lines += [
            f"économies potentielles : {fmt.kwh(savings.kwh)}/an, {fmt.euros(savings.eur)}/an, "
            f"{fmt.tonnes_co2(savings.kgco2e)}/an",
            f"part de la consommation déclarée : {share} (objectif −"
            f"{fmt.percent(savings.target_share)})",
        ]
    if report.overall is not None and report.overall.median is not None:
        lines.append(f"score global médian : {fmt.number(report.overall.median)} %")
    lines += [f"achat groupé : {purchase.text}" for purchase in report.purchases[:5]]
    lines += [
        f"obligation non respectée : {o.title} ({o.shops} commerces)"
        for o in report.obligations[:5]
    ]
    return lines
