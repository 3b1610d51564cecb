"""Every route answers errors in one shape: ``{"error": {"code", "message", "details"}}``.

Datasette-style: the routes are read from the OpenAPI document, so a new route is covered
without editing this file; then schemathesis fuzzes the whole API and finds no 500.
"""

from __future__ import annotations

import re

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.sync.servers import Server

PUBLIC = {("GET", "/api/v1/health"), ("POST", "/api/v1/auth/login")}


def assert_error_shape(response: requests.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["details"], dict)
    assert body["error"]["message"] and body["error"]["code"] == (code or body["error"]["code"])


def routes(server: Server) -> list[tuple[str, str]]:
    paths = requests.get(f"{server.url}/openapi.json", timeout=10).json()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item]


def concrete(path: str) -> str:
    filled = path.replace("{sha256}", "0" * 64).replace("{version}", "1")
    return re.sub(r"\{[^}]+\}", "abc", filled)


def test_every_route_refuses_a_caller_without_token_in_the_standard_shape(server):
    checked = 0
    for method, path in routes(server):
        if (method, path) in PUBLIC:
            continue
        response = requests.request(method, server.url + concrete(path), timeout=10)
        assert_error_shape(response, 401, "AUTH_REQUIRED")
        checked += 1
    assert checked >= 15


def test_every_route_refuses_a_wrong_token_in_the_standard_shape(server):
    for method, path in routes(server):
        if (method, path) in PUBLIC:
            continue
        headers = {"Authorization": "Bearer pas-un-jeton"}
        response = requests.request(
            method, server.url + concrete(path), headers=headers, timeout=10
        )
        assert_error_shape(response, 401, "INVALID_TOKEN")


def test_unknown_routes_and_methods_answer_in_the_standard_shape(server):
    assert_error_shape(requests.get(f"{server.api}/nulle-part", timeout=10), 404, "NOT_FOUND")
    assert_error_shape(requests.get(f"{server.url}/", timeout=10), 404, "NOT_FOUND")
    assert_error_shape(
        requests.delete(f"{server.api}/health", timeout=10), 405, "METHOD_NOT_ALLOWED"
    )


@pytest.mark.parametrize("body", [b"{pas du json", b"[1, 2]", b"", b"\xff\xfe"])
def test_malformed_json_is_a_400_invalid_json(advisor, body):
    response = advisor.post("/sync/push", data=body, headers={"Content-Type": "application/json"})
    assert_error_shape(response, 400, "INVALID_JSON")


def test_invalid_values_are_a_422_naming_the_field(advisor):
    response = advisor.post(
        "/sync/push", json={"batch_id": "b", "device_id": "d", "changes": [{"table": "x"}]}
    )
    assert_error_shape(response, 422, "VALIDATION_ERROR")
    locations = [e["loc"] for e in response.json()["error"]["details"]["errors"]]
    assert ["body", "changes", "0", "id"] in locations


def test_fuzzing_the_openapi_document_finds_no_server_error(server, advisor):
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    failures: list[str] = []
    for result in schema.get_all_operations():
        _fuzz(result.ok(), server, advisor, failures)
    assert failures == [], "\n".join(failures)


def _fuzz(operation, server, advisor, failures: list[str]) -> None:
    @given(operation.as_strategy())
    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call(base_url=server.url, headers=advisor.headers(), timeout=30)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path}: {response.text}")
        elif response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
            assert set(response.json()) == {"error"}, response.text

    check()
