"""Sync: connect to the chamber's server, sync now with progress, review conflicts.

The app works fully offline; this screen only moves what was saved locally. The network work
runs on a worker thread and the handler yields every quarter second to show its progress.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import flet as ft

from app.state.sync import SyncVM
from app.views import theme
from app.views.screen import Screen, page_body
from app.views.widgets import card, empty_state, flat, heading, muted, primary, section, tagged
from audits.fieldwork.dashboard import ConflictLine

POLL = 0.25


class SyncScreen(Screen):
    title = "Synchronisation"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = SyncVM(self.ctx)
        self.url = ft.TextField(
            label="Adresse du serveur",
            value=self.vm.server_url,
            hint_text="https://diag.cci-exemple.fr",
            keyboard_type=ft.KeyboardType.URL,
            key="server-url",
            border=theme.FIELD_BORDER,
        )
        self.user = ft.TextField(label="Identifiant", key="username", border=theme.FIELD_BORDER)
        self.password = ft.TextField(
            label="Mot de passe",
            password=True,
            can_reveal_password=True,
            key="password",
            border=theme.FIELD_BORDER,
        )

    def render(self) -> ft.Control:
        return page_body(
            [
                ft.Column(
                    [
                        heading("Synchronisation"),
                        muted(
                            "L'application fonctionne sans réseau : tout est enregistré sur "
                            "l'appareil et envoyé au serveur de la chambre à la prochaine "
                            "synchronisation.",
                            size=14,
                        ),
                    ],
                    spacing=4,
                ),
                self._server(),
                self._now(),
                section("Conflits à examiner", self._conflicts()),
            ]
        )

    def _server(self) -> ft.Control:
        vm = self.vm
        if vm.logged_in:
            body: list[ft.Control] = [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.CLOUD_DONE_OUTLINED, color=theme.ACCENT),
                        ft.Text("Appareil connecté", weight=ft.FontWeight.W_600),
                    ]
                ),
                muted(vm.server_url, size=13, selectable=True),
            ]
        else:
            body = [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.CLOUD_OFF_OUTLINED, color=theme.MUTED),
                        ft.Text("Connexion au serveur de la chambre", weight=ft.FontWeight.W_600),
                    ]
                ),
                self.url,
                self.user,
                self.password,
                primary("Se connecter", self._login, ft.Icons.LOGIN, key="login"),
            ]
        return card(ft.Column(body, spacing=12))

    def _now(self) -> ft.Control:
        vm, status = self.vm, self.vm.status
        kinds = (
            ", ".join(f"{count} {name}" for name, count in vm.pending.items()) or "rien à envoyer"
        )
        body: list[ft.Control] = [
            ft.Row(
                [
                    ft.Column(
                        [
                            ft.Text(
                                f"{vm.pending_total} modification(s) en attente",
                                size=16,
                                weight=ft.FontWeight.W_600,
                                key="pending-total",
                            ),
                            muted(kinds, size=13),
                            muted(f"Dernière synchronisation : {vm.last_sync}", size=13),
                        ],
                        spacing=2,
                        expand=True,
                    ),
                ]
            ),
        ]
        if status.running:
            body += [
                ft.ProgressBar(
                    value=vm.progress_value,
                    color=theme.ACCENT,
                    bgcolor=theme.ACCENT_SOFT,
                    bar_height=8,
                    border_radius=4,
                ),
                muted(vm.progress_text, size=13),
            ]
        if status.message:
            body.append(
                ft.Text(
                    status.message,
                    color=theme.WARNING if status.failed else theme.PRIMARY,
                    key="sync-message",
                )
            )
        button = primary("Synchroniser maintenant", self._sync, ft.Icons.SYNC, key="sync-now",
                         disabled=status.running or not vm.logged_in)  # fmt: skip
        body.append(tagged(button, "sync-now", "Synchroniser maintenant"))
        return card(ft.Column(body, spacing=10))

    def _conflicts(self) -> list[ft.Control]:
        if not self.vm.conflicts:
            return [empty_state(ft.Icons.DONE_ALL, "Aucun conflit : rien à examiner.")]
        return [self._conflict(conflict) for conflict in self.vm.conflicts]

    def _conflict(self, conflict: ConflictLine) -> ft.Control:
        detail = (
            f"Détecté le {conflict.detected_at[:10]} · la version la plus récente a été "
            "gardée, l'autre est conservée."
        )
        text = ft.Column(
            [ft.Text(conflict.what, weight=ft.FontWeight.W_600), muted(detail, size=12)],
            spacing=2,
            expand=True,
        )
        seen = flat("Vu", self.act(self._resolver(conflict.id)), ft.Icons.CHECK)
        return card(
            ft.Row([ft.Icon(ft.Icons.CALL_SPLIT, color=theme.AMBER), text, seen]), padding=12
        )

    def _resolver(self, conflict_id: int):  # type: ignore[no-untyped-def]
        return lambda: self.vm.resolve(conflict_id)

    async def _run(self, work: Any, *args: Any) -> AsyncIterator[Any]:
        """Run blocking network work on a thread; yield while it runs, then its outcome."""
        self.vm.start()
        self.refresh()
        yield None
        task = asyncio.ensure_future(asyncio.to_thread(work, *args))
        while not task.done():
            await asyncio.sleep(POLL)
            self.refresh()
            yield None
        error = task.exception()
        yield (None if error else task.result(), error)

    async def _sync(self, e: Any = None) -> AsyncIterator[None]:
        async for outcome in self._run(self.vm.sync_blocking):
            if outcome is not None:
                self.vm.finished(*outcome)
            self.refresh()
            yield

    async def _login(self, e: Any = None) -> AsyncIterator[None]:
        args = (
            (self.url.value or "").strip(),
            (self.user.value or "").strip(),
            self.password.value or "",
        )
        async for outcome in self._run(self.vm.login_blocking, *args):
            if outcome is not None:
                self.vm.logged(*outcome)
                self.password.value = ""
            self.refresh()
            yield
