"""Establishments: search by name, commune or SIRET; create or edit with checks; audit history."""

from __future__ import annotations

import datetime as dt

from app.state.context import AppContext
from audits.errors import DiagError
from audits.fieldwork.establishment_form import LABELS, field_errors, form_values, siret_error
from audits.fieldwork.follow_up import start_follow_up
from audits.fieldwork.inputs import number_text
from audits.fieldwork.report import file_slug
from audits.store.audit_rows import Audit
from audits.store.audits import create_audit
from audits.store.establishments import (
    DATA_FIELDS,
    Establishment,
    create_establishment,
    get_establishment,
    update_establishment,
)
from audits.store.personal_data import erase_establishment, export_json
from audits.store.search import AuditLine, audits_of_establishment, search_establishments

STATUS_LABELS = {"draft": "Brouillon", "completed": "Terminé", "signed": "Signé"}


class SearchVM:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.query = ""
        self.results: list[Establishment] = []
        self.search("")

    def search(self, text: str) -> None:
        self.query = text
        self.results = search_establishments(self.ctx.store, text, limit=50)

    @property
    def empty_message(self) -> str:
        if self.query.strip():
            return f"Aucun établissement ne correspond à « {self.query.strip()} »."
        return "Aucun établissement pour l'instant : créez le premier."


class EstablishmentFormVM:
    """The form's texts, checked field by field as the advisor types."""

    FIELDS = DATA_FIELDS
    LABELS = LABELS

    def __init__(self, ctx: AppContext, establishment_id: str | None = None) -> None:
        self.ctx = ctx
        self.establishment_id = establishment_id
        self.fields = dict.fromkeys(self.FIELDS, "")
        self.errors: dict[str, str] = {}
        self.message = ""
        if establishment_id:
            current = get_establishment(ctx.store, establishment_id)
            for name in self.FIELDS:
                value = getattr(current, name)
                self.fields[name] = "" if value is None else _text(value)

    @property
    def title(self) -> str:
        return "Modifier l'établissement" if self.establishment_id else "Nouvel établissement"

    def set(self, name: str, text: str) -> None:
        """Keep the text; the SIRET is checked at once, other fields when saving."""
        self.fields[name] = text
        if name == "siret":
            error = siret_error(text) if len(text.replace(" ", "")) >= 14 else None
            self._set_error(name, error)
        elif name in self.errors:
            self._set_error(name, field_errors(self.fields).get(name))

    def _set_error(self, name: str, error: str | None) -> None:
        if error:
            self.errors[name] = error[:1].upper() + error[1:]
        else:
            self.errors.pop(name, None)

    def save(self) -> Establishment | None:
        """The saved record, or None with ``errors`` / ``message`` saying what to fix."""
        self.errors = {k: v[:1].upper() + v[1:] for k, v in field_errors(self.fields).items()}
        self.message = ""
        if self.errors:
            self.message = "Corrigez les champs signalés en rouge."
            return None
        values = form_values(self.fields)
        try:
            if self.establishment_id:
                saved = update_establishment(self.ctx.store, self.establishment_id, values)
            else:
                saved = create_establishment(self.ctx.store, values)
        except DiagError as error:
            self.message = str(error)[:1].upper() + str(error)[1:]
            return None
        self.establishment_id = saved.id
        return saved


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


class EstablishmentVM:
    """One establishment's card and its audits, newest first."""

    def __init__(self, ctx: AppContext, establishment_id: str) -> None:
        self.ctx = ctx
        self.establishment_id = establishment_id
        self.establishment = get_establishment(ctx.store, establishment_id)
        self.audits: list[AuditLine] = []
        self.load()

    def load(self) -> None:
        store = self.ctx.store
        self.establishment = get_establishment(store, self.establishment_id)
        self.audits = audits_of_establishment(store, self.establishment_id)

    def facts(self) -> list[tuple[str, str]]:
        """The card's lines, French-formatted; empty fields are left out."""
        e = self.establishment
        surface = f"{number_text(e.surface_m2, 1).removesuffix(',0')} m²" if e.surface_m2 else ""
        lines = [
            ("SIRET", e.siret),
            ("Activité", e.activity or ""),
            ("Code NAF", e.naf or ""),
            ("Adresse", " ".join(p for p in (e.address, e.postcode, e.commune) if p)),
            ("Surface", surface),
            ("Effectif", f"{e.staff} salarié(s)" if e.staff is not None else ""),
            ("Contact", " · ".join(p for p in (e.contact_name, e.contact_phone) if p)),
            ("Courriel", e.contact_email or ""),
        ]
        return [(label, value) for label, value in lines if value]

    def start_audit(self, questionnaire_ref: str) -> Audit:
        return create_audit(
            self.ctx.store,
            self.establishment_id,
            questionnaire_ref,
            planned_on=self.ctx.today(),
        )

    def start_follow_up(self, audit_id: str) -> Audit:
        return start_follow_up(self.ctx.store, audit_id, self.ctx.today())

    # personal data (GDPR requests) ---------------------------------------------------------
    def export(self) -> tuple[str, bytes]:
        """Everything held about the establishment, as the JSON file handed to the owner."""
        name = file_slug(self.establishment.name)
        file_name = f"donnees-personnelles-{name}-{self.ctx.today().isoformat()}.json"
        return file_name, export_json(self.ctx.store, self.establishment_id).encode("utf-8")

    def erase_text(self) -> list[str]:
        """What the confirmation says is erased and what is kept (``erase_establishment``)."""
        count = len(self.audits)
        return [
            f"Seront effacés de cet appareil, puis des autres appareils et du serveur à la "
            f"prochaine synchronisation : la fiche de « {self.establishment.name} » (nom, "
            f"SIRET, adresse, contact, téléphone, courriel), et pour ses {count} audit(s) "
            "les réponses, notes, photos, signatures, intitulés et responsables des actions, "
            "ainsi que ses participations aux campagnes.",
            "Sont gardés, sans nom ni coordonnées : une trace de chaque audit (dates, "
            "questionnaire, statut, conseiller) et les chiffres des actions, pour que "
            "l'effacement se transmette ; les photos utilisées aussi par un autre "
            "établissement ; les PDF déjà remis ou téléchargés. Les fichiers de photos et "
            "de signatures déjà envoyés au serveur n'y sont plus rattachés à rien, mais "
            "seul l'administrateur du serveur peut les supprimer.",
            "L'effacement est définitif : si l'entreprise veut une copie, exportez d'abord "
            "ses données.",
        ]

    def erase(self) -> str:
        """Erase the establishment's personal data; the message that says it is done."""
        done = erase_establishment(self.ctx.store, self.establishment_id)
        return (
            f"Données personnelles effacées : {done.rows} enregistrement(s), "
            f"{done.photos} photo(s) et signature(s)."
        )

    @staticmethod
    def status_label(status: str) -> str:
        return STATUS_LABELS.get(status, status)

    @staticmethod
    def date_label(day: str | None) -> str:
        if not day:
            return "sans date"
        return dt.date.fromisoformat(day).strftime("%d/%m/%Y")
