"""Route dependencies: the database session, the settings, and who is calling (with role checks)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from sync.protocol import ErrorCode
from sync.server import crud
from sync.server.config import Settings
from sync.server.errors import ApiError
from sync.server.models import Token, User

bearer = HTTPBearer(auto_error=False, description="Jeton obtenu par POST /api/v1/auth/login")


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def current_token(session: SessionDep, settings: SettingsDep, credentials: Credentials) -> Token:
    if credentials is None:
        raise ApiError(ErrorCode.AUTH_REQUIRED)
    _user, token = crud.resolve_token(
        session,
        plain=credentials.credentials,
        secret_key=settings.SECRET_KEY,
        max_age_days=settings.TOKEN_MAX_AGE_DAYS,
    )
    return token


CurrentToken = Annotated[Token, Depends(current_token)]


def current_user(session: SessionDep, token: CurrentToken) -> User:
    user = session.get(User, token.user_id)
    assert user is not None  # resolve_token checked it
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def device_user(user: CurrentUser) -> User:
    """Advisors and admins sync devices; an association viewer only reads campaign results."""
    if user.role == "viewer":
        raise ApiError(ErrorCode.FORBIDDEN)
    return user


def admin_user(user: CurrentUser) -> User:
    if user.role != "admin":
        raise ApiError(ErrorCode.FORBIDDEN)
    return user


DeviceUser = Annotated[User, Depends(device_user)]
AdminUser = Annotated[User, Depends(admin_user)]
