"""Follow-up visit: each accepted action marked done, with the savings actually achieved."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.follow_up import FollowUpVM
from app.views import theme
from app.views.screen import Screen, bottom_bar, page_body, with_actions
from app.views.widgets import (
    card,
    empty_state,
    flat,
    french_date,
    heading,
    muted,
    pill,
    primary,
    responsive,
    secondary,
    section,
    stat,
)
from audits.plan import PlanLine
from audits.report import fmt

DONE_COLOURS = (theme.ACCENT_INK, theme.ACCENT_SOFT)


class FollowUpScreen(Screen):
    title = "Visite de suivi"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = FollowUpVM(self.ctx, params["audit_id"])

    def render(self) -> ft.Control:
        vm = self.vm
        s = vm.summary
        since = f" · plan signé le {french_date(vm.previous.signed_at)}" if vm.previous else ""
        blocks: list[ft.Control] = [
            ft.Column(
                [heading("Visite de suivi"), muted(f"{vm.establishment.name}{since}", size=14)],
                spacing=2,
            ),
            responsive(
                [
                    stat(
                        "Actions réalisées",
                        f"{s.done} / {s.total}",
                        ft.Icons.TASK_ALT,
                        theme.ACCENT,
                    ),
                    stat(
                        "Économies constatées / an",
                        fmt.euros(s.achieved_eur),
                        ft.Icons.SAVINGS_OUTLINED,
                    ),
                    stat(
                        "Économies estimées / an",
                        fmt.euros(s.estimated_eur),
                        ft.Icons.CALCULATE_OUTLINED,
                    ),
                ],
                md=4,
            ),
        ]
        lines = [self._line(line) for line in vm.lines] or [
            empty_state(ft.Icons.CHECKLIST, "Aucune action acceptée dans le plan précédent.")
        ]
        blocks.append(section("Actions du plan", lines))
        actions = bottom_bar(
            [
                secondary(
                    "Mettre à jour les réponses",
                    lambda: self.shell.go("wizard", audit_id=vm.audit_id),
                    ft.Icons.EDIT_NOTE,
                ),
                primary(
                    "Plan et signature",
                    lambda: self.shell.go("plan", audit_id=vm.audit_id),
                    ft.Icons.ARROW_FORWARD,
                ),
            ]
        )
        return with_actions(page_body(blocks), actions)

    def _line(self, line: PlanLine) -> ft.Control:
        estimate = (
            f"Estimé : {fmt.euros(line.figures.eur)}/an"
            if line.figures.eur
            else "Estimation non chiffrée"
        )
        parts: list[ft.Control] = [
            ft.Row([ft.Text(line.title, size=15, weight=ft.FontWeight.W_600, expand=True)]),
            muted(estimate, size=13),
        ]
        if line.follow_up is not None:
            done = line.follow_up
            achieved = f"{fmt.euros(done.eur)}/an" if done.eur is not None else "non mesurée"
            parts += [
                ft.Row(
                    [
                        pill("Réalisée", *DONE_COLOURS),
                        muted(f"le {done.done_on:%d/%m/%Y} · économie {achieved}", size=13),
                    ],
                    wrap=True,
                ),
                flat("Annuler", self.act(lambda: self.vm.not_done(line.action_id)), ft.Icons.UNDO),
            ]
        elif not self.vm.readonly:
            parts.append(self._done_form(line))
        return card(ft.Column(parts, spacing=8))

    def _done_form(self, line: PlanLine) -> ft.Control:
        kwh = ft.TextField(
            label="kWh économisés / an",
            key=f"kwh-{line.action_id}",
            keyboard_type=ft.KeyboardType.NUMBER,
            width=200,
            border=theme.FIELD_BORDER,
        )
        eur = ft.TextField(
            label="€ économisés / an",
            key=f"eur-{line.action_id}",
            keyboard_type=ft.KeyboardType.NUMBER,
            width=200,
            border=theme.FIELD_BORDER,
        )
        error = ft.Text(self.vm.errors.get(line.action_id, ""), color=theme.WARNING, size=13)

        def save() -> None:
            self.vm.done(line.action_id, {"kwh": kwh.value or "", "eur": eur.value or ""})

        return ft.Column(
            [
                ft.Row([kwh, eur], wrap=True, spacing=12, run_spacing=8),
                error,
                primary(
                    "Marquer comme réalisée",
                    self.act(save),
                    ft.Icons.CHECK,
                    key=f"done-{line.action_id}",
                ),
            ],
            spacing=8,
        )
