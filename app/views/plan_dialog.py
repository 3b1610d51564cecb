"""The dialog that edits a plan line (figures, owner, deadline) or adds one."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.views import theme
from app.views.widgets import tagged

FIELDS = (
    ("title", "Intitulé de l'action", None, ft.KeyboardType.TEXT),
    ("kwh", "Économie d'énergie", "kWh/an", ft.KeyboardType.NUMBER),
    ("cost", "Coût", "€", ft.KeyboardType.NUMBER),
    ("aid", "Aide", "€", ft.KeyboardType.NUMBER),
    ("owner", "Responsable", None, ft.KeyboardType.NAME),
    ("deadline", "Échéance (JJ/MM/AAAA)", None, ft.KeyboardType.TEXT),
)


class LineDialog:
    def __init__(self, screen: Any, action_id: str | None) -> None:
        self.screen = screen
        self.vm = screen.vm
        self.action_id = action_id
        form = self.vm.form_of(action_id)
        self.inputs = {
            name: ft.TextField(
                label=label,
                value=form[name],
                suffix=suffix,
                keyboard_type=keyboard,
                key=f"line-{name}",
                border=theme.FIELD_BORDER,
            )
            for name, label, suffix, keyboard in FIELDS
            if (action_id is None and name != "aid") or action_id is not None
        }
        self.dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text("Nouvelle action" if action_id is None else "Modifier l'action"),
            content=ft.Container(
                ft.Column(
                    [
                        tagged(field, f"line-{name}", field.label)
                        for name, field in self.inputs.items()
                    ],
                    tight=True,
                    spacing=12,
                    scroll=ft.ScrollMode.AUTO,
                ),
                width=420,
            ),
            actions=[
                ft.TextButton("Annuler", on_click=self.close, height=48),
                ft.FilledButton("Enregistrer", on_click=self.save, height=48, key="line-save"),
            ],
            bgcolor=theme.CARD,
        )

    def open(self) -> None:
        self.screen.shell.show_dialog(self.dialog)

    def close(self) -> None:
        self.screen.shell.close_dialog()

    def save(self) -> None:
        form = {name: field.value or "" for name, field in self.inputs.items()}
        if not self.vm.save_form(self.action_id, form):
            for name, field in self.inputs.items():
                field.error = self.vm.errors.get(name)
            return
        self.close()
        self.screen.refresh()
