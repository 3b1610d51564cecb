"""Questionnaire versions (published once, then immutable) and campaign results.

An association viewer sees only the campaigns shared with its organisation, and through them
the audits and plan lines -- never the establishments' personal contacts, and the names of only
the establishments whose owner consented.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from audits.errors import QuestionnaireError
from audits.loader import load_text
from sync.protocol import (
    AUDITS_TABLE,
    CampaignResults,
    CampaignSummary,
    ErrorCode,
    QuestionnaireInfo,
    QuestionnairePublish,
    QuestionnaireVersion,
)
from sync.server.crud import now
from sync.server.errors import ApiError
from sync.server.models import CampaignViewer, Organisation, Questionnaire, SyncRow, User

CAMPAIGNS_TABLE = "campaigns"
PERSONAL_FIELDS = ("contact_name", "contact_phone", "contact_email")


def body_sha256(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def info(row: Questionnaire) -> QuestionnaireInfo:
    return QuestionnaireInfo(
        questionnaire_id=row.questionnaire_id,
        version=row.version,
        title=row.title,
        kind=row.kind,
        sha256=row.sha256,
    )


def list_questionnaires(session: Session) -> list[QuestionnaireInfo]:
    query = select(Questionnaire).order_by(Questionnaire.questionnaire_id, Questionnaire.version)
    return [info(row) for row in session.scalars(query)]


def get_questionnaire(
    session: Session, *, questionnaire_id: str, version: int
) -> QuestionnaireVersion:
    row = session.get(Questionnaire, (questionnaire_id, version))
    if row is None:
        raise ApiError(ErrorCode.NOT_FOUND, questionnaire=f"{questionnaire_id}@{version}")
    return QuestionnaireVersion(**info(row).model_dump(), body=row.body)


def publish(
    session: Session, *, questionnaire_id: str, version: int, payload: QuestionnairePublish
) -> tuple[QuestionnaireInfo, bool]:
    """Publish a version; the same content again is a no-op, other content a 409."""
    _check_body(questionnaire_id, version, payload.body)
    digest = body_sha256(payload.body)
    row = session.get(Questionnaire, (questionnaire_id, version))
    if row is not None:
        if row.sha256 != digest:
            raise ApiError(
                ErrorCode.QUESTIONNAIRE_IMMUTABLE, questionnaire=f"{questionnaire_id}@{version}"
            )
        return info(row), False
    row = Questionnaire(
        questionnaire_id=questionnaire_id,
        version=version,
        title=payload.title,
        kind=payload.kind,
        body=payload.body,
        sha256=digest,
        published_at=now(),
    )
    session.add(row)
    session.flush()
    return info(row), True


def _check_body(questionnaire_id: str, version: int, body: dict[str, Any]) -> None:
    """Devices load what is published: refuse a body the questionnaire loader would refuse."""
    ref = f"{questionnaire_id}@{version}"
    try:
        questionnaire = load_text(json.dumps(body, ensure_ascii=False), ref)
    except QuestionnaireError as error:
        raise ApiError(
            ErrorCode.VALIDATION_ERROR,
            f"Questionnaire {ref} invalide.",
            problems=error.lines()[:50],
        ) from None
    if (questionnaire.id, questionnaire.version) != (questionnaire_id, version):
        raise ApiError(
            ErrorCode.VALIDATION_ERROR,
            f"Le questionnaire envoyé est {questionnaire.ref}, pas {ref} comme dans l'adresse.",
        )


def _campaign_row(session: Session, campaign_id: str) -> SyncRow | None:
    row = session.get(SyncRow, (CAMPAIGNS_TABLE, campaign_id))
    return None if row is None or row.deleted else row


def visible_campaign(session: Session, *, user: User, campaign_id: str) -> SyncRow:
    """The campaign if the user may see it (own organisation, or shared with it), else 404."""
    row = _campaign_row(session, campaign_id)
    if row is not None and (
        row.org_id == user.org_id or _shared(session, campaign_id, user.org_id)
    ):
        return row
    raise ApiError(ErrorCode.NOT_FOUND, campaign_id=campaign_id)


def _shared(session: Session, campaign_id: str, org_id: str) -> bool:
    return session.get(CampaignViewer, (campaign_id, org_id)) is not None


def list_campaigns(session: Session, *, user: User) -> list[CampaignSummary]:
    shared = select(CampaignViewer.campaign_id).where(CampaignViewer.org_id == user.org_id)
    query = select(SyncRow).where(SyncRow.table_name == CAMPAIGNS_TABLE, SyncRow.deleted.is_(False))
    if user.role == "viewer":
        query = query.where(SyncRow.row_id.in_(shared))
    else:
        query = query.where((SyncRow.org_id == user.org_id) | SyncRow.row_id.in_(shared))
    return [
        CampaignSummary(id=row.row_id, org_id=row.org_id, name=str(row.data.get("name", "")))
        for row in session.scalars(query.order_by(SyncRow.row_id))
    ]


def share(session: Session, *, user: User, campaign_id: str, org_id: str) -> None:
    """Let an organisation (a merchant association) read a campaign's results."""
    row = _campaign_row(session, campaign_id)
    if row is None or row.org_id != user.org_id:
        raise ApiError(ErrorCode.NOT_FOUND, campaign_id=campaign_id)
    if session.get(Organisation, org_id) is None:
        raise ApiError(ErrorCode.NOT_FOUND, org_id=org_id)
    if not _shared(session, campaign_id, org_id):
        session.add(CampaignViewer(campaign_id=campaign_id, org_id=org_id))
        session.flush()


def _rows(
    session: Session, org_id: str, table: str, field: str, values: list[str]
) -> list[SyncRow]:
    if not values:
        return []
    query = select(SyncRow).where(
        SyncRow.org_id == org_id,
        SyncRow.table_name == table,
        SyncRow.deleted.is_(False),
        SyncRow.data[field].as_string().in_(values),
    )
    return list(session.scalars(query))


def _public(row: SyncRow) -> dict[str, Any]:
    data = {k: v for k, v in row.data.items() if k not in PERSONAL_FIELDS}
    return {"id": row.row_id, "rev": row.rev, **data}


def results(session: Session, *, user: User, campaign_id: str) -> CampaignResults:
    campaign = visible_campaign(session, user=user, campaign_id=campaign_id)
    org = campaign.org_id
    links = _rows(session, org, "campaign_establishments", "campaign_id", [campaign_id])
    if user.role == "viewer":
        # An association names only the shops whose owner agreed (consent recorded on the link).
        links = [link for link in links if link.data.get("consent_at")]
    establishment_ids = [str(link.data.get("establishment_id")) for link in links]
    establishments = [
        row
        for row in (session.get(SyncRow, ("establishments", i)) for i in establishment_ids)
        if row
    ]
    audits = _rows(session, org, AUDITS_TABLE, "campaign_id", [campaign_id])
    actions = _rows(session, org, "actions", "audit_id", [audit.row_id for audit in audits])
    return CampaignResults(
        campaign=_public(campaign),
        establishments=[_public(row) for row in establishments if not row.deleted],
        audits=[_public(row) for row in audits],
        actions=[_public(row) for row in actions],
    )
