"""The action plan: figures per line, the advisor's decisions, the PDF to hand over."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.state.context import AppContext
from audits.errors import DiagError
from audits.fieldwork.follow_up import start_follow_up
from audits.fieldwork.inputs import field_message, parse_amount, parse_day
from audits.fieldwork.report import (
    SignatureFiles,
    report_file_name,
    report_pdf,
    signature_files,
    visit_report,
)
from audits.fieldwork.visit_plan import (
    accept_line,
    add_line,
    current_plan,
    edit_line,
    reject_line,
    reopen_line,
)
from audits.plan import Plan, PlanLine
from audits.report import fmt
from audits.store.audit_rows import Audit, get_audit
from audits.store.audits import latest_revision, revise_audit
from audits.store.establishments import get_establishment
from audits.store.questionnaires import stored_questionnaire

CATEGORIES = {
    "obligation": "Obligation",
    "quick_win": "Gain rapide",
    "investment": "Investissement",
    "progress": "Progrès",
}
STATUSES = {
    "proposed": "Proposée",
    "accepted": "Acceptée",
    "rejected": "Refusée",
    "done": "Réalisée",
}
FORM_FIELDS = ("title", "kwh", "cost", "aid", "owner", "deadline")


def french_day(timestamp: str | None) -> str:
    """« 23/11/2026 » from an ISO timestamp (the date part)."""
    if not timestamp:
        return "?"
    year, month, day = timestamp[:10].split("-")
    return f"{day}/{month}/{year}"


def co2_text(kg: float) -> str:
    return f"{fmt.number(kg / 1000, 1)} t CO2e" if abs(kg) >= 1000 else f"{fmt.number(kg)} kg CO2e"


class PlanVM:
    def __init__(self, ctx: AppContext, audit_id: str) -> None:
        self.ctx = ctx
        self.audit_id = audit_id
        self.errors: dict[str, str] = {}
        self.load()

    def load(self) -> None:
        store = self.ctx.store
        self.audit = get_audit(store, self.audit_id)
        self.questionnaire = stored_questionnaire(store, self.audit.questionnaire_ref)
        self.establishment = get_establishment(store, self.audit.establishment_id)
        self.plan: Plan = current_plan(store, self.audit_id, self.ctx.reference)
        self.readonly = self.audit.status == "signed"

    @property
    def lines(self) -> list[PlanLine]:
        return self.plan.lines

    def line(self, action_id: str) -> PlanLine:
        return self.plan.line(action_id)

    # decisions ------------------------------------------------------------------------
    def accept(self, action_id: str) -> None:
        accept_line(self.ctx.store, self.audit_id, action_id)
        self.load()

    def reject(self, action_id: str) -> None:
        reject_line(self.ctx.store, self.audit_id, action_id)
        self.load()

    def reopen(self, action_id: str) -> None:
        reopen_line(self.ctx.store, self.audit_id, action_id)
        self.load()

    def form_of(self, action_id: str | None) -> dict[str, str]:
        """The edit form's texts for a line (blank for a new one)."""
        if action_id is None:
            return dict.fromkeys(FORM_FIELDS, "")
        line = self.line(action_id)
        figures = line.figures
        main = max(figures.kwh.values(), key=abs, default=None)
        return {
            "title": line.title,
            "kwh": "" if main is None else fmt.number(main).replace("\u202f", " "),
            "cost": "" if figures.cost is None else fmt.number(figures.cost).replace("\u202f", " "),
            "aid": fmt.number(figures.aid).replace("\u202f", " ") if figures.aid else "",
            "owner": line.owner or "",
            "deadline": line.deadline.strftime("%d/%m/%Y") if line.deadline else "",
        }

    def save_form(self, action_id: str | None, form: Mapping[str, str]) -> bool:
        """Edit a line (or add one when ``action_id`` is None); False with ``errors`` to show."""
        values = self._parsed(form)
        if self.errors:
            return False
        store, reference = self.ctx.store, self.ctx.reference
        if action_id is None:
            del values["aid"]
            add_line(store, self.audit_id, reference, **values)
        else:
            edit_line(store, self.audit_id, action_id, reference, **values)
        self.load()
        return True

    def _parsed(self, form: Mapping[str, str]) -> dict[str, Any]:
        self.errors = {}
        readers: dict[str, Callable[[str], Any]] = {
            "kwh": parse_amount, "cost": parse_amount, "aid": parse_amount, "deadline": parse_day,
        }  # fmt: skip
        values: dict[str, Any] = {
            "title": form.get("title", "").strip() or None,
            "owner": form.get("owner", "").strip() or None,
        }
        for name, reader in readers.items():
            try:
                values[name] = reader(form.get(name, ""))
            except DiagError as error:
                self.errors[name] = field_message(error)
        if values["title"] is None:
            self.errors["title"] = "Donnez un intitulé à l'action."
        return values

    # figures --------------------------------------------------------------------------
    @staticmethod
    def figures_of(line: PlanLine) -> list[tuple[str, str]]:
        f = line.figures
        if not f.computed:
            return [("Estimation", "à chiffrer")]
        shown = []
        if f.kwh_total:
            shown.append(("Énergie", f"{fmt.kwh(f.kwh_total)}/an"))
        if f.eur:
            shown.append(("Économie", f"{fmt.euros(f.eur)}/an"))
        if f.cost is not None:
            shown.append(("Coût", fmt.euros(f.cost)))
        if f.aid:
            shown.append(("Aide", fmt.euros(f.aid)))
        if f.payback_years is not None:
            shown.append(("Retour", fmt.years(f.payback_years)))
        return shown

    def totals(self) -> list[tuple[str, str]]:
        t = self.plan.totals
        shown = [
            ("Énergie / an", fmt.kwh(t.kwh)),
            ("Économies / an", fmt.euros(t.eur)),
            ("CO2 évité / an", co2_text(t.kgco2e)),
            ("Investissement", fmt.euros(t.cost)),
            ("Aides", fmt.euros(t.aid)),
        ]
        if t.share is not None:
            shown.append(("Part économisée", fmt.percent(t.share)))
        return shown

    @property
    def target_text(self) -> str | None:
        t = self.plan.totals
        if t.meets_target is None:
            return None
        target = fmt.percent(t.target_share)
        if t.meets_target:
            return f"Objectif de sobriété atteint (−{target} de consommation)."
        return f"Objectif de sobriété (−{target}) non atteint avec les actions retenues."

    def start_follow_up(self) -> Audit:
        """A follow-up visit of this signed plan, dated today."""
        return start_follow_up(self.ctx.store, self.audit_id, self.ctx.today())

    # revision of a signed audit --------------------------------------------------------
    @property
    def revision(self) -> Audit | None:
        """The revision already started from this signed audit, if any (one at a time)."""
        return latest_revision(self.ctx.store, self.audit_id)

    def revise_text(self) -> str:
        """What the confirmation says: the signed version stays, a draft copy is made."""
        signed = french_day(self.audit.signed_at)
        return (
            f"La version signée le {signed} reste telle qu'elle a été remise à l'entreprise : "
            "elle ne sera pas modifiée. Une nouvelle révision est créée en brouillon, avec les "
            "mêmes réponses et le même plan d'actions ; vous la complétez puis la faites "
            "signer à nouveau."
        )

    def revise(self) -> Audit:
        """A new draft revision of this signed audit (answers and plan copied)."""
        return revise_audit(self.ctx.store, self.audit_id)

    # the PDF ----------------------------------------------------------------------------
    def signatures(self) -> SignatureFiles | None:
        """From the audit row, which syncs; an audit signed before the row recorded them
        (store migration 4) has them only in the settings of the device that signed it."""
        stored = signature_files(self.audit)
        if stored is not None:
            return stored
        saved = self.ctx.settings.signatures.get(self.audit_id)
        return SignatureFiles(**saved) if saved else None

    def pdf(self) -> tuple[str, bytes]:
        data = visit_report(
            self.ctx.store,
            self.audit_id,
            self.ctx.reference,
            self.ctx.identity(),
            self.signatures(),
        )
        return report_file_name(data), report_pdf(data)
