"""The choice of an export format (XLSX, CSV, JSON), as buttons with a line on each.

Used by the campaign screen's « Exporter » dialog and by the settings' export of audits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from app.state.exports import CHOICES
from app.views import theme
from app.views.widgets import muted, secondary, tagged
from audits.fieldwork.audit_export import ExportFormat

ICONS = {
    "xlsx": ft.Icons.TABLE_CHART_OUTLINED,
    "csv": ft.Icons.FOLDER_ZIP_OUTLINED,
    "json": ft.Icons.DATA_OBJECT,
}


def format_choices(
    pick: Callable[[ExportFormat], Callable[..., Any]], prefix: str
) -> list[ft.Control]:
    """One button per format, its description under it; ``pick(form)`` makes the handler."""
    controls: list[ft.Control] = []
    for form, label, hint in CHOICES:
        button = secondary(label, pick(form), ICONS[form], key=f"{prefix}-{form}")
        controls.append(
            ft.Column([tagged(button, f"{prefix}-{form}", label), muted(hint, size=12)], spacing=4)
        )
    return controls


class ExportDialog:
    """« Exporter » : the three formats; a choice closes the dialog and hands the file over."""

    def __init__(
        self,
        screen: Any,
        intro: str,
        deliver: Callable[[ExportFormat], Awaitable[None]],
    ) -> None:
        self.screen = screen
        self.deliver = deliver
        self.dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text("Exporter les réponses et les plans"),
            content=ft.Container(
                ft.Column(
                    [muted(intro, size=13), *format_choices(self._handler, "export")],
                    tight=True,
                    spacing=14,
                    scroll=ft.ScrollMode.AUTO,
                ),
                width=420,
            ),
            actions=[ft.TextButton("Annuler", on_click=self.close, height=48, key="export-cancel")],
            bgcolor=theme.CARD,
        )

    def open(self) -> None:
        self.screen.shell.show_dialog(self.dialog)

    def close(self) -> None:
        self.screen.shell.close_dialog()

    def _handler(self, form: ExportFormat) -> Callable[..., Any]:
        async def chosen() -> None:
            self.close()
            await self.deliver(form)

        return self.screen.act(chosen, refresh=False)
