"""Settings: the advisor's identity, the chamber and its logo, the server, data export."""

from __future__ import annotations

import datetime as dt

from app.state.context import AppContext
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
