"""The organisation's users, managed by its admins."""

from __future__ import annotations

from fastapi import APIRouter

from sync.protocol import UserCreate, UserInfo
from sync.server import crud
from sync.server.deps import AdminUser, SessionDep
from sync.server.errors import ERROR_RESPONSES
from sync.server.routes.auth import user_info

router = APIRouter(tags=["comptes"], responses=ERROR_RESPONSES)


@router.get("/users", response_model=list[UserInfo])
def users(session: SessionDep, admin: AdminUser) -> list[UserInfo]:
    return [user_info(session, user) for user in crud.list_users(session, org_id=admin.org_id)]


@router.post("/users", response_model=UserInfo, status_code=201)
def add_user(body: UserCreate, session: SessionDep, admin: AdminUser) -> UserInfo:
    """Create a user in the admin's own organisation."""
    user = crud.create_user(
        session,
        org_id=admin.org_id,
        username=body.username,
        full_name=body.full_name,
        password=body.password,
        role=body.role,
    )
    info = user_info(session, user)
    session.commit()
    return info
