"""Settings: identity printed on the plans, chamber logo, server address, data export."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.settings_vm import FIELDS, LABELS, SettingsVM
from app.views import theme
from app.views.exports import format_choices
from app.views.screen import Screen, page_body
from app.views.widgets import (
    card,
    flat,
    heading,
    muted,
    primary,
    responsive,
    secondary,
    section,
    tagged,
)
from audits.fieldwork.audit_export import ExportFormat


class SettingsScreen(Screen):
    title = "Réglages"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = SettingsVM(self.ctx)
        self.inputs = {
            name: ft.TextField(
                label=LABELS[name],
                value=self.vm.fields[name],
                key=f"setting-{name}",
                border=theme.FIELD_BORDER,
                on_change=self._changed(name),
            )
            for name in FIELDS
        }

    def _changed(self, name: str):  # type: ignore[no-untyped-def]
        def changed(e: ft.Event[ft.TextField]) -> None:
            self.vm.fields[name] = e.control.value or ""

        return changed

    def render(self) -> ft.Control:
        for name, field in self.inputs.items():
            field.error = self.vm.errors.get(name)
        logo = self.vm.logo
        logo_view: ft.Control = (
            ft.Image(src=logo, height=64, fit=ft.BoxFit.CONTAIN)
            if logo
            else ft.Image(src="logo.png", height=48, fit=ft.BoxFit.CONTAIN)
        )
        return page_body(
            [
                heading("Réglages"),
                ft.Text(
                    self.vm.message,
                    color=theme.PRIMARY,
                    key="settings-message",
                    visible=bool(self.vm.message),
                ),
                section(
                    "Identité",
                    [
                        card(
                            ft.Column(
                                [
                                    muted(
                                        "Imprimée sur les plans d'actions remis aux commerçants.",
                                        size=13,
                                    ),
                                    responsive(
                                        [
                                            tagged(f, f"setting-{n}", LABELS[n])
                                            for n, f in self.inputs.items()
                                        ],
                                        md=6,
                                    ),
                                    tagged(
                                        primary(
                                            "Enregistrer",
                                            self.act(self._save),
                                            ft.Icons.SAVE,
                                            key="save-settings",
                                        ),
                                        "save-settings",
                                    ),
                                ],
                                spacing=12,
                            )
                        )
                    ],
                ),
                section(
                    "Logo de la chambre",
                    [
                        card(
                            ft.Column(
                                [
                                    logo_view,
                                    muted("PNG ou JPEG, affiché en couverture du PDF.", size=13),
                                    ft.Row(
                                        [
                                            secondary(
                                                "Choisir un logo",
                                                self.act(self._pick_logo),
                                                ft.Icons.IMAGE_OUTLINED,
                                            ),
                                            *(
                                                [
                                                    flat(
                                                        "Retirer",
                                                        self.act(self.vm.remove_logo),
                                                        ft.Icons.DELETE_OUTLINE,
                                                    )
                                                ]
                                                if logo
                                                else []
                                            ),
                                        ],
                                        wrap=True,
                                    ),
                                ],
                                spacing=12,
                            )
                        )
                    ],
                ),
                section(
                    "Données",
                    [
                        card(
                            ft.Column(
                                [
                                    *[
                                        ft.Row(
                                            [
                                                muted(k, size=13, width=140),
                                                ft.Text(v, size=13, expand=True, selectable=True),
                                            ]
                                        )
                                        for k, v in self.vm.about()
                                    ],
                                    secondary(
                                        "Exporter mes données (ZIP)",
                                        self.act(self._export, refresh=False),
                                        ft.Icons.DOWNLOAD,
                                        key="export",
                                    ),
                                ],
                                spacing=8,
                            )
                        )
                    ],
                ),
                section("Exporter les audits (CSV, Excel, JSON)", [self._audits_export()]),
            ]
        )

    def _audits_export(self) -> ft.Control:
        """Answers and plans of one questionnaire's audits, in the format the user picks."""
        options = self.vm.questionnaire_options()
        if not options:
            return muted("Aucun questionnaire dans la base.", size=13)
        picker = ft.Dropdown(
            label="Questionnaire",
            value=self.vm.export_questionnaire,
            options=[ft.DropdownOption(key=qid, text=text) for qid, text in options],
            on_select=self.act(lambda e: self.vm.choose_questionnaire(e.control.value)),
            key="export-questionnaire",
            border=theme.FIELD_BORDER,
            expand=True,
        )
        tagged_picker = tagged(picker, "export-questionnaire", "Questionnaire")
        return card(
            ft.Column(
                [
                    muted(
                        "Une ligne par audit et une colonne par question, dans le même ordre "
                        "d'une version du questionnaire à l'autre ; une ligne par action des "
                        "plans. Tous les audits, campagnes comprises.",
                        size=13,
                    ),
                    ft.Row([ft.Container(tagged_picker, expand=True)]),
                    muted(self.vm.export_count, size=12, key="export-count"),
                    responsive(format_choices(self._export_handler, "audits-export"), md=4),
                ],
                spacing=12,
            )
        )

    def _export_handler(self, form: ExportFormat):  # type: ignore[no-untyped-def]
        async def export() -> None:
            file = self.vm.export_audits(form)
            delivered = await self.shell.device.deliver(file.name, file.content, file.mime)
            self.shell.toast(f"{self.vm.export_message(file)} — {delivered}")

        return self.act(export, refresh=False)

    def _save(self) -> None:
        for name, field in self.inputs.items():  # typed but not yet reported: taken too
            self.vm.fields[name] = field.value or ""
        self.vm.save()

    async def _pick_logo(self) -> None:
        for picked in (await self.shell.device.pick_images())[:1]:
            self.vm.set_logo(picked.name, picked.content)

    async def _export(self) -> None:
        name, content = self.vm.export()
        self.shell.toast(await self.shell.device.deliver(name, content, "application/zip"))
