"""The frame around every screen: title bar, navigation (rail on wide screens, bar on phones).

The layout follows the window: from 840 px wide a navigation rail sits on the left, below
that a bottom navigation bar leaves the whole width to the screen (a 360 px phone).
"""

from __future__ import annotations

from collections.abc import Mapping

import flet as ft

from app.state.context import AppContext
from app.state.home import audit_screen
from app.state.navigation import TABS, Navigator, Route
from app.views import theme
from app.views.device import Device
from app.views.screen import Screen
from audits.store.questionnaires import stored_questionnaire

DESTINATIONS = (
    ("Accueil", ft.Icons.HOME_OUTLINED, ft.Icons.HOME),
    ("Établissements", ft.Icons.STOREFRONT_OUTLINED, ft.Icons.STOREFRONT),
    ("Synchro", ft.Icons.SYNC_OUTLINED, ft.Icons.SYNC),
    ("Réglages", ft.Icons.SETTINGS_OUTLINED, ft.Icons.SETTINGS),
)


class Shell:
    def __init__(
        self,
        page: ft.Page,
        ctx: AppContext,
        device: Device,
        screens: Mapping[str, type[Screen]],
    ) -> None:
        self.page = page
        self.ctx = ctx
        self.device = device
        self.screens = screens
        self.nav = Navigator()
        self.nav.listeners.append(self.show)
        self.screen: Screen | None = None
        self.wide = True
        self.body = ft.Container(expand=True, bgcolor=theme.SURFACE)
        self.title = ft.Text("Diag Terrain", size=18, weight=ft.FontWeight.W_600, key="title")
        self.back = ft.IconButton(
            ft.Icons.ARROW_BACK, tooltip="Retour", on_click=lambda: self.nav.back(), key="back"
        )
        self.rail = ft.NavigationRail(
            destinations=[
                ft.NavigationRailDestination(icon=icon, selected_icon=selected, label=label)
                for label, icon, selected in DESTINATIONS
            ],
            selected_index=0,
            label_type=ft.NavigationRailLabelType.ALL,
            bgcolor=theme.CARD,
            min_width=88,
            on_change=self._tab_changed,
            leading=ft.Container(
                ft.Image(src="icon.png", width=44, height=44, fit=ft.BoxFit.CONTAIN),
                padding=ft.Padding.only(top=12, bottom=12),
            ),
        )
        self.bar = ft.NavigationBar(
            destinations=[
                ft.NavigationBarDestination(icon=icon, selected_icon=selected, label=label)
                for label, icon, selected in DESTINATIONS
            ],
            selected_index=0,
            on_change=self._tab_changed,
            bgcolor=theme.CARD,
        )

    def mount(self) -> None:
        page = self.page
        page.title = "Diag Terrain"
        page.theme = theme.app_theme()
        page.theme_mode = ft.ThemeMode.LIGHT
        page.bgcolor = theme.SURFACE
        page.padding = 0
        page.on_resize = self._resized
        self.wide = (page.width or 1280) >= theme.WIDE
        page.appbar = ft.AppBar(
            leading=self.back,
            title=self.title,
            bgcolor=theme.CARD,
            center_title=False,
            elevation=0,
            toolbar_height=60,
        )
        self._layout()
        self.show(self.nav.current)

    def _layout(self) -> None:
        page = self.page
        page.controls.clear()
        if self.wide:
            page.navigation_bar = None
            divider = ft.VerticalDivider(width=1, color=theme.LINE)
            page.controls.append(ft.Row([self.rail, divider, self.body], expand=True, spacing=0))
        else:
            page.navigation_bar = self.bar
            page.controls.append(self.body)

    def _resized(self, e: ft.PageResizeEvent) -> None:
        wide = e.width >= theme.WIDE
        if wide != self.wide:
            self.wide = wide
            self._layout()
            if self.screen is not None:
                self.screen.refresh()

    def _tab_changed(self, e: ft.Event[ft.NavigationBar]) -> None:
        index = int(e.control.selected_index or 0)
        self.nav.root(TABS[index])

    def show(self, route: Route | None = None) -> None:
        route = route or self.nav.current
        screen_class = self.screens[route.name]
        self.screen = screen_class(self, **route.params)
        self.body.content = self.screen.build()
        self.title.value = self.screen.title
        self.back.visible = self.nav.can_go_back
        index = TABS.index(self.nav.tab)
        self.rail.selected_index = index
        self.bar.selected_index = index

    def go(self, name: str, **params: object) -> None:
        self.nav.go(name, **params)

    def title_of(self, questionnaire_ref: str) -> str:
        return stored_questionnaire(self.ctx.store, questionnaire_ref).title

    def open_audit(self, audit_id: str) -> None:
        self.nav.go(audit_screen(self.ctx, audit_id), audit_id=audit_id)

    def toast(self, message: str, error: bool = False) -> None:
        text = message[:1].upper() + message[1:] if error else message
        snack = ft.SnackBar(
            ft.Text(text, color=ft.Colors.WHITE),
            bgcolor=theme.WARNING if error else "#1D2B2F",
            duration=ft.Duration(seconds=5 if error else 3),
            show_close_icon=True,
        )
        self.show_dialog(snack)

    def show_dialog(self, dialog: ft.DialogControl) -> None:
        """Open a dialog or snack bar without losing the handler's other changes.

        ``page.show_dialog`` updates the page itself, and Flet then skips the automatic
        update at the end of the handler: whatever the handler changed next (the screen it
        navigated to, a refreshed list) would never reach the client. Clearing the flag
        keeps that final update.
        """
        self.page.show_dialog(dialog)
        ft.context.reset_update_called()

    def close_dialog(self) -> None:
        self.page.pop_dialog()
        ft.context.reset_update_called()
