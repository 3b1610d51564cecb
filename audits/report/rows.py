"""Plan lines, obligation checks and funding schemes as the rows the PDF prints.

Ids become titles and texts here (an obligation's legal reference, a scheme's how-to-apply),
so the renderer needs neither the reference data nor the plan models' vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence

from audits.plan.models import Plan, PlanLine
from audits.reference import Reference
from audits.report import fmt
from audits.report.data import ActionRow, FundingRow, ObligationRow

OBLIGATION_STATUS = {
    "a_regulariser": "À régulariser",
    "conforme": "Pas d'écart constaté",
    "non_verifie": "Non vérifié",
    "sans_objet": "Non concerné",
}
"""In the order printed: what to fix first, rules the shop is not subject to last. « Non
concerné » is printed rather than left out: owners of small shops ask about the décret
tertiaire, and the plan should answer that it does not apply to them."""


def action_row(line: PlanLine, reference: Reference) -> ActionRow:
    figures = line.figures
    obligation = reference.obligations.get(line.obligation) if line.obligation else None
    return ActionRow(
        priority=line.priority,
        title=line.title,
        description=line.description,
        theme=line.theme_title,
        category=line.category,
        kwh=figures.kwh_total,
        eur=figures.eur,
        kgco2e=figures.kgco2e,
        cost=figures.cost,
        aid=figures.aid,
        payback_years=figures.payback_years,
        effort=line.effort,
        obligation=obligation.title if obligation else None,
        funding=[reference.funding[f].title for f in line.funding if f in reference.funding],
        indicative=line.indicative,
        aid_indicative=line.aid_indicative,
        computed=figures.computed,
        status=line.status,
        owner=line.owner,
        deadline=line.deadline,
        achieved_eur=line.follow_up.eur if line.follow_up else None,
        other_eur=figures.savings_eur_other,
    )


def obligation_rows(plan: Plan, reference: Reference) -> list[ObligationRow]:
    rows = []
    for check in plan.obligations:
        item = reference.obligations.get(check.obligation)
        if item is None:
            continue
        rows.append(
            ObligationRow(
                title=item.title,
                text=item.text,
                rule=item.rule,
                sanction=item.sanction,
                status=OBLIGATION_STATUS[check.status],
                verified=item.verified,
            )
        )
    order = list(OBLIGATION_STATUS.values())
    return sorted(rows, key=lambda row: order.index(row.status))


def funding_rows(lines: Sequence[PlanLine], reference: Reference) -> list[FundingRow]:
    used: dict[str, list[str]] = {}
    for line in lines:
        for scheme_id in line.funding:
            used.setdefault(scheme_id, []).append(line.title)
    rows = []
    for scheme_id, titles in used.items():
        scheme = reference.funding.get(scheme_id)
        if scheme is None:
            continue
        end = f"jusqu'au {fmt.long_date(scheme.end)}" if scheme.end else "sans date de fin"
        rows.append(
            FundingRow(
                title=scheme.title,
                organisme=scheme.organisme,
                eligibility=scheme.eligibility,
                how_to_apply=scheme.how_to_apply,
                url=scheme.url,
                amount=scheme.amount,
                validity=f"Depuis le {fmt.long_date(scheme.start)}, {end}",
                indicative=scheme.kind == "cee" or not scheme.verified,
                actions=titles,
            )
        )
    return rows
