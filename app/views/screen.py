"""The base of every screen: render from its view-model, refresh after each action.

``act`` wraps a handler so a refused action (a ``DiagError``, always in French) becomes a
message at the bottom of the screen instead of a crash, and the screen is redrawn after it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import flet as ft

from app.views import theme
from audits.errors import DiagError

if TYPE_CHECKING:
    from app.views.shell import Shell


class Screen:
    title = "Diag Terrain"

    def __init__(self, shell: Shell, **params: Any) -> None:
        self.shell = shell
        self.ctx = shell.ctx
        self.params = params
        self.holder = ft.Container(expand=True)

    def build(self) -> ft.Control:
        self.holder.content = self.render()
        return self.holder

    def render(self) -> ft.Control:
        raise NotImplementedError

    def refresh(self) -> None:
        self.holder.content = self.render()

    def act(self, action: Callable[..., Any], refresh: bool = True) -> Callable[..., Any]:
        """A handler running ``action`` (with the event if it takes one), errors shown."""
        takes_event = bool(inspect.signature(action).parameters)

        if inspect.iscoroutinefunction(action):

            async def run_async(e: Any = None) -> None:
                try:
                    await (action(e) if takes_event else action())
                except DiagError as error:
                    self.shell.toast(str(error), error=True)
                if refresh:
                    self.refresh()

            return run_async

        def run(e: Any = None) -> None:
            try:
                action(e) if takes_event else action()
            except DiagError as error:
                self.shell.toast(str(error), error=True)
            if refresh:
                self.refresh()

        return run


def page_body(controls: list[ft.Control], padding: int = 16) -> ft.Column:
    """A scrolling column, at most ``CONTENT_MAX`` wide and centred on large screens."""
    column = ft.Column(controls, spacing=18)
    centred = ft.ResponsiveRow(
        [ft.Container(column, col={"xs": 12, "lg": 11, "xl": 9}, padding=padding)],
        alignment=ft.MainAxisAlignment.CENTER,
    )
    return ft.Column([centred], scroll=ft.ScrollMode.AUTO, expand=True)


def bottom_bar(controls: list[ft.Control]) -> ft.Container:
    """Actions pinned under a scrolling screen (previous / next, generate, sign)."""
    return ft.Container(
        ft.Row(controls, alignment=ft.MainAxisAlignment.END, spacing=8, wrap=True),
        padding=ft.Padding.symmetric(horizontal=16, vertical=10),
        bgcolor=theme.CARD,
        border=ft.Border.only(top=ft.BorderSide(1, theme.LINE)),
    )


def with_actions(
    body: ft.Control, actions: ft.Control, header: ft.Control | None = None
) -> ft.Control:
    """A screen with a fixed header (optional), a scrolling body and actions pinned below."""
    parts = [*([header] if header is not None else []), ft.Container(body, expand=True), actions]
    return ft.Column(
        parts, spacing=0, expand=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
    )
