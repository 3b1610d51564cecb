"""Request size and rate limits answer with the standard error body."""

from __future__ import annotations

import os

import pytest
import requests

from tests.sync.factories import batch, change
from tests.sync.servers import Server


def test_a_body_over_the_limit_is_refused_before_it_is_read(advisor):
    huge = batch([change(value="x" * 20_000) for _ in range(450)])
    response = advisor.post("/sync/push", json=huge)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_a_chunked_body_over_the_limit_is_refused_while_streaming(advisor):
    def chunks():
        for _ in range(20):
            yield b" " * 1024 * 1024

    response = advisor.post(
        "/sync/push", data=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_an_attachment_over_its_limit_is_refused(advisor):
    response = advisor.put("/attachments/" + "0" * 64, data=os.urandom(26 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


@pytest.fixture
def strict_server(tmp_path):
    env = {"DIAGTERRAIN_RATE_LIMIT_PER_MINUTE": "5", "DIAGTERRAIN_LOGIN_RATE_LIMIT_PER_MINUTE": "2"}
    running = Server(f"sqlite:///{tmp_path / 's.db'}", tmp_path / "data", env=env).start()
    yield running
    running.stop()


def test_too_many_requests_are_refused_with_a_delay(strict_server):
    # The server's own readiness probe used one request of the minute.
    codes = [requests.get(f"{strict_server.api}/health", timeout=5).status_code for _ in range(5)]
    assert codes == [200] * 4 + [429]
    response = requests.get(f"{strict_server.api}/health", timeout=5)
    assert response.json()["error"]["code"] == "RATE_LIMITED"
    assert int(response.headers["Retry-After"]) >= 1


def test_password_guessing_is_slowed_down_per_user(strict_server):
    body = {"username": "alice", "password": "essai"}
    url = f"{strict_server.api}/auth/login"
    codes = [requests.post(url, json=body, timeout=5).status_code for _ in range(3)]
    assert codes == [401, 401, 429]
