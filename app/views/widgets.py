"""Small building blocks shared by the screens: cards, pills, buttons, empty states."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.views import theme

Handler = Callable[..., Any] | None


def tagged(control: ft.Control, identifier: str, label: str | None = None) -> ft.Control:
    """A stable hook for the browser test (``flt-semantics-identifier``) and screen readers."""
    return ft.Semantics(identifier=identifier, label=label, content=control, container=True)


def card(
    content: ft.Control,
    *,
    padding: int = 16,
    on_click: Handler = None,
    key: str | None = None,
    bgcolor: str = theme.CARD,
    border: str = theme.LINE,
) -> ft.Container:
    return ft.Container(
        content=content,
        padding=padding,
        bgcolor=bgcolor,
        border=ft.Border.all(1, border),
        border_radius=14,
        on_click=on_click,
        key=key,
        ink=on_click is not None,
    )


def pill(text: str, color: str = theme.PRIMARY, bgcolor: str = theme.PRIMARY_SOFT) -> ft.Container:
    return ft.Container(
        content=ft.Text(text, size=12, color=color, weight=ft.FontWeight.W_600),
        bgcolor=bgcolor,
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
        border_radius=20,
    )


def primary(
    text: str, on_click: Handler, icon: Any = None, key: str | None = None, **kw: Any
) -> ft.FilledButton:
    return ft.FilledButton(content=text, icon=icon, on_click=on_click, key=key, height=48, **kw)


def secondary(
    text: str, on_click: Handler, icon: Any = None, key: str | None = None, **kw: Any
) -> ft.OutlinedButton:
    return ft.OutlinedButton(content=text, icon=icon, on_click=on_click, key=key, height=48, **kw)


def flat(
    text: str, on_click: Handler, icon: Any = None, key: str | None = None, **kw: Any
) -> ft.TextButton:
    return ft.TextButton(content=text, icon=icon, on_click=on_click, key=key, height=48, **kw)


def heading(text: str, size: int = 22) -> ft.Text:
    return ft.Text(text, size=size, weight=ft.FontWeight.W_700, color="#1D2B2F")


def subheading(text: str) -> ft.Text:
    return ft.Text(text, size=16, weight=ft.FontWeight.W_600, color="#1D2B2F")


def muted(text: str, size: int = 13, **kw: Any) -> ft.Text:
    return ft.Text(text, size=size, color=theme.MUTED, **kw)


def empty_state(icon: Any, text: str) -> ft.Container:
    return ft.Container(
        content=ft.Row(
            [ft.Icon(icon, color=theme.MUTED, size=22), muted(text, size=14, expand=True)],
            spacing=12,
        ),
        padding=ft.Padding.symmetric(vertical=12, horizontal=4),
    )


def stat(label: str, value: str, icon: Any, color: str = theme.PRIMARY) -> ft.Control:
    return card(
        ft.Row(
            [
                ft.Container(
                    ft.Icon(icon, color=color, size=22),
                    bgcolor=theme.PRIMARY_SOFT if color == theme.PRIMARY else theme.ACCENT_SOFT,
                    border_radius=12,
                    padding=10,
                ),
                ft.Column(
                    [
                        ft.Text(value, size=20, weight=ft.FontWeight.W_700, color="#1D2B2F"),
                        muted(label, size=12),
                    ],
                    spacing=0,
                    expand=True,
                ),
            ],
            spacing=12,
        ),
        padding=14,
    )


def responsive(
    controls: list[ft.Control], md: int = 6, lg: int | None = None, xs: int = 12
) -> ft.ResponsiveRow:
    cols = {"xs": xs, "md": md, **({"lg": lg} if lg else {})}
    for control in controls:
        control.col = cols
    return ft.ResponsiveRow(controls, spacing=12, run_spacing=12)


def section(
    title: str, controls: list[ft.Control], trailing: ft.Control | None = None
) -> ft.Column:
    head: list[ft.Control] = [subheading(title)]
    if trailing is not None:
        head = [ft.Container(subheading(title), expand=True), trailing]
    return ft.Column([ft.Row(head), *controls], spacing=10)


def status_pill(status: str) -> ft.Container:
    """An audit's status; the inks are the theme's dark ones, so the 12 px text keeps 4.5:1."""
    colors = {
        "draft": ("Brouillon", theme.AMBER_INK, theme.AMBER_SOFT),
        "completed": ("Terminé", theme.PRIMARY, theme.PRIMARY_SOFT),
        "signed": ("Signé", theme.ACCENT_INK, theme.ACCENT_SOFT),
    }
    text, color, bg = colors.get(status, (status, theme.MUTED, theme.SURFACE))
    return pill(text, color, bg)


def french_date(iso: str | None) -> str:
    if not iso:
        return "sans date"
    year, month, day = iso[:10].split("-")
    return f"{day}/{month}/{year}"
