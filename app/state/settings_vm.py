"""Settings: the advisor's identity, the chamber and its logo, the server, data export."""

from __future__ import annotations

import datetime as dt

from app.state.context import AppContext
from app.state.exports import export_message
from audits.fieldwork.audit_export import (
    ExportFile,
    ExportFormat,
    QuestionnaireChoice,
    export_audits,
    exportable_questionnaires,
)
from audits.fieldwork.export import export_zip
from audits.fieldwork.images import image_media_type
from audits.store.overview import overview

FIELDS = ("advisor_name", "advisor_email", "chamber_name", "server_url")
LABELS = {
    "advisor_name": "Nom du conseiller",
    "advisor_email": "Courriel du conseiller",
    "chamber_name": "Chambre (CCI ou CMA)",
    "server_url": "Adresse du serveur de synchronisation",
}


class SettingsVM:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.fields = {name: str(getattr(ctx.settings, name)) for name in FIELDS}
        self.errors: dict[str, str] = {}
        self.message = ""
        self.questionnaires: list[QuestionnaireChoice] = exportable_questionnaires(ctx.store)
        self.export_questionnaire = self.questionnaires[0].id if self.questionnaires else ""

    def save(self) -> bool:
        self.errors = {}
        url = self.fields["server_url"].strip()
        if url and not url.startswith(("http://", "https://")):
            self.errors["server_url"] = "L'adresse commence par https:// (ou http:// en local)."
        email = self.fields["advisor_email"].strip()
        if email and "@" not in email:
            self.errors["advisor_email"] = "Adresse de courriel incomplète."
        if self.errors:
            return False
        for name in FIELDS:
            setattr(self.ctx.settings, name, self.fields[name].strip())
        self.ctx.save_settings()
        self.message = "Réglages enregistrés."
        return True

    @property
    def logo(self) -> bytes | None:
        path = self.ctx.logo_path
        return path.read_bytes() if self.ctx.settings.logo_file and path.is_file() else None

    def set_logo(self, name: str, content: bytes) -> bool:
        """The chamber's logo for the PDF cover (PNG or JPEG)."""
        if image_media_type(content) is None:
            self.message = "Le logo doit être une image PNG ou JPEG."
            return False
        self.ctx.logo_path.write_bytes(content)
        self.ctx.settings.logo_file = name
        self.ctx.save_settings()
        self.message = "Logo enregistré : il figurera sur les prochains PDF."
        return True

    def remove_logo(self) -> None:
        self.ctx.logo_path.unlink(missing_ok=True)
        self.ctx.settings.logo_file = ""
        self.ctx.save_settings()
        self.message = "Logo retiré : le logo Diag Terrain sera utilisé."

    def export(self) -> tuple[str, bytes]:
        name = f"diagterrain-export-{dt.date.today().isoformat()}.zip"
        return name, export_zip(self.ctx.store)

    # answers and plans of one questionnaire, for analyses ---------------------------------
    def questionnaire_options(self) -> list[tuple[str, str]]:
        """(id, title) for the picker; the count goes under it (a phone is narrow)."""
        return [(q.id, q.title) for q in self.questionnaires]

    @property
    def export_count(self) -> str:
        chosen = next((q for q in self.questionnaires if q.id == self.export_questionnaire), None)
        if chosen is None or not chosen.audits:
            return "Aucun audit de ce questionnaire sur cet appareil."
        plural = "s" if chosen.audits > 1 else ""
        return f"{chosen.audits} audit{plural} de ce questionnaire sur cet appareil."

    def choose_questionnaire(self, questionnaire_id: str) -> None:
        if any(q.id == questionnaire_id for q in self.questionnaires):
            self.export_questionnaire = questionnaire_id

    def export_audits(self, form: ExportFormat) -> ExportFile:
        """Every audit of the chosen questionnaire, campaigns or not, with its plan."""
        chosen = next(q for q in self.questionnaires if q.id == self.export_questionnaire)
        return export_audits(
            self.ctx.store,
            form,
            chosen.id,
            label=chosen.title,
            on_date=self.ctx.today(),
            exported_at=self.ctx.store.timestamp(),
            reference=self.ctx.reference.numbers,
        )

    @staticmethod
    def export_message(file: ExportFile) -> str:
        return export_message(file)

    def about(self) -> list[tuple[str, str]]:
        info = overview(self.ctx.store)
        counts = info.counts
        return [
            ("Base de données", str(self.ctx.db_path)),
            ("Établissements", str(counts["establishments"])),
            ("Audits", str(counts["audits"])),
            ("Photos", f"{counts['photos']} ({counts['photo_bytes'] // 1024} Ko)"),
            ("Questionnaires", ", ".join(info.questionnaires)),
        ]
