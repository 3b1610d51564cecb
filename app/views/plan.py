"""The action plan: totals, each action with its figures, decisions, the PDF and signing."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.plan import CATEGORIES, STATUSES, PlanVM
from app.views import theme
from app.views.confirm import ConfirmDialog
from app.views.plan_dialog import LineDialog
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
    tagged,
)
from audits.plan import PlanLine

REGULATORY_COLOURS = (theme.WARNING_INK, theme.WARNING_SOFT)
STATUS_COLORS = {
    "proposed": (theme.MUTED, theme.SURFACE),
    "accepted": (theme.ACCENT_INK, theme.ACCENT_SOFT),
    "rejected": (theme.WARNING_INK, theme.WARNING_SOFT),
    "done": (theme.PRIMARY, theme.PRIMARY_SOFT),
}


class PlanScreen(Screen):
    title = "Plan d'actions"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = PlanVM(self.ctx, params["audit_id"])

    def render(self) -> ft.Control:
        vm = self.vm
        vm.load()
        title = ft.Column(
            [
                heading("Plan d'actions"),
                muted(f"{vm.establishment.name} · {vm.questionnaire.title}", size=14),
            ],
            spacing=2,
            expand=True,
        )
        scores = flat(
            "Scores",
            lambda: self.shell.go("review", audit_id=vm.audit_id),
            ft.Icons.INSIGHTS,
            key="to-review",
            tooltip="Scores par thème et réponses manquantes",
        )
        blocks: list[ft.Control] = [
            ft.Row(
                [title, tagged(scores, "to-review", "Scores et réponses manquantes")],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        ]
        if vm.readonly:
            blocks.append(self._signed_banner())
        blocks.append(
            responsive(
                [self._total(label, value) for label, value in vm.totals()], md=4, lg=2, xs=6
            )
        )
        if vm.target_text:
            blocks.append(muted(vm.target_text, size=13))
        add = (
            None
            if vm.readonly
            else flat("Ajouter une action", self._add, ft.Icons.ADD, key="add-line")
        )
        lines = [self._line(line) for line in vm.lines] or [
            empty_state(ft.Icons.CHECKLIST, "Aucune action proposée par les réponses.")
        ]
        blocks.append(section(f"Actions ({len(vm.lines)})", lines, add))
        return with_actions(page_body(blocks), self._actions())

    def _signed_banner(self) -> ft.Control:
        audit = self.vm.audit
        return ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.VERIFIED, color=theme.ACCENT),
                    ft.Text(
                        f"Plan signé le {french_date(audit.signed_at)} par {audit.signed_by} : "
                        "l'audit est figé.",
                        expand=True,
                        key="signed-banner",
                    ),
                ]
            ),
            bgcolor=theme.ACCENT_SOFT,
            border_radius=12,
            padding=12,
        )

    def _total(self, label: str, value: str) -> ft.Control:
        return card(
            ft.Column(
                [
                    ft.Text(value, size=18, weight=ft.FontWeight.W_700, color=theme.PRIMARY),
                    muted(label, size=12),
                ],
                spacing=2,
            ),
            padding=12,
        )

    def _line(self, line: PlanLine) -> ft.Control:
        color, bg = STATUS_COLORS[line.status.value]
        pills = [
            pill(CATEGORIES[line.category.value]),
            pill(STATUSES[line.status.value], color, bg),
        ]
        if line.obligation:
            pills.append(pill("Réglementaire", *REGULATORY_COLOURS))
        figures = ft.Row(
            [
                ft.Column(
                    [muted(label, size=11), ft.Text(value, size=14, weight=ft.FontWeight.W_600)],
                    spacing=0,
                )
                for label, value in self.vm.figures_of(line)
            ],
            wrap=True,
            spacing=22,
            run_spacing=8,
        )
        parts: list[ft.Control] = [
            ft.Row(
                [
                    ft.Container(
                        ft.Text(
                            str(line.priority or "·"),
                            color=ft.Colors.WHITE,
                            weight=ft.FontWeight.W_700,
                        ),
                        bgcolor=theme.PRIMARY,
                        border_radius=16,
                        width=32,
                        height=32,
                        alignment=ft.Alignment.CENTER,
                    ),
                    ft.Text(line.title, size=15, weight=ft.FontWeight.W_600, expand=True),
                ],
                spacing=12,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Row(pills, wrap=True, spacing=6, run_spacing=6),
        ]
        if line.description:
            parts.append(
                muted(line.description, size=13, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS)
            )
        parts.append(figures)
        who = " · ".join(
            p
            for p in (
                line.owner and f"Responsable : {line.owner}",
                line.deadline and f"Échéance : {line.deadline:%d/%m/%Y}",
            )
            if p
        )
        if who:
            parts.append(muted(who, size=13))
        if not self.vm.readonly:
            parts.append(self._decisions(line))
        return tagged(card(ft.Column(parts, spacing=10)), f"line-{line.action_id}", line.title)

    def _decisions(self, line: PlanLine) -> ft.Control:
        action_id = line.action_id
        buttons: list[ft.Control] = []
        if line.status.value in ("proposed", "rejected"):
            accept = ft.FilledTonalButton(
                "Accepter",
                icon=ft.Icons.CHECK,
                height=48,
                on_click=self.act(lambda: self.vm.accept(action_id)),
                key=f"accept-{action_id}",
            )
            buttons.append(tagged(accept, f"accept-{action_id}", "Accepter"))
        if line.status.value in ("proposed", "accepted"):
            buttons.append(
                flat(
                    "Refuser",
                    self.act(lambda: self.vm.reject(action_id)),
                    ft.Icons.CLOSE,
                    key=f"reject-{action_id}",
                )
            )
        if line.status.value != "proposed":
            buttons.append(
                flat(
                    "Remettre en proposition",
                    self.act(lambda: self.vm.reopen(action_id)),
                    ft.Icons.UNDO,
                )
            )
        buttons.append(
            flat(
                "Modifier",
                lambda: self._edit(action_id),
                ft.Icons.EDIT_OUTLINED,
                key=f"edit-{action_id}",
            )
        )
        return ft.Row(buttons, wrap=True, spacing=4)

    def _edit(self, action_id: str) -> None:
        LineDialog(self, action_id).open()

    def _add(self) -> None:
        LineDialog(self, None).open()

    def _actions(self) -> ft.Control:
        vm = self.vm
        download = primary(
            "Télécharger le PDF signé" if vm.readonly else "Générer le PDF",
            self.act(self._download, refresh=False),
            ft.Icons.PICTURE_AS_PDF,
            key="pdf",
        )
        controls: list[ft.Control] = []
        if vm.readonly:
            controls.append(self._revise_button())
            controls.append(
                secondary(
                    "Visite de suivi",
                    self.act(self._follow_up, False),
                    ft.Icons.UPDATE,
                    key="follow-up",
                )
            )
        else:
            controls.append(
                tagged(
                    secondary(
                        "Faire signer",
                        lambda: self.shell.go("sign", audit_id=vm.audit_id),
                        ft.Icons.DRAW,
                        key="sign",
                    ),
                    "sign",
                    "Faire signer",
                )
            )
        controls.append(tagged(download, "pdf", "Générer le PDF"))
        return bottom_bar(controls)

    async def _download(self) -> None:
        name, content = self.vm.pdf()
        message = await self.shell.device.deliver(name, content, "application/pdf")
        self.shell.toast(message)

    def _revise_button(self) -> ft.Control:
        """« Réviser l'audit », or the revision already started from it."""
        revision = self.vm.revision
        if revision is not None and revision.status != "signed":
            button = secondary(
                "Ouvrir la révision",
                lambda: self.shell.open_audit(revision.id),
                ft.Icons.EDIT_NOTE,
                key="open-revision",
            )
            return tagged(button, "open-revision", "Ouvrir la révision")
        button = secondary(
            "Réviser l'audit", self._confirm_revision, ft.Icons.EDIT_NOTE, key="revise"
        )
        return tagged(button, "revise", "Réviser l'audit")

    def _confirm_revision(self) -> None:
        ConfirmDialog(
            self,
            "Réviser l'audit signé ?",
            [self.vm.revise_text()],
            "Créer la révision",
            self._revise,
            key="revise-dialog",
        ).open()

    def _revise(self) -> None:
        revision = self.vm.revise()
        self.shell.toast("Révision créée : la version signée reste inchangée")
        self.shell.open_audit(revision.id)

    def _follow_up(self) -> None:
        audit = self.vm.start_follow_up()
        self.shell.go("follow_up", audit_id=audit.id)
