"""Route dependencies: the database session, the settings, and who is calling (with role checks).

Dependencies that do no I/O are ``async``: FastAPI runs a plain ``def`` dependency in its
thread pool, a hop that costs more than the dependency itself on a busy server.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
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


async def sync_turn(request: Request) -> AsyncIterator[None]:
    """Wait for one of the server's few sync slots (``SYNC_CONCURRENCY``), first come first served.

    Pushes and pulls are short, but twenty at once shared the process's interpreter lock
    unfairly (measured: p50 0.14 s, p99 0.9 s). Waiting in line here (asyncio's semaphore is
    FIFO), after the body has arrived and before the database is touched, keeps every
    device's wait near the average. Declared first, so it is taken before the session.
    """
    slots: asyncio.Semaphore = request.app.state.sync_slots
    async with slots:
        yield


# "function": the slot is given back when the route returns, before any background task.
SyncTurn = Annotated[None, Depends(sync_turn, scope="function")]


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


async def get_settings(request: Request) -> Settings:
    """Async (no I/O): FastAPI runs it in the event loop, not through the thread pool."""
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def authenticated(
    session: SessionDep, settings: SettingsDep, credentials: Credentials
) -> tuple[User, Token]:
    """Who calls, in one query; the only dependency of a request that waits on the database."""
    if credentials is None:
        raise ApiError(ErrorCode.AUTH_REQUIRED)
    return crud.resolve_token(
        session,
        plain=credentials.credentials,
        secret_key=settings.SECRET_KEY,
        max_age_days=settings.TOKEN_MAX_AGE_DAYS,
    )


Authenticated = Annotated[tuple[User, Token], Depends(authenticated)]


async def current_token(found: Authenticated) -> Token:
    return found[1]


CurrentToken = Annotated[Token, Depends(current_token)]


async def current_user(found: Authenticated) -> User:
    return found[0]


CurrentUser = Annotated[User, Depends(current_user)]


async def device_user(user: CurrentUser) -> User:
    """Advisors and admins sync devices; an association viewer only reads campaign results."""
    if user.role == "viewer":
        raise ApiError(ErrorCode.FORBIDDEN)
    return user


async def admin_user(user: CurrentUser) -> User:
    if user.role != "admin":
        raise ApiError(ErrorCode.FORBIDDEN)
    return user


DeviceUser = Annotated[User, Depends(device_user)]
AdminUser = Annotated[User, Depends(admin_user)]
