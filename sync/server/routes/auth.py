"""Login, logout, who am I, and the organisation's device tokens (listed and revoked)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from sync.protocol import ErrorCode, LoginRequest, LoginResult, TokenInfo, UserInfo
from sync.server import crud
from sync.server.deps import AdminUser, CurrentToken, CurrentUser, SessionDep, SettingsDep
from sync.server.errors import ERROR_RESPONSES, ApiError
from sync.server.limits import client_key
from sync.server.models import Organisation, Token, User

router = APIRouter(tags=["comptes"], responses=ERROR_RESPONSES)


def user_info(session: SessionDep, user: User) -> UserInfo:
    org = session.get(Organisation, user.org_id)
    return UserInfo(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        org_id=user.org_id,
        org_name=org.name if org else "",
    )


def token_info(token: Token) -> TokenInfo:
    return TokenInfo(
        id=token.id,
        user_id=token.user_id,
        device_id=token.device_id,
        device_name=token.device_name,
        created_at=crud.as_utc(token.created_at).isoformat(),
        revoked=token.revoked_at is not None,
    )


@router.post("/auth/login", response_model=LoginResult)
def login(
    body: LoginRequest, request: Request, session: SessionDep, settings: SettingsDep
) -> LoginResult:
    """Exchange a user name and password for a device token (which does not expire by default)."""
    wait = request.app.state.login_rates.hit(client_key(request.scope) + body.username)
    if wait:
        raise ApiError(ErrorCode.RATE_LIMITED, retry_after=wait)
    user = crud.authenticate(session, username=body.username, password=body.password)
    token, plain = crud.create_token(
        session,
        user=user,
        secret_key=settings.SECRET_KEY,
        device_id=body.device_id,
        device_name=body.device_name,
    )
    result = LoginResult(token=plain, token_id=token.id, user=user_info(session, user))
    session.commit()
    return result


@router.post("/auth/logout", response_model=TokenInfo)
def logout(session: SessionDep, token: CurrentToken, user: CurrentUser) -> TokenInfo:
    """Revoke the token used for this request."""
    revoked = crud.revoke_token(session, token_id=token.id, by=user)
    session.commit()
    return token_info(revoked)


@router.get("/auth/me", response_model=UserInfo)
def me(session: SessionDep, user: CurrentUser) -> UserInfo:
    return user_info(session, user)


@router.get("/tokens", response_model=list[TokenInfo])
def tokens(session: SessionDep, admin: AdminUser) -> list[TokenInfo]:
    """The organisation's device tokens, for an admin to find a lost tablet's."""
    return [token_info(token) for token in crud.list_tokens(session, org_id=admin.org_id)]


@router.delete("/tokens/{token_id}", response_model=TokenInfo)
def revoke(token_id: str, session: SessionDep, user: CurrentUser) -> TokenInfo:
    """Revoke a token: one's own, or any of the organisation's for an admin."""
    token = crud.revoke_token(session, token_id=token_id, by=user)
    session.commit()
    return token_info(token)
