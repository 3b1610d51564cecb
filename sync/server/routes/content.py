"""Questionnaire versions for devices, and campaign results for chambers and associations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from sync.protocol import (
    ID_PATTERN,
    CampaignList,
    CampaignResults,
    QuestionnaireInfo,
    QuestionnaireList,
    QuestionnairePublish,
    QuestionnaireVersion,
)
from sync.server import content
from sync.server.deps import AdminUser, CurrentUser, SessionDep
from sync.server.errors import ERROR_RESPONSES

router = APIRouter(tags=["contenus"], responses=ERROR_RESPONSES)
QuestionnaireId = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]
Version = Annotated[int, Path(ge=1, le=1_000_000)]
RowId = Annotated[str, Path(pattern=ID_PATTERN)]


@router.get("/questionnaires", response_model=QuestionnaireList)
def questionnaires(session: SessionDep, user: CurrentUser) -> QuestionnaireList:
    return QuestionnaireList(questionnaires=content.list_questionnaires(session))


@router.get("/questionnaires/{questionnaire_id}/{version}", response_model=QuestionnaireVersion)
def questionnaire(
    questionnaire_id: QuestionnaireId, version: Version, session: SessionDep, user: CurrentUser
) -> QuestionnaireVersion:
    return content.get_questionnaire(session, questionnaire_id=questionnaire_id, version=version)


@router.put(
    "/questionnaires/{questionnaire_id}/{version}",
    response_model=QuestionnaireInfo,
    status_code=201,
)
def publish(
    questionnaire_id: QuestionnaireId,
    version: Version,
    body: QuestionnairePublish,
    response: Response,
    session: SessionDep,
    admin: AdminUser,
) -> QuestionnaireInfo:
    """Publish a questionnaire version; a published version never changes."""
    published, created = content.publish(
        session, questionnaire_id=questionnaire_id, version=version, payload=body
    )
    session.commit()
    response.status_code = 201 if created else 200
    return published


@router.get("/campaigns", response_model=CampaignList)
def campaigns(session: SessionDep, user: CurrentUser) -> CampaignList:
    return CampaignList(campaigns=content.list_campaigns(session, user=user))


@router.get("/campaigns/{campaign_id}/results", response_model=CampaignResults)
def results(campaign_id: RowId, session: SessionDep, user: CurrentUser) -> CampaignResults:
    return content.results(session, user=user, campaign_id=campaign_id)


@router.put("/campaigns/{campaign_id}/viewers/{org_id}", status_code=204)
def share(campaign_id: RowId, org_id: RowId, session: SessionDep, admin: AdminUser) -> Response:
    """Share a campaign's results with an organisation (a merchant association)."""
    content.share(session, user=admin, campaign_id=campaign_id, org_id=org_id)
    session.commit()
    return Response(status_code=204)
