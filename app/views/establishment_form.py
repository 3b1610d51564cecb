"""Create or edit an establishment; the SIRET is checked as it is typed, other fields on save."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.establishments import EstablishmentFormVM
from app.views import theme
from app.views.screen import Screen, bottom_bar, page_body, with_actions
from app.views.widgets import heading, muted, primary, responsive, secondary, tagged

KEYBOARDS = {
    "siret": ft.KeyboardType.NUMBER,
    "postcode": ft.KeyboardType.NUMBER,
    "surface_m2": ft.KeyboardType.NUMBER,
    "staff": ft.KeyboardType.NUMBER,
    "contact_phone": ft.KeyboardType.PHONE,
    "contact_email": ft.KeyboardType.EMAIL,
}
HINTS = {
    "siret": "14 chiffres, espaces permis",
    "naf": "ex. 10.71C",
    "surface_m2": "m²",
}
REQUIRED = ("siret", "name")


class EstablishmentFormScreen(Screen):
    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = EstablishmentFormVM(self.ctx, params.get("establishment_id"))
        self.title = self.vm.title
        self.inputs = {name: self._input(name) for name in self.vm.FIELDS}
        self.message = ft.Text("", color=theme.WARNING, key="form-message")

    def _input(self, name: str) -> ft.TextField:
        label = self.vm.LABELS[name] + (" *" if name in REQUIRED else "")
        return ft.TextField(
            label=label,
            value=self.vm.fields[name],
            hint_text=HINTS.get(name),
            suffix=ft.Text("m²") if name == "surface_m2" else None,
            keyboard_type=KEYBOARDS.get(name, ft.KeyboardType.TEXT),
            on_blur=self._changed(name),
            key=f"field-{name}",
            border=theme.FIELD_BORDER,
            bgcolor=theme.CARD,
        )

    def _changed(self, name: str):  # type: ignore[no-untyped-def]
        def changed(e: ft.Event[ft.TextField]) -> None:
            self.vm.set(name, e.control.value or "")
            self._show_errors()

        return changed

    def _show_errors(self) -> None:
        for name, field in self.inputs.items():
            field.error = self.vm.errors.get(name)
        self.message.value = self.vm.message

    def render(self) -> ft.Control:
        def field(name: str) -> ft.Control:
            return tagged(self.inputs[name], f"field-{name}", self.vm.LABELS[name])

        groups = [
            ("Identification", ["siret", "name", "naf", "activity"]),
            ("Adresse", ["address", "postcode", "commune"]),
            ("Taille", ["surface_m2", "staff"]),
            ("Contact", ["contact_name", "contact_phone", "contact_email"]),
        ]
        blocks: list[ft.Control] = [
            ft.Column([heading(self.vm.title), muted("* champ obligatoire", size=12)], spacing=2)
        ]
        for title, names in groups:
            blocks.append(muted(title.upper(), size=12, weight=ft.FontWeight.W_600))
            blocks.append(responsive([field(name) for name in names], md=6))
        blocks.append(self.message)
        actions = bottom_bar(
            [
                secondary("Annuler", lambda: self.shell.nav.back()),
                tagged(primary("Enregistrer", self._save, ft.Icons.SAVE, key="save"), "save"),
            ]
        )
        return with_actions(page_body(blocks), actions)

    def _save(self) -> None:
        for name, field in self.inputs.items():  # typed text not yet blurred counts too
            self.vm.fields[name] = field.value or ""
        saved = self.vm.save()
        self._show_errors()
        if saved is None:
            return
        self.shell.toast(f"« {saved.name} » enregistré")
        self.shell.nav.replace("establishment", establishment_id=saved.id)
