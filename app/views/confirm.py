"""A confirmation before an action that cannot be undone from the app (revise, erase).

Modal, with the consequences spelt out and the cancel button first: the advisor may be
showing the screen to the business owner, and a stray tap must not start anything.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import flet as ft

from app.views import theme


class ConfirmDialog:
    def __init__(
        self,
        screen: Any,
        title: str,
        paragraphs: list[str],
        confirm: str,
        on_confirm: Callable[[], Any],
        *,
        key: str,
        danger: bool = False,
    ) -> None:
        self.screen = screen
        self.on_confirm = on_confirm
        button = ft.FilledButton(
            confirm,
            on_click=screen.act(self._confirmed, refresh=False),
            height=48,
            key=f"{key}-confirm",
            bgcolor=theme.WARNING if danger else None,
        )
        self.dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(title),
            content=ft.Container(
                ft.Column(
                    [ft.Text(p, size=14) for p in paragraphs],
                    tight=True,
                    spacing=10,
                    scroll=ft.ScrollMode.AUTO,
                ),
                width=460,
            ),
            actions=[
                ft.TextButton("Annuler", on_click=self.close, height=48, key=f"{key}-cancel"),
                button,
            ],
            bgcolor=theme.CARD,
            key=key,
        )

    def open(self) -> None:
        self.screen.shell.show_dialog(self.dialog)

    def close(self) -> None:
        self.screen.shell.close_dialog()

    async def _confirmed(self) -> None:
        """Closed first, so an error toast or the next screen is not hidden behind it."""
        self.close()
        result = self.on_confirm()
        if inspect.isawaitable(result):
            await result
