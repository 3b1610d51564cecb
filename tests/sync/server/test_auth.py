"""Accounts and tokens: login, wrong and revoked tokens, roles, admin-only routes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from sqlalchemy import update

from app.cli import main
from sync.server import crud
from sync.server.db import make_engine, make_sessions
from sync.server.errors import ApiError
from sync.server.models import Token
from tests.sync.servers import PASSWORD


def error_code(response):
    return response.json()["error"]["code"]


def test_login_returns_a_token_that_identifies_the_user(server, advisor):
    me = advisor.get("/auth/me").json()
    assert me["username"] == advisor.username
    assert me["org_id"] == advisor.org_id
    assert me["role"] == "advisor"


def test_wrong_password_is_refused_with_bad_credentials(server, advisor):
    body = {"username": advisor.username, "password": "pas le bon"}
    response = requests.post(f"{server.api}/auth/login", json=body, timeout=10)
    assert response.status_code == 401
    assert error_code(response) == "BAD_CREDENTIALS"
    unknown = requests.post(
        f"{server.api}/auth/login", json={"username": "personne", "password": "x"}, timeout=10
    )
    assert unknown.json() == response.json()


def test_no_token_and_wrong_token_are_refused(server):
    missing = requests.get(f"{server.api}/sync/changes", timeout=10)
    assert (missing.status_code, error_code(missing)) == (401, "AUTH_REQUIRED")
    wrong = requests.get(
        f"{server.api}/sync/changes", headers={"Authorization": "Bearer faux"}, timeout=10
    )
    assert (wrong.status_code, error_code(wrong)) == (401, "INVALID_TOKEN")


def test_logout_revokes_the_token(advisor):
    assert advisor.post("/auth/logout").status_code == 200
    response = advisor.get("/sync/changes")
    assert (response.status_code, error_code(response)) == (401, "TOKEN_REVOKED")


def test_an_admin_lists_and_revokes_the_organisations_tokens(server, advisor):
    admin = server.account("admin", org_id=advisor.org_id)
    tokens = admin.get("/tokens").json()
    mine = [t for t in tokens if t["user_id"] == advisor.user_id]
    assert len(mine) == 1 and mine[0]["device_id"]
    assert admin.delete(f"/tokens/{mine[0]['id']}").json()["revoked"] is True
    assert error_code(advisor.get("/auth/me")) == "TOKEN_REVOKED"


def test_an_advisor_cannot_list_tokens_nor_revoke_a_colleagues(server, advisor):
    colleague = server.account("advisor", org_id=advisor.org_id)
    admin = server.account("admin", org_id=advisor.org_id)
    token_id = next(
        t["id"] for t in admin.get("/tokens").json() if t["user_id"] == colleague.user_id
    )
    assert error_code(advisor.get("/tokens")) == "FORBIDDEN"
    response = advisor.delete(f"/tokens/{token_id}")
    assert (response.status_code, error_code(response)) == (403, "FORBIDDEN")


def test_another_organisations_token_id_is_not_found(server, advisor):
    stranger = server.account("admin")
    token_id = stranger.get("/tokens").json()[0]["id"]
    response = server.account("admin", org_id=advisor.org_id).delete(f"/tokens/{token_id}")
    assert (response.status_code, error_code(response)) == (404, "NOT_FOUND")


def test_an_admin_adds_a_user_to_their_organisation_who_can_then_log_in(server, advisor):
    admin = server.account("admin", org_id=advisor.org_id)
    body = {
        "username": f"{advisor.username}-bis",
        "full_name": "Claire Martin",
        "password": PASSWORD,
    }
    created = admin.post("/users", json=body)
    assert created.status_code == 201
    assert created.json()["org_id"] == advisor.org_id
    assert server.login(body["username"])
    assert error_code(admin.post("/users", json=body)) == "ALREADY_EXISTS"
    assert (
        error_code(advisor.post("/users", json={**body, "username": "x-" + body["username"]}))
        == "FORBIDDEN"
    )


def test_a_token_older_than_the_configured_maximum_age_is_expired(server, advisor):
    engine = make_engine(server.database_url)
    try:
        with make_sessions(engine)() as session:
            old = crud.now() - timedelta(days=40)
            session.execute(
                update(Token).where(Token.user_id == advisor.user_id).values(created_at=old)
            )
            session.commit()
            with pytest.raises(ApiError) as caught:
                crud.resolve_token(
                    session, plain=advisor.token, secret_key="changethis", max_age_days=30
                )
            assert caught.value.code == "TOKEN_EXPIRED"
            user, _ = crud.resolve_token(
                session, plain=advisor.token, secret_key="changethis", max_age_days=None
            )
            assert user.id == advisor.user_id
    finally:
        engine.dispose()


def test_revoking_a_users_tokens_from_the_command_line(server, advisor, capsys):
    code = main(
        ["server", "user", "revoke", advisor.username, "--database-url", server.database_url]
    )
    assert code == 0 and "1 jeton(s) révoqué(s)" in capsys.readouterr().out
    assert error_code(advisor.get("/auth/me")) == "TOKEN_REVOKED"


def test_control_characters_in_a_user_name_are_refused_not_a_server_error(server):
    body = {"username": "a\u0000b", "password": "x"}
    response = requests.post(f"{server.api}/auth/login", json=body, timeout=10)
    assert (response.status_code, error_code(response)) == (422, "VALIDATION_ERROR")
