"""Signing the plan: the advisor and the owner sign on screen, the audit is then frozen."""

from __future__ import annotations

from app.state.context import AppContext
from app.state.plan import PlanVM
from audits.errors import DiagError
from audits.fieldwork.signature import has_signature, sign_visit, signature_png
from audits.store.audit_rows import get_audit
from audits.store.establishments import get_establishment

PAD = (320, 150)
ROLES = ("advisor", "owner")


class SignatureVM:
    def __init__(self, ctx: AppContext, audit_id: str) -> None:
        self.ctx = ctx
        self.audit_id = audit_id
        self.audit = get_audit(ctx.store, audit_id)
        self.establishment = get_establishment(ctx.store, self.audit.establishment_id)
        self.advisor_name = ctx.settings.advisor_name
        self.owner_name = self.establishment.contact_name or ""
        self.strokes: dict[str, list[list[tuple[float, float]]]] = {role: [] for role in ROLES}

    @property
    def missing(self) -> list[str]:
        """What still stops the signature, in French (empty when ready)."""
        missing = []
        if not self.advisor_name.strip():
            missing.append("le nom du conseiller")
        if not self.owner_name.strip():
            missing.append("le nom du signataire pour l'entreprise")
        if not has_signature(self.strokes["advisor"]):
            missing.append("la signature du conseiller")
        if not has_signature(self.strokes["owner"]):
            missing.append("la signature du chef d'entreprise")
        return missing

    def sign(self) -> tuple[str, bytes]:
        """Sign and freeze the audit; return the signed PDF (name, bytes) to hand over."""
        if self.missing:
            raise DiagError("il manque " + ", ".join(self.missing))
        signed = sign_visit(
            self.ctx.store,
            self.audit_id,
            signature_png(self.strokes["advisor"], *PAD),
            signature_png(self.strokes["owner"], *PAD),
            advisor_name=self.advisor_name,
            owner_name=self.owner_name,
        )
        settings = self.ctx.settings
        settings.advisor_name = settings.advisor_name or self.advisor_name.strip()
        self.ctx.save_settings()
        return PlanVM(self.ctx, signed.audit.id).pdf()
