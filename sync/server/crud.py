"""Accounts: organisations, users and tokens. Keyword-only functions taking the session first.

The caller owns the transaction (routes commit once), so a route's writes land together.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import ErrorCode
from sync.server.errors import ApiError
from sync.server.models import Organisation, Token, User
from sync.server.security import hash_password, new_token, token_digest, verify_password
from sync.server.uuids import new_id


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back: they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def create_org(session: Session, *, name: str, kind: str) -> Organisation:
    if session.scalar(select(Organisation).where(Organisation.name == name)):
        raise ApiError(ErrorCode.ALREADY_EXISTS, f"L'organisation « {name} » existe déjà.")
    org = Organisation(id=new_id(), name=name, kind=kind, created_at=now())
    session.add(org)
    session.flush()
    return org


def find_org(session: Session, *, ref: str) -> Organisation:
    """An organisation by id or by name."""
    org = session.get(Organisation, ref) or session.scalar(
        select(Organisation).where(Organisation.name == ref)
    )
    if org is None:
        raise ApiError(ErrorCode.NOT_FOUND, f"Organisation « {ref} » introuvable.")
    return org


def create_user(
    session: Session, *, org_id: str, username: str, full_name: str, password: str, role: str
) -> User:
    if session.scalar(select(User).where(User.username == username)):
        raise ApiError(ErrorCode.ALREADY_EXISTS, f"L'utilisateur « {username} » existe déjà.")
    user = User(
        id=new_id(),
        org_id=org_id,
        username=username,
        full_name=full_name,
        role=role,
        password_hash=hash_password(password),
        active=True,
        created_at=now(),
    )
    session.add(user)
    session.flush()
    return user


def list_users(session: Session, *, org_id: str) -> list[User]:
    return list(session.scalars(select(User).where(User.org_id == org_id).order_by(User.username)))


def authenticate(session: Session, *, username: str, password: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if not verify_password(user.password_hash if user else None, password) or not user:
        raise ApiError(ErrorCode.BAD_CREDENTIALS)
    if not user.active:
        raise ApiError(ErrorCode.BAD_CREDENTIALS)
    return user


def create_token(
    session: Session,
    *,
    user: User,
    secret_key: str,
    device_id: str | None = None,
    device_name: str | None = None,
) -> tuple[Token, str]:
    """A new token for ``user``; the plain value is returned once and never stored."""
    plain = new_token()
    token = Token(
        id=new_id(),
        user_id=user.id,
        token_hash=token_digest(secret_key, plain),
        device_id=device_id,
        device_name=device_name,
        created_at=now(),
        revoked_at=None,
    )
    session.add(token)
    session.flush()
    return token, plain


def resolve_token(
    session: Session, *, plain: str, secret_key: str, max_age_days: int | None
) -> tuple[User, Token]:
    """The user and token behind a bearer value, or the reason it is refused."""
    # One query for both: it runs before every request of every device.
    query = (
        select(Token, User)
        .join(User, User.id == Token.user_id)
        .where(Token.token_hash == token_digest(secret_key, plain))
    )
    found = session.execute(query).one_or_none()
    if found is None:
        raise ApiError(ErrorCode.INVALID_TOKEN)
    token, user = found
    if token.revoked_at is not None:
        raise ApiError(ErrorCode.TOKEN_REVOKED)
    if max_age_days and as_utc(token.created_at) + timedelta(days=max_age_days) < now():
        raise ApiError(ErrorCode.TOKEN_EXPIRED)
    if not user.active:
        raise ApiError(ErrorCode.INVALID_TOKEN)
    return user, token


def list_tokens(session: Session, *, org_id: str) -> list[Token]:
    query = select(Token).join(User, User.id == Token.user_id).where(User.org_id == org_id)
    return list(session.scalars(query.order_by(Token.created_at)))


def revoke_token(session: Session, *, token_id: str, by: User) -> Token:
    """Revoke a token: one's own, or any of the organisation's for an admin."""
    token = session.get(Token, token_id)
    owner = session.get(User, token.user_id) if token else None
    if token is None or owner is None or owner.org_id != by.org_id:
        raise ApiError(ErrorCode.NOT_FOUND)
    if owner.id != by.id and by.role != "admin":
        raise ApiError(ErrorCode.FORBIDDEN)
    if token.revoked_at is None:
        token.revoked_at = now()
    return token


def revoke_user_tokens(session: Session, *, username: str) -> int:
    """Revoke every token of a user (a lost tablet, a departure); returns how many."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise ApiError(ErrorCode.NOT_FOUND, f"Utilisateur « {username} » introuvable.")
    tokens = session.scalars(
        select(Token).where(Token.user_id == user.id, Token.revoked_at.is_(None))
    ).all()
    for token in tokens:
        token.revoked_at = now()
    return len(tokens)
