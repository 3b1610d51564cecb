"""The campaign screen: the campaign, its progress, its shops and its collective report.

Every figure comes from the collective report (``audits.collective``, through
``campaign_view``): this module only chooses the audience and writes the figures in French.
The « version association » shows the association's report, the one its PDF prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.state.context import AppContext
from app.state.exports import export_message
from audits.collective.models import Audience, CollectiveReport, Distribution, ShopRow
from audits.collective.sections import STATUS, savings_rows
from audits.fieldwork.audit_export import ExportFile, ExportFormat, export_audits
from audits.fieldwork.campaign_view import CampaignShop, campaign_view, collective_pdf
from audits.report import fmt

SUPPRESSED = (
    "Moins de {n} commerces ont été visités : les résultats ne sont pas publiés pour "
    "préserver l'anonymat des participants."
)
ASSOCIATION_NOTE = (
    "Ce que voit l'association : les commerces ne sont nommés qu'avec leur accord, et aucun "
    "chiffre ne porte sur moins de {n} commerces."
)


@dataclass(frozen=True)
class Stage:
    """One step of the campaign's progress: « Visités 46 / 60 »."""

    key: str
    label: str
    count: int
    total: int

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def text(self) -> str:
        return f"{fmt.number(self.count)} / {fmt.number(self.total)}"


@dataclass(frozen=True)
class ScoreRow:
    """A theme's distribution: shops per maturity level, and the median score."""

    key: str
    title: str
    shops: int
    median: str
    levels: list[tuple[str, int]]


def co2_text(kg: float) -> str:
    """« 17,1 t CO2e »: the app's font has no subscript two (docs/app.md, pitfall 6)."""
    return f"{fmt.number(kg / 1000, 1)} t CO2e" if abs(kg) >= 1000 else f"{fmt.number(kg)} kg CO2e"


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{fmt.number(value)} %"


