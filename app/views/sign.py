"""Signing the plan on screen: advisor and owner each sign; the audit is then frozen."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.signature import SignatureVM
from app.views import theme
from app.views.screen import Screen, bottom_bar, page_body, with_actions
from app.views.signature_pad import SignaturePad
from app.views.widgets import card, heading, muted, primary, responsive, secondary, tagged


class SignScreen(Screen):
    title = "Signatures"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = SignatureVM(self.ctx, params["audit_id"])
        self.pads = {
            "advisor": SignaturePad(
                self.vm.strokes["advisor"], "pad-advisor", "Signature du conseiller"
            ),
            "owner": SignaturePad(
                self.vm.strokes["owner"], "pad-owner", "Signature du chef d'entreprise"
            ),
        }
        self.advisor = self._name("advisor_name", "Nom du conseiller", self.vm.advisor_name)
        self.owner = self._name("owner_name", "Nom du signataire (entreprise)", self.vm.owner_name)

    def _name(self, attribute: str, label: str, value: str) -> ft.Control:
        def changed(e: ft.Event[ft.TextField]) -> None:
            setattr(self.vm, attribute, e.control.value or "")

        field = ft.TextField(
            label=label, value=value, on_change=changed, key=attribute, border=theme.FIELD_BORDER
        )
        return tagged(field, attribute, label)

    def render(self) -> ft.Control:
        blocks: list[ft.Control] = [
            ft.Column(
                [
                    heading("Signatures"),
                    muted(
                        f"{self.vm.establishment.name} · une fois signé, l'audit est figé : "
                        "toute modification ultérieure créera une révision.",
                        size=14,
                    ),
                ],
                spacing=2,
            ),
            responsive(
                [
                    card(ft.Column([self.advisor, self.pads["advisor"].control], spacing=12)),
                    card(ft.Column([self.owner, self.pads["owner"].control], spacing=12)),
                ],
                md=6,
            ),
        ]
        sign = primary(
            "Signer et figer l'audit",
            self.act(self._sign, refresh=False),
            ft.Icons.VERIFIED,
            key="sign-now",
        )
        actions = bottom_bar(
            [
                secondary("Annuler", lambda: self.shell.nav.back()),
                tagged(sign, "sign-now", "Signer et figer l'audit"),
            ]
        )
        return with_actions(page_body(blocks), actions)

    async def _sign(self) -> None:
        self.vm.advisor_name = self.advisor.content.value or ""
        self.vm.owner_name = self.owner.content.value or ""
        name, content = self.vm.sign()
        self.shell.nav.replace("plan", audit_id=self.vm.audit_id)
        self.shell.toast("Audit signé et figé")
        message = await self.shell.device.deliver(name, content, "application/pdf")
        self.shell.toast(message)
