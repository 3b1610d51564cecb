"""Home: today's visits, drafts to finish, what waits to be synced, my campaigns."""

from __future__ import annotations

import flet as ft

from app.state.home import HomeVM
from app.views import theme
from app.views.screen import Screen, page_body
from app.views.widgets import (
    card,
    empty_state,
    french_date,
    heading,
    muted,
    pill,
    primary,
    responsive,
    secondary,
    section,
    stat,
    status_pill,
    tagged,
)
from audits.store.search import AuditLine


class HomeScreen(Screen):
    title = "Accueil"

    def render(self) -> ft.Control:
        vm = HomeVM(self.ctx)
        self.vm = vm
        actions = ft.Row(
            [
                tagged(
                    primary(
                        "Nouvel audit",
                        lambda: self.shell.nav.root("establishments", pick=True),
                        ft.Icons.ADD,
                        key="new-audit",
                    ),
                    "new-audit",
                ),
                secondary(
                    "Établissements",
                    lambda: self.shell.nav.root("establishments"),
                    ft.Icons.STOREFRONT,
                ),
            ],
            wrap=True,
            spacing=10,
        )
        return page_body(
            [
                ft.Column([heading(vm.greeting), muted(self._today_line(vm), size=14)], spacing=2),
                actions,
                responsive(self._stats(vm), md=4),
                section(
                    "Visites du jour", self._audits(vm.visits, "Aucune visite prévue aujourd'hui.")
                ),
                section(
                    "Brouillons à terminer", self._audits(vm.drafts, "Aucun brouillon en cours.")
                ),
                section("Mes campagnes", self._campaigns(vm)),
            ]
        )

    def _today_line(self, vm: HomeVM) -> str:
        day = self.ctx.today().strftime("%d/%m/%Y")
        count = len(vm.visits)
        visits = f"{count} visite{'s' if count > 1 else ''} prévue{'s' if count > 1 else ''}"
        return f"Aujourd'hui, {day} · {visits}"

    def _stats(self, vm: HomeVM) -> list[ft.Control]:
        waiting = f"{vm.pending_total}"
        sync = "À envoyer · synchro " + (vm.last_sync[:10] if vm.last_sync else "jamais faite")
        return [
            stat("Visites du jour", str(len(vm.visits)), ft.Icons.EVENT),
            stat("Brouillons à terminer", str(len(vm.drafts)), ft.Icons.EDIT_NOTE),
            card(
                ft.Row(
                    [
                        ft.Container(
                            ft.Icon(ft.Icons.CLOUD_UPLOAD_OUTLINED, color=theme.ACCENT, size=22),
                            bgcolor=theme.ACCENT_SOFT,
                            border_radius=12,
                            padding=10,
                        ),
                        ft.Column(
                            [
                                ft.Text(waiting, size=20, weight=ft.FontWeight.W_700),
                                muted(sync, size=12),
                            ],
                            spacing=0,
                            expand=True,
                        ),
                    ],
                    spacing=12,
                ),
                padding=14,
                on_click=lambda: self.shell.nav.root("sync"),
                key="pending",
            ),
        ]

    def _audits(self, lines: list[AuditLine], empty: str) -> list[ft.Control]:
        if not lines:
            return [empty_state(ft.Icons.EVENT_AVAILABLE, empty)]
        return [responsive([self._audit_card(line) for line in lines[:12]], md=6)]

    def _audit_card(self, line: AuditLine) -> ft.Control:
        kind = self.vm.kind_of(line.questionnaire_ref)
        commune = f" · {line.commune}" if line.commune else ""
        return card(
            ft.Row(
                [
                    ft.Container(
                        ft.Icon(theme.KIND_ICONS.get(kind), color=theme.PRIMARY),
                        bgcolor=theme.PRIMARY_SOFT,
                        border_radius=12,
                        padding=10,
                    ),
                    ft.Column(
                        [
                            ft.Text(
                                line.establishment_name,
                                weight=ft.FontWeight.W_600,
                                max_lines=1,
                                overflow=ft.TextOverflow.ELLIPSIS,
                            ),
                            muted(
                                f"{theme.KIND_NAMES.get(kind, 'Audit')}{commune}"
                                f" · {french_date(line.planned_on)}",
                                size=12,
                            ),
                        ],
                        spacing=2,
                        expand=True,
                    ),
                    status_pill(line.status),
                ],
                spacing=12,
            ),
            padding=12,
            on_click=lambda: self.shell.open_audit(line.id),
        )

    def _campaigns(self, vm: HomeVM) -> list[ft.Control]:
        if not vm.campaigns:
            return [empty_state(ft.Icons.GROUPS, "Vous ne participez à aucune campagne.")]
        cards = []
        for campaign in vm.campaigns:
            progress = campaign.progress
            share = progress.signed / progress.establishments if progress.establishments else 0
            where = f" · {campaign.commune}" if campaign.commune else ""
            until = f" · jusqu'au {french_date(campaign.ends_on)}" if campaign.ends_on else ""
            cards.append(
                self._campaign_card(
                    campaign.id,
                    campaign.name,
                    ft.Column(
                        [
                            ft.Row(
                                [
                                    ft.Text(campaign.name, weight=ft.FontWeight.W_600, expand=True),
                                    pill(f"{progress.signed} / {progress.establishments} signés"),
                                ]
                            ),
                            muted(f"{campaign.organiser or 'Campagne'}{where}{until}", size=12),
                            ft.ProgressBar(
                                value=share,
                                color=theme.ACCENT,
                                bgcolor=theme.ACCENT_SOFT,
                                bar_height=8,
                                border_radius=4,
                            ),
                            muted(
                                f"{progress.not_started} à visiter · {progress.draft} en cours"
                                f" · {progress.completed} à signer",
                                size=12,
                            ),
                        ],
                        spacing=8,
                    ),
                )
            )
        return cards

    def _campaign_card(self, campaign_id: str, name: str, content: ft.Control) -> ft.Control:
        """A tap opens the campaign: its progress, establishments and collective report."""
        opened = card(
            content,
            on_click=lambda: self.shell.go("campaign", campaign_id=campaign_id),
            key=f"campaign-{campaign_id}",
        )
        return tagged(opened, f"campaign-{campaign_id}", f"Campagne {name}")
