"""Choosing the questionnaire of a new audit: energy, RSE (DEAR) or craft label."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.new_audit import NewAuditVM, QuestionnaireChoice
from app.views import theme
from app.views.screen import Screen, page_body
from app.views.widgets import card, heading, muted, pill, responsive, tagged


class NewAuditScreen(Screen):
    title = "Nouvel audit"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = NewAuditVM(self.ctx, params["establishment_id"])

    def render(self) -> ft.Control:
        cards = [self._choice(choice) for choice in self.vm.choices]
        return page_body(
            [
                ft.Column(
                    [
                        heading("Quel audit ?"),
                        muted(f"Pour {self.vm.establishment.name}", size=14),
                    ],
                    spacing=2,
                ),
                responsive(cards, md=6, lg=4),
            ]
        )

    def _choice(self, choice: QuestionnaireChoice) -> ft.Control:
        description = choice.description
        if len(description) > 220:
            description = description[:217].rsplit(" ", 1)[0] + "…"
        body = ft.Column(
            [
                ft.Row(
                    [
                        ft.Container(
                            ft.Icon(theme.KIND_ICONS.get(choice.kind), color=theme.PRIMARY),
                            bgcolor=theme.PRIMARY_SOFT,
                            border_radius=12,
                            padding=10,
                        ),
                        pill(theme.KIND_NAMES.get(choice.kind, "Audit")),
                    ],
                    alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                ),
                ft.Text(choice.title, size=16, weight=ft.FontWeight.W_600),
                muted(description, size=13),
                muted(f"{choice.sections} sections · {choice.questions} questions", size=12),
            ],
            spacing=10,
        )
        return tagged(
            card(body, on_click=self.act(self._starter(choice.ref), False), key=choice.ref),
            f"questionnaire-{choice.kind}",
            choice.title,
        )

    def _starter(self, ref: str):  # type: ignore[no-untyped-def]
        def start() -> None:
            audit = self.vm.start(ref)
            self.shell.nav.replace("wizard", audit_id=audit.id)

        return start