class CampaignVM:
    def __init__(self, ctx: AppContext, campaign_id: str) -> None:
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.audience: Audience = "chambre"
        self.view = campaign_view(ctx.store, campaign_id, ctx.reference, ctx.today())

    # what is shown ------------------------------------------------------------------------
    @property
    def report(self) -> CollectiveReport:
        return self.view.report(self.audience)

    @property
    def association(self) -> bool:
        return self.audience == "association"

    def show_association(self, shown: bool) -> None:
        self.audience = "association" if shown else "chambre"

    @property
    def name(self) -> str:
        return self.view.campaign.name

    @property
    def subtitle(self) -> str:
        campaign = self.view.campaign
        return " · ".join(p for p in (campaign.organiser, campaign.commune) if p) or "Campagne"

    def facts(self) -> list[tuple[str, str]]:
        campaign, header = self.view.campaign, self.report.campaign
        return [
            ("Organisateur", campaign.organiser or "—"),
            ("Commune", campaign.commune or "—"),
            ("Dates", self._period()),
            ("Questionnaire", f"{header.questionnaire_title} ({header.questionnaire})"),
            ("Conseillers", ", ".join(campaign.advisors) or "—"),
        ]

    def _period(self) -> str:
        start, end = self.report.campaign.starts_on, self.report.campaign.ends_on
        if start and end:
            return f"du {fmt.short_date(start)} au {fmt.short_date(end)}"
        if start:
            return f"à partir du {fmt.short_date(start)}"
        return f"jusqu'au {fmt.short_date(end)}" if end else "non fixées"

    @property
    def note(self) -> str | None:
        return ASSOCIATION_NOTE.format(n=self.report.min_group) if self.association else None

    @property
    def suppressed(self) -> str | None:
        report = self.report
        return SUPPRESSED.format(n=report.min_group) if report.suppressed else None

    # progress ---------------------------------------------------------------------------
    def stages(self) -> list[Stage]:
        p = self.report.participation
        return [
            Stage("planned", "Visites prévues ou faites", p.planned, p.establishments),
            Stage("visited", "Commerces visités", p.visited, p.establishments),
            Stage("handed", "Plans d'actions remis", p.handed_over, p.establishments),
        ]

    def activities(self) -> list[str]:
        return [f"{name} : {count}" for name, count in self.report.participation.by_activity]

    # savings ----------------------------------------------------------------------------
    def key_figures(self) -> list[tuple[str, str, str]]:
        """(key, value, label) tiles: the six figures of the PDF's first page, labels short
        enough for two tiles side by side on a phone."""
        p, s = self.report.participation, self.report.savings
        tiles = [
            ("establishments", fmt.number(p.establishments), "établissements"),
            ("visited", fmt.number(p.visited), "commerces visités"),
            ("handed", fmt.number(p.handed_over), "plans remis"),
        ]
        if s is not None:
            tiles += [
                ("kwh", f"{fmt.number(s.kwh / 1000)} MWh", "économisables / an"),
                ("eur", fmt.euros(s.eur), "économisables / an"),
                ("co2", co2_text(s.kgco2e), "évitables / an"),
            ]
        return tiles

    def savings_rows(self) -> list[tuple[str, str]]:
        s = self.report.savings
        return [] if s is None else savings_rows(s, co2=co2_text)

    def target(self) -> tuple[float, float, str, str, bool] | None:
        """The gauge: (potential share, target share, their labels, target met), both bars on
        a scale wide enough for the larger (the PDF's chart scale)."""
        s = self.report.savings
        if s is None or s.share is None:
            return None
        scale = max(0.3, s.share * 1.15, s.target_share * 1.5)
        return (
            s.share / scale,
            s.target_share / scale,
            f"Potentiel de la campagne : −{fmt.percent(s.share, 1)} de la consommation déclarée",
            f"Objectif de sobriété : −{fmt.percent(s.target_share)}",
            bool(s.meets_target),
        )

    @property
    def verdict(self) -> str | None:
        s = self.report.savings
        if s is None or s.meets_target is None:
            return None
        if s.meets_target:
            return "Le potentiel cumulé dépasse l'objectif de −10 %."
        return "Le potentiel cumulé n'atteint pas encore l'objectif de −10 %."

    # scores, findings, actions, purchases, obligations ----------------------------------
    def score_rows(self) -> list[ScoreRow]:
        report = self.report
        shown = ([report.overall] if report.overall else []) + report.themes
        return [_score_row(d) for d in shown if d.shops]

    def levels(self) -> list[str]:
        """The legend of the bars: « Confirmé (≥ 50 %) », the questionnaire's maturity levels."""
        source = self.report.overall or next(iter(self.report.themes), None)
        if source is None:
            return []
        return [f"{level.label} (≥ {fmt.number(level.minimum)} %)" for level in source.levels]

    def findings(self) -> list[tuple[str, str, str]]:
        """(question, « thème · le plus souvent : … », « 23 commerces · 50 % »)."""
        return [
            (
                f.question,
                " · ".join(p for p in (f.theme, f"le plus souvent : {f.common_answer}") if p),
                f"{_shops(f.shops)} · {fmt.percent(f.share)}",
            )
            for f in self.report.findings
        ]

    def actions(self) -> list[tuple[str, str]]:
        """(title, « 14 commerces · 9 retenues · 3 faites · 12 345 kWh/an · 2 345 €/an »)."""
        rows = []
        for a in self.report.actions:
            parts = [_shops(a.shops), f"{a.accepted} retenue{'s' if a.accepted > 1 else ''}"]
            parts.append(f"{a.done} faite{'s' if a.done > 1 else ''}")
            parts += [f"{fmt.kwh(a.kwh)}/an", f"{fmt.euros(a.eur)}/an"]
            rows.append((a.title, " · ".join(parts)))
        return rows

    def purchases(self) -> list[str]:
        return [p.text for p in self.report.purchases]

    def obligations(self) -> list[tuple[str, str]]:
        return [
            (o.title, f"{_shops(o.shops)} · {fmt.percent(o.share)}")
            for o in self.report.obligations
        ]

    # shops ------------------------------------------------------------------------------
    @property
    def shops(self) -> list[CampaignShop]:
        """The chamber's list: every establishment, tappable."""
        return self.view.shops

    @property
    def named_shops(self) -> list[ShopRow]:
        """The association's list: only the shops whose owner agreed to be named."""
        return self.report.shops

    @property
    def unnamed_text(self) -> str:
        count = self.report.unnamed_shops
        if not count:
            return "Tous les commerces ont accepté d'être nommés."
        return (
            f"{count} autre{'s' if count > 1 else ''} commerce{'s' if count > 1 else ''} "
            f"sans accord pour être nommé{'s' if count > 1 else ''} : non identifié"
            f"{'s' if count > 1 else ''}."
        )

    @staticmethod
    def status_text(status: str) -> str:
        return STATUS.get(status, status)

    # files ------------------------------------------------------------------------------
    def pdf(self) -> tuple[str, bytes]:
        """The collective PDF of the audience shown: what is on screen is what is printed."""
        return collective_pdf(self.report)

    def export(self, form: ExportFormat) -> ExportFile:
        """The campaign's answers and plans, every audit (the chamber's data, never the
        association's: exports name every shop)."""
        campaign = self.view.campaign
        return export_audits(
            self.ctx.store,
            form,
            campaign.questionnaire_ref.partition("@")[0],
            label=campaign.name,
            on_date=self.ctx.today(),
            campaign_id=campaign.id,
            exported_at=self.ctx.store.timestamp(),
            reference=self.ctx.reference.numbers,
        )

    @staticmethod
    def export_message(file: ExportFile) -> str:
        return export_message(file)


def _score_row(d: Distribution) -> ScoreRow:
    return ScoreRow(
        key=d.theme,
        title=d.title,
        shops=d.shops,
        median=score_text(d.median),
        levels=[(level.label, level.count) for level in d.levels],
    )


def _shops(count: int) -> str:
    return f"{fmt.number(count)} commerce{'s' if count > 1 else ''}"
