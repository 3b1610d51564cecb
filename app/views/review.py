"""Review: what is still missing, the « je ne sais pas » answers, scores per theme as a chart."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.review import Gap, ReviewVM
from app.views import theme
from app.views.charts import legend, score_chart
from app.views.screen import Screen, bottom_bar, page_body, with_actions
from app.views.widgets import card, empty_state, heading, muted, primary, secondary, section, tagged


class ReviewScreen(Screen):
    title = "Revue de l'audit"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = ReviewVM(self.ctx, params["audit_id"])

    def render(self) -> ft.Control:
        vm = self.vm
        vm.load()
        overall = "—" if vm.overall is None else f"{round(vm.overall)} %"
        summary = card(
            ft.Row(
                [
                    ft.Column(
                        [
                            ft.Text(
                                overall,
                                size=34,
                                weight=ft.FontWeight.W_700,
                                color=theme.PRIMARY,
                                key="overall",
                            ),
                            muted(f"Score global · {vm.level or 'non évalué'}", size=13),
                        ],
                        spacing=0,
                    ),
                    ft.Column(
                        [
                            ft.Text(
                                f"{vm.answered} / {vm.total}", size=20, weight=ft.FontWeight.W_600
                            ),
                            muted("questions répondues", size=13),
                        ],
                        spacing=0,
                    ),
                ],
                alignment=ft.MainAxisAlignment.SPACE_AROUND,
                wrap=True,
            )
        )
        blocks: list[ft.Control] = [
            ft.Column(
                [
                    heading("Revue de l'audit"),
                    muted(f"{vm.establishment.name} · {vm.questionnaire.title}", size=14),
                ],
                spacing=2,
            ),
            summary,
            section(
                "Obligatoires sans réponse",
                self._gaps(vm.missing, "Toutes les questions obligatoires ont une réponse."),
            ),
        ]
        if vm.unknown:
            blocks.append(
                section("Réponses « je ne sais pas » à vérifier", self._gaps(vm.unknown, ""))
            )
        if vm.themes:
            blocks.append(
                section(
                    "Scores par thème",
                    [card(ft.Column([score_chart(vm.themes), *legend(vm.themes)], spacing=8))],
                )
            )
        return with_actions(page_body(blocks), self._actions())

    def _gaps(self, gaps: list[Gap], empty: str) -> list[ft.Control]:
        if not gaps:
            return [empty_state(ft.Icons.TASK_ALT, empty)]
        return [
            card(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.ERROR_OUTLINE, color=theme.WARNING),
                        ft.Column(
                            [ft.Text(gap.label, size=14), muted(gap.section_title, size=12)],
                            spacing=2,
                            expand=True,
                        ),
                        ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
                    ],
                    spacing=12,
                ),
                padding=12,
                on_click=self._opener(gap),
            )
            for gap in gaps
        ]

    def _opener(self, gap: Gap):  # type: ignore[no-untyped-def]
        def open_gap() -> None:
            self.vm.go_to(gap)
            self.shell.nav.replace("wizard", audit_id=self.vm.audit_id)

        return open_gap

    def _actions(self) -> ft.Control:
        vm = self.vm
        back = secondary("Reprendre le questionnaire", self._back_to_wizard, ft.Icons.EDIT_NOTE)
        if vm.audit.status != "draft":
            go = primary(
                "Voir le plan d'actions", self._to_plan, ft.Icons.ARROW_FORWARD, key="to-plan"
            )
            return bottom_bar([back, tagged(go, "to-plan", "Voir le plan d'actions")])
        finish = primary(
            "Terminer et voir le plan",
            self.act(self._complete),
            ft.Icons.TASK_ALT,
            key="complete",
            disabled=not vm.can_complete,
        )
        return bottom_bar([back, tagged(finish, "complete", "Terminer et voir le plan")])

    def _back_to_wizard(self) -> None:
        if self.vm.audit.status == "completed":
            self.vm.reopen()
        self.shell.nav.replace("wizard", audit_id=self.vm.audit_id)

    def _complete(self) -> None:
        self.vm.complete()
        self._to_plan()

    def _to_plan(self) -> None:
        self.shell.nav.show("plan", audit_id=self.vm.audit_id)
