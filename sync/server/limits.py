"""Request size and rate limits, enforced before a route runs, with the standard error body.

A declared ``Content-Length`` over the limit is refused at once; a chunked body is counted as
it arrives and refused when it passes the limit, so a client cannot stream gigabytes in.
Rates are counted per token (or per address without one) in fixed one-minute windows, in
memory: each replica limits on its own, which is enough to stop a runaway client.
"""

from __future__ import annotations

import hashlib
import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import ErrorCode
from sync.server.errors import error_response

WINDOW_SECONDS = 60


class BodyTooLarge(HTTPException):
    """An HTTPException, so FastAPI's body parsing lets it through to the error handlers."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"limit {limit}")


class RateLimiter:
    """Fixed-window counters: ``hit(key)`` returns the seconds to wait, or 0 when allowed."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.windows: dict[str, tuple[int, int]] = {}

    def hit(self, key: str) -> int:
        now = time.monotonic()
        window = int(now // WINDOW_SECONDS)
        start, count = self.windows.get(key, (window, 0))
        if start != window:
            start, count = window, 0
        if len(self.windows) > 100_000:
            self.windows = {k: v for k, v in self.windows.items() if v[0] == window}
        self.windows[key] = (start, count + 1)
        if count + 1 <= self.per_minute:
            return 0
        return max(1, int((window + 1) * WINDOW_SECONDS - now))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def client_key(scope: Scope) -> str:
    """Who is asking: the bearer token's hash, else the client address."""
    authorization = _header(scope, b"authorization")
    if authorization:
        return "t:" + hashlib.sha256(authorization.encode()).hexdigest()
    client = scope.get("client")
    return f"a:{client[0] if client else '?'}"


class LimitsMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int,
        max_upload: int,
        upload_prefix: str,
        per_minute: int,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.upload_prefix = upload_prefix
        self.rates = RateLimiter(per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wait = self.rates.hit(client_key(scope))
        if wait:
            response = error_response(
                ErrorCode.RATE_LIMITED,
                details={"retry_after": wait},
                headers={"Retry-After": str(wait)},
            )
            await response(scope, receive, send)
            return
        limit = self.max_upload if scope["path"].startswith(self.upload_prefix) else self.max_body
        declared = _header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            response = error_response(ErrorCode.PAYLOAD_TOO_LARGE, details={"limit": limit})
            await response(scope, receive, send)
            return
        await self.app(scope, _counting(receive, limit), send)


def _counting(receive: Receive, limit: int) -> Receive:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return counted
