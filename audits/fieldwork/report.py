"""The PDF of a stored visit: the store's records turned into the renderer's ``ReportData``.

The renderer never reads the store; this module gathers what it prints — establishment,
answers with their notes and photos, scores, the current plan and, once signed, the two
signatures — and hands the PDF back as bytes for the app to download, open or share.
"""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from audits.fieldwork.visit_plan import audit_day, current_plan
from audits.questionnaire import Questionnaire, QuestionType
from audits.reference import Reference
from audits.report.builder import build_report_data
from audits.report.data import AuditInfo, ReportData, Signatures
from audits.report.data import Establishment as ReportEstablishment
from audits.report.render import render_pdf
from audits.scoring import score
from audits.store.answers import answer_details, answers_of
from audits.store.audit_rows import Audit, get_audit
from audits.store.db import Store
from audits.store.establishments import Establishment, get_establishment
from audits.store.photos import photo_path
from audits.store.questionnaires import stored_questionnaire

IMAGE_TYPES = ("image/png", "image/jpeg")


@dataclass(frozen=True)
class Identity:
    """Who hands the plan over: the advisor and the chamber, from the app's settings."""

    advisor: str | None = None
    chamber: str | None = None
    logo: Path | None = None


@dataclass(frozen=True)
class SignatureFiles:
    """The signature pictures (hashes of stored files) and the signers' names to print."""

    advisor: str | None = None
    owner: str | None = None
    owner_name: str | None = None
    advisor_name: str | None = None


def signature_files(audit: Audit) -> SignatureFiles | None:
    """The signatures recorded on the audit row (synced), or None when it has none."""
    signed = audit.signatures
    if signed is None:
        return None
    return SignatureFiles(
        advisor=signed.advisor.sha256,
        owner=signed.owner.sha256,
        owner_name=signed.owner.name,
        advisor_name=signed.advisor.name,
    )


def report_establishment(establishment: Establishment) -> ReportEstablishment:
    address = " ".join(p for p in (establishment.address, establishment.postcode) if p)
    return ReportEstablishment(
        name=establishment.name,
        siret=establishment.siret,
        activity=establishment.activity,
        address=address or None,
        commune=establishment.commune,
        contact=establishment.contact_name,
    )


def visit_report(
    store: Store,
    audit_id: str,
    reference: Reference,
    identity: Identity,
    signatures: SignatureFiles | None = None,
) -> ReportData:
    """What the PDF prints. A signed audit prints its signers and pictures from its row
    (``signatures`` given here is for audits signed before the row recorded them); the
    advisor named is then the one who signed, not this device's."""
    audit = get_audit(store, audit_id)
    questionnaire = stored_questionnaire(store, audit.questionnaire_ref)
    answers = answers_of(store, audit_id)
    notes, photos = _notes_and_photos(store, questionnaire, audit_id)
    signatures = signature_files(audit) or signatures
    signer = signatures.advisor_name if signatures else None
    info = AuditInfo(
        date=audit_day(audit),
        advisor=signer or identity.advisor or audit.advisor,
        logo=identity.logo if identity.logo and identity.logo.is_file() else None,
        reference=audit_id[-8:].upper(),
        **({"chamber": identity.chamber} if identity.chamber else {}),
    )
    data = build_report_data(
        questionnaire,
        report_establishment(get_establishment(store, audit.establishment_id)),
        info,
        answers,
        score(questionnaire, answers, reference.numbers),
        current_plan(store, audit_id, reference),
        reference,
        notes,
        photos,
    )
    if signatures is None:
        return data
    return data.model_copy(update={"signatures": _signatures(store, signatures)})


def _notes_and_photos(
    store: Store, questionnaire: Questionnaire, audit_id: str
) -> tuple[dict[str, str], dict[str, list[Path]]]:
    notes: dict[str, str] = {}
    photos: dict[str, list[Path]] = {}
    for row in answer_details(store, audit_id):
        qid = row["question_id"]
        if row["note"]:
            notes[qid] = row["note"]
        hashes = list(row["photos"])
        is_photo = questionnaire.has_question(qid) and (
            questionnaire.question(qid).type is QuestionType.PHOTO
        )
        if is_photo and row["value"]:
            hashes = [*row["value"], *hashes]
        paths = [photo_path(store, sha) for sha in dict.fromkeys(hashes) if _is_image(store, sha)]
        if paths:
            photos[qid] = paths
    return notes, photos


def _is_image(store: Store, sha256: str) -> bool:
    row = store.db.execute("SELECT media_type FROM photos WHERE sha256 = ?", [sha256]).fetchone()
    return row is not None and row[0] in IMAGE_TYPES and photo_path(store, sha256).is_file()


def _signatures(store: Store, files: SignatureFiles) -> Signatures:
    def path(sha256: str | None) -> Path | None:
        return photo_path(store, sha256) if sha256 and _is_image(store, sha256) else None

    return Signatures(
        advisor=path(files.advisor), owner=path(files.owner), owner_name=files.owner_name
    )


def report_pdf(data: ReportData) -> bytes:
    """The rendered PDF as bytes (written to a temporary file, which reportlab needs)."""
    with tempfile.TemporaryDirectory(prefix="diagterrain-") as folder:
        path = render_pdf(data, Path(folder) / "plan.pdf")
        return path.read_bytes()


def report_file_name(data: ReportData) -> str:
    """« plan-actions-boulangerie-martin-2026-11-23.pdf »: readable, safe on every platform."""
    return f"plan-actions-{file_slug(data.establishment.name)}-{data.audit.date.isoformat()}.pdf"


def file_slug(name: str) -> str:
    """« Boulangerie Martin & fils » -> « boulangerie-martin-fils »: a safe file name part."""
    plain = unicodedata.normalize("NFKD", name.lower())
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in plain if c.isascii())
    return "-".join(part for part in slug.split("-") if part)[:40] or "etablissement"
