"""A campaign: who organises it, its progress, its establishments and its collective report.

« Version association » switches the whole report (and the PDF) to what the merchant
association may see; the establishments are then those whose owner agreed to be named.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.campaign import CampaignVM, Stage, score_text
from app.views import theme
from app.views.collective_campaign import INK, report_blocks
from app.views.exports import ExportDialog
from app.views.screen import Screen, bottom_bar, page_body, with_actions
from app.views.widgets import card, heading, muted, pill, primary, secondary, section, tagged
from audits.collective.models import ShopRow
from audits.fieldwork.audit_export import ExportFormat
from audits.fieldwork.campaign_view import CampaignShop

STATUS_COLOURS = {
    "none": (theme.MUTED, theme.SURFACE),
    "planned": (theme.AMBER_INK, theme.AMBER_SOFT),
    "visited": (theme.PRIMARY, theme.PRIMARY_SOFT),
    "signed": (theme.ACCENT_INK, theme.ACCENT_SOFT),
}
"""Pill colours by progress; the amber and green inks are darkened from the theme's so the
12 px text keeps a 4.5:1 contrast on its pale background (WCAG AA)."""
EXPORT_INTRO = (
    "Tous les audits de la campagne, brouillons compris, avec le nom des commerces : "
    "des données internes à la chambre, à ne pas transmettre à l'association."
)


class CampaignScreen(Screen):
    title = "Campagne"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = CampaignVM(self.ctx, params["campaign_id"])

    def render(self) -> ft.Control:
        vm = self.vm
        report = report_blocks(vm)
        blocks: list[ft.Control] = [
            ft.Column(
                [heading(vm.name), muted(vm.subtitle, size=14)], spacing=2, key="campaign-name"
            ),
            self._facts(),
            self._audience(),
            section("Avancement", [self._progress()]),
            section("Bilan collectif", report[:1]),
            *report[1:],
            self._shops(),
        ]
        return with_actions(page_body(blocks), self._actions())

    def _facts(self) -> ft.Control:
        rows = [
            ft.Row(
                [muted(label, size=13, width=110), ft.Text(value, size=13, expand=True, color=INK)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
            for label, value in self.vm.facts()
        ]
        return card(ft.Column(rows, spacing=8))

    def _audience(self) -> ft.Control:
        switch = ft.Switch(
            label="Version association",
            value=self.vm.association,
            on_change=self.act(lambda e: self.vm.show_association(bool(e.control.value))),
            key="audience",
            active_color=theme.PRIMARY,
        )
        parts: list[ft.Control] = [tagged(switch, "audience", "Version association")]
        if self.vm.note:
            parts.append(muted(self.vm.note, size=12, key="association-note"))
        else:
            parts.append(
                muted("Version de la chambre : résultats complets, commerce par commerce.", size=12)
            )
        return ft.Column(parts, spacing=4)

    def _progress(self) -> ft.Control:
        rows: list[ft.Control] = [self._stage(stage) for stage in self.vm.stages()]
        if activities := self.vm.activities():
            rows.append(
                ft.Row(
                    [pill(text, INK, theme.SURFACE) for text in activities],
                    wrap=True,
                    spacing=6,
                    run_spacing=6,
                )
            )
        return card(ft.Column(rows, spacing=12))

    def _stage(self, stage: Stage) -> ft.Control:
        return ft.Column(
            [
                ft.Row(
                    [
                        ft.Text(stage.label, size=13, expand=True, color=INK),
                        ft.Text(
                            stage.text,
                            size=13,
                            weight=ft.FontWeight.W_700,
                            key=f"stage-{stage.key}",
                        ),
                    ]
                ),
                ft.ProgressBar(
                    value=stage.share,
                    color=theme.ACCENT,
                    bgcolor=theme.ACCENT_SOFT,
                    bar_height=8,
                    border_radius=4,
                ),
            ],
            spacing=4,
        )

    # establishments ---------------------------------------------------------------------
    def _shops(self) -> ft.Control:
        vm = self.vm
        if vm.association:
            rows = [self._named(row) for row in vm.named_shops]
            note = muted(vm.unnamed_text, size=13, key="unnamed-shops")
            title = f"Commerces nommés ({len(rows)})"
            return section(title, [note, *rows])
        rows = [self._shop(shop) for shop in vm.shops]
        return section(f"Établissements de la campagne ({len(rows)})", rows)

    def _shop(self, shop: CampaignShop) -> ft.Control:
        details = " · ".join(p for p in (shop.activity, shop.address) if p)
        if shop.overall is not None:
            details += f" · score {score_text(shop.overall)}"
        if shop.consent:
            details += " · accord pour être nommé"
        return card(
            self._shop_row(shop.name, details, shop.status),
            padding=12,
            on_click=lambda: self.shell.go("establishment", establishment_id=shop.establishment_id),
            key=f"shop-{shop.establishment_id}",
        )

    def _named(self, row: ShopRow) -> ft.Control:
        details = " · ".join(p for p in (row.activity, row.address) if p)
        if row.overall is not None:
            details += f" · score {score_text(row.overall)}"
        return card(self._shop_row(row.name, details, row.status), padding=12)

    def _shop_row(self, name: str, details: str, status: str) -> ft.Control:
        colour, background = STATUS_COLOURS.get(status, (theme.MUTED, theme.SURFACE))
        return ft.Row(
            [
                ft.Column(
                    [
                        ft.Text(
                            name,
                            weight=ft.FontWeight.W_600,
                            max_lines=1,
                            overflow=ft.TextOverflow.ELLIPSIS,
                            color=INK,
                        ),
                        muted(details, size=12, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
                    ],
                    spacing=2,
                    expand=True,
                ),
                pill(self.vm.status_text(status), colour, background),
            ],
            spacing=12,
        )

    # files ------------------------------------------------------------------------------
    def _actions(self) -> ft.Control:
        pdf = primary(
            "Rapport collectif (PDF)",
            self.act(self._download, refresh=False),
            ft.Icons.PICTURE_AS_PDF,
            key="campaign-pdf",
        )
        controls: list[ft.Control] = []
        if not self.vm.association:  # exports name every shop: never from the association's view
            export = secondary(
                "Exporter",
                lambda: ExportDialog(self, EXPORT_INTRO, self._export).open(),
                ft.Icons.DOWNLOAD,
                key="campaign-export",
            )
            controls.append(tagged(export, "campaign-export", "Exporter"))
        controls.append(tagged(pdf, "campaign-pdf", "Rapport collectif (PDF)"))
        return bottom_bar(controls)

    async def _download(self) -> None:
        name, content = self.vm.pdf()
        self.shell.toast(await self.shell.device.deliver(name, content, "application/pdf"))

    async def _export(self, form: ExportFormat) -> None:
        file = self.vm.export(form)
        delivered = await self.shell.device.deliver(file.name, file.content, file.mime)
        self.shell.toast(f"{self.vm.export_message(file)} — {delivered}")
