"""The README documents every sync route and every error code (datasette's test_docs idea)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from sync.protocol import ErrorCode
from sync.server.main import API_PREFIX, ROUTERS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
ROUTES = sorted(
    (method, API_PREFIX + route.path)
    for router in ROUTERS
    for route in router.routes
    if isinstance(route, APIRoute)
    for method in route.methods
)


@pytest.mark.parametrize("code", [c.value for c in ErrorCode])
def test_every_error_code_is_documented(code):
    assert f"| `{code}` |" in README


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_is_documented(method, path):
    assert f"{method} {path}" in README
