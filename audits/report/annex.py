"""The funding annex (how to apply to each scheme) and the signature block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from audits.report import fmt
from audits.report.cover import CONTENT_WIDTH
from audits.report.data import FundingRow, ReportData
from audits.report.style import RULE, Styles, text

INTRO = {
    "energy": "Plan d'actions établi lors de la visite et remis au chef d'entreprise. Les "
    "estimations reposent sur les informations recueillies ce jour et sur des ratios de "
    "référence sourcés ; elles ne constituent pas un audit énergétique réglementaire.",
    "rse": "Plan d'actions établi lors de la visite et remis au chef d'entreprise. Les constats "
    "reposent sur les informations recueillies ce jour.",
    "label": "Avis et plan d'actions établis lors de la visite et remis au chef d'entreprise. "
    "L'avis du conseiller ne préjuge pas de la décision du jury ou de l'organisme qui délivre "
    "chaque label ou titre.",
}
"""Above the signatures: what the document is, and is not, for each kind of audit."""


def funding(data: ReportData) -> list[Any]:
    if not data.funding:
        return []
    story: list[Any] = [Paragraph("Annexe : aides et financements", Styles.h1)]
    story.append(
        Paragraph(
            f"Dispositifs ouverts à la date de la visite ({fmt.long_date(data.audit.date)}). "
            "Vérifiez les conditions en vigueur avant d'engager des dépenses.",
            Styles.small,
        )
    )
    for row in data.funding:
        story.append(KeepTogether(_scheme(row)))
    return story


def _scheme(row: FundingRow) -> list[Any]:
    amount = text(row.amount or "")
    if row.indicative and any(char.isdigit() for char in amount):
        amount += " (indicatif)"  # a figure may change; « Gratuit » does not
    lines = [
        f"<b>Organisme :</b> {text(row.organisme)} — {text(row.validity)}",
        f"<b>Pour qui :</b> {text(row.eligibility)}",
        f"<b>Comment en bénéficier :</b> {text(row.how_to_apply)}",
    ]
    if amount:
        lines.append(f"<b>Montant :</b> {amount}")
    if row.url:
        lines.append(f"<b>En savoir plus :</b> {text(row.url)}")
    lines.append(f"<b>Pour :</b> {text(' ; '.join(row.actions))}")
    return [
        Paragraph(text(row.title), Styles.h3),
        *[Paragraph(line, Styles.cell) for line in lines],
        Spacer(1, 3 * mm),
    ]


def _signature_space(image: Path | None) -> Any:
    """The drawn signature when there is one, else room to sign the printed copy."""
    if image is None:
        return Spacer(1, 22 * mm)
    return Image(str(image), width=60 * mm, height=20 * mm, kind="proportional")


def signatures(data: ReportData) -> list[Any]:
    def block(role: str, name: str, image: Path | None) -> list[Any]:
        return [
            Paragraph(f"<b>{role}</b>", Styles.body),
            Paragraph(text(name), Styles.body),
            Spacer(1, 2 * mm),
            Paragraph(f"Date : {fmt.long_date(data.audit.date)}", Styles.small),
            _signature_space(image),
            Paragraph("Signature", Styles.small),
        ]

    signed = data.signatures
    owner = signed.owner_name or data.establishment.contact or data.establishment.name
    table = Table(
        [
            [
                block("Le conseiller", data.audit.advisor, signed.advisor),
                block("Le chef d'entreprise", owner, signed.owner),
            ]
        ],
        colWidths=[CONTENT_WIDTH / 2] * 2,
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.5, RULE),
                ("BOX", (1, 0), (1, 0), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    intro = Paragraph(INTRO.get(data.kind, INTRO["rse"]), Styles.small)
    return [KeepTogether([Paragraph("Signatures", Styles.h2), intro, Spacer(1, 3 * mm), table])]
