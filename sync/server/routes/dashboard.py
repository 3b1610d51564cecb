"""The KPI dashboard page, served by the server itself: HTML, CSS and JS, no CDN.

A chamber's server may run on an intranet with no Internet access, and the dashboard must
still work: everything it needs is in ``sync/server/static`` (charts are plain SVG drawn by
``dashboard.js``), and the Content-Security-Policy forbids loading anything from elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from sync.protocol import ErrorCode
from sync.server.errors import ApiError

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).resolve().parents[1] / "static"
FILES = {
    "dashboard.js": "text/javascript; charset=utf-8",
    "dashboard.css": "text/css; charset=utf-8",
}
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}
PAGE = "/tableau-de-bord"


@router.get(PAGE)
def page() -> FileResponse:
    return FileResponse(STATIC / "dashboard.html", media_type="text/html; charset=utf-8",
                        headers=HEADERS)  # fmt: skip


@router.get(PAGE + "/{name}")
def asset(name: str) -> FileResponse:
    if name not in FILES:
        raise ApiError(ErrorCode.NOT_FOUND, file=name)
    return FileResponse(STATIC / name, media_type=FILES[name], headers=HEADERS)
