"""Establishments: search as you type, the establishment's card and the history of its audits."""

from __future__ import annotations

import flet as ft

from app.state.establishments import EstablishmentVM, SearchVM
from app.views import theme
from app.views.confirm import ConfirmDialog
from app.views.screen import Screen, page_body
from app.views.widgets import (
    card,
    empty_state,
    french_date,
    heading,
    muted,
    primary,
    responsive,
    secondary,
    section,
    status_pill,
    tagged,
)
from audits.store.establishments import Establishment


class EstablishmentsScreen(Screen):
    title = "Établissements"

    def __init__(self, shell, **params):  # type: ignore[no-untyped-def]
        super().__init__(shell, **params)
        self.vm = SearchVM(self.ctx)
        self.results = ft.Column(spacing=10, key="results")
        self.search = ft.TextField(
            label="Rechercher : nom, commune ou SIRET",
            prefix_icon=ft.Icons.SEARCH,
            on_change=self._searched,
            autofocus=not params.get("pick"),
            key="search",
            border=theme.FIELD_BORDER,
            bgcolor=theme.CARD,
        )

    def render(self) -> ft.Control:
        self._fill()
        hint = (
            "Choisissez l'établissement visité, ou créez-le."
            if self.params.get("pick")
            else "Les commerces et ateliers suivis sur cet appareil."
        )
        return page_body(
            [
                ft.Column([heading("Établissements"), muted(hint, size=14)], spacing=2),
                ft.Row(
                    [
                        tagged(
                            primary(
                                "Nouvel établissement",
                                lambda: self.shell.go("establishment_form"),
                                ft.Icons.ADD_BUSINESS,
                                key="new-establishment",
                            ),
                            "new-establishment",
                        )
                    ]
                ),
                ft.Row([ft.Container(tagged(self.search, "search", "Rechercher"), expand=True)]),
                self.results,
            ]
        )

    def _searched(self, e: ft.Event[ft.TextField]) -> None:
        self.vm.search(e.control.value or "")
        self._fill()

    def _fill(self) -> None:
        if not self.vm.results:
            self.results.controls = [empty_state(ft.Icons.SEARCH_OFF, self.vm.empty_message)]
            return
        self.results.controls = [responsive([self._row(e) for e in self.vm.results], md=6)]

    def _row(self, establishment: Establishment) -> ft.Control:
        where = " · ".join(p for p in (establishment.activity, establishment.commune) if p)
        return card(
            ft.Row(
                [
                    ft.Container(
                        ft.Icon(ft.Icons.STOREFRONT, color=theme.PRIMARY),
                        bgcolor=theme.PRIMARY_SOFT,
                        border_radius=12,
                        padding=10,
                    ),
                    ft.Column(
                        [
                            ft.Text(
                                establishment.name,
                                weight=ft.FontWeight.W_600,
                                max_lines=1,
                                overflow=ft.TextOverflow.ELLIPSIS,
                            ),
                            muted(where or "—", size=12, max_lines=1),
                            muted(f"SIRET {establishment.siret}", size=12),
                        ],
                        spacing=2,
                        expand=True,
                    ),
                    ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
                ],
                spacing=12,
            ),
            padding=12,
            on_click=lambda: self.shell.go("establishment", establishment_id=establishment.id),
            key=f"establishment-{establishment.siret}",
        )


class EstablishmentScreen(Screen):
    title = "Établissement"

    def render(self) -> ft.Control:
        vm = EstablishmentVM(self.ctx, self.params["establishment_id"])
        self.vm = vm
        e = vm.establishment
        facts = [
            ft.Row([muted(label, size=13, width=110), ft.Text(value, expand=True, selectable=True)])
            for label, value in vm.facts()
        ]
        return page_body(
            [
                ft.Row(
                    [
                        ft.Column([heading(e.name), muted(e.commune or "", size=14)], expand=True),
                        ft.IconButton(
                            ft.Icons.EDIT_OUTLINED,
                            tooltip="Modifier l'établissement",
                            on_click=lambda: self.shell.go(
                                "establishment_form", establishment_id=e.id
                            ),
                            key="edit-establishment",
                        ),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                card(ft.Column(facts, spacing=8)),
                tagged(
                    primary(
                        "Démarrer un audit",
                        lambda: self.shell.go("new_audit", establishment_id=e.id),
                        ft.Icons.PLAY_ARROW,
                        key="start-audit",
                    ),
                    "start-audit",
                ),
                section("Historique des audits", self._history()),
                section("Données personnelles", [self._personal_data()]),
            ]
        )

    def _personal_data(self) -> ft.Control:
        """The owner's GDPR requests: a copy of what is held, or its erasure."""
        export = secondary(
            "Exporter les données personnelles",
            self.act(self._export, refresh=False),
            ft.Icons.DOWNLOAD,
            key="export-personal-data",
        )
        erase = secondary(
            "Effacer les données personnelles",
            self._confirm_erasure,
            ft.Icons.DELETE_FOREVER_OUTLINED,
            key="erase-personal-data",
            style=ft.ButtonStyle(color=theme.WARNING),
        )
        return ft.Column(
            [
                muted(
                    "À la demande de l'entreprise : une copie de tout ce que l'appareil "
                    "conserve sur elle (fichier JSON), ou son effacement.",
                    size=13,
                ),
                ft.Row(
                    [
                        tagged(export, "export-personal-data", "Exporter les données personnelles"),
                        tagged(erase, "erase-personal-data", "Effacer les données personnelles"),
                    ],
                    wrap=True,
                    spacing=8,
                    run_spacing=8,
                ),
            ],
            spacing=8,
        )

    async def _export(self) -> None:
        name, content = self.vm.export()
        self.shell.toast(await self.shell.device.deliver(name, content, "application/json"))

    def _confirm_erasure(self) -> None:
        ConfirmDialog(
            self,
            "Effacer les données personnelles ?",
            self.vm.erase_text(),
            "Effacer définitivement",
            self._erase,
            key="erase-dialog",
            danger=True,
        ).open()

    def _erase(self) -> None:
        message = self.vm.erase()
        self.shell.nav.root("establishments")
        self.shell.toast(message)

    def _history(self) -> list[ft.Control]:
        if not self.vm.audits:
            return [empty_state(ft.Icons.HISTORY, "Aucun audit pour cet établissement.")]
        rows = []
        for line in self.vm.audits:
            title = self.shell.title_of(line.questionnaire_ref)
            actions: list[ft.Control] = [status_pill(line.status)]
            if line.status == "signed":
                actions.append(
                    ft.IconButton(
                        ft.Icons.UPDATE,
                        tooltip="Visite de suivi",
                        on_click=self.act(self._follow_up_of(line.id), False),
                    )
                )
            rows.append(
                card(
                    ft.Row(
                        [
                            ft.Column(
                                [
                                    ft.Text(title, weight=ft.FontWeight.W_600),
                                    muted(french_date(line.planned_on), size=12),
                                ],
                                spacing=2,
                                expand=True,
                            ),
                            *actions,
                        ],
                        spacing=8,
                    ),
                    padding=12,
                    on_click=self._opener(line.id),
                    key=f"audit-{line.id}",
                )
            )
        return rows

    def _opener(self, audit_id: str):  # type: ignore[no-untyped-def]
        return lambda: self.shell.open_audit(audit_id)

    def _follow_up_of(self, audit_id: str):  # type: ignore[no-untyped-def]
        def start() -> None:
            audit = self.vm.start_follow_up(audit_id)
            self.shell.go("follow_up", audit_id=audit.id)

        return start
