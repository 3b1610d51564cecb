"""HTTP client of the sync protocol: timeouts, retries with backoff, errors mapped once.

Every call goes through ``SyncClient._call``: network errors, 5xx and 429 are retried with
exponential backoff (a push is safe to resend: batches are idempotent by id), then every
failure becomes one exception of ``sync.errors``. The ``requests.Session`` is injectable so
tests and the app can share or instrument it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from sync.errors import AuthError, ConflictError, OfflineError, ServerError, SyncError
from sync.protocol import (
    AttachmentInfo,
    ChangesPage,
    ErrorBody,
    LoginRequest,
    LoginResult,
    MissingHashes,
    PushRequest,
    PushResult,
    QuestionnaireInfo,
    QuestionnaireList,
    QuestionnaireVersion,
    UserInfo,
)

Model = TypeVar("Model", bound=BaseModel)
RETRIED_STATUSES = {429, 500, 502, 503, 504}
NETWORK_ERRORS = (requests.ConnectionError, requests.Timeout)
# This client reads erasures (``ServerChange.erased``, ``ERASED`` conflicts); a server older
# than them ignores the parameter.
KNOWS_ERASURES = {"erasures": "true"}


@dataclass(frozen=True)
class Retry:
    attempts: int = 5
    backoff: float = 0.5
    max_backoff: float = 10.0

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Exponential backoff with jitter; a server's Retry-After is honoured (up to a cap)."""
        if retry_after and retry_after.isdigit():
            return min(float(retry_after), self.max_backoff)
        base = min(self.backoff * (1 << attempt), self.max_backoff)
        jitter: float = random.uniform(0, base / 2)  # noqa: S311 (jitter, not crypto)
        return base / 2 + jitter


def api_url(server_url: str) -> str:
    """``https://cci.example/`` or ``.../api/v1``: both name the same API."""
    url = server_url.rstrip("/")
    return url if url.endswith("/api/v1") else f"{url}/api/v1"


class SyncClient:
    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5.0, 60.0),
        retry: Retry | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api = api_url(server_url)
        self.token = token
        self.session = session or requests.Session()
        self.timeout = timeout
        self.retry = retry or Retry()
        self.sleep = sleep

    def login(
        self, username: str, password: str, device_id: str, device_name: str | None = None
    ) -> LoginResult:
        body = LoginRequest(
            username=username, password=password, device_id=device_id, device_name=device_name
        )
        result = self._call("POST", "/auth/login", LoginResult, json=body.model_dump())
        self.token = result.token
        return result

    def me(self) -> UserInfo:
        return self._call("GET", "/auth/me", UserInfo)

    def push(self, request: PushRequest) -> PushResult:
        body = request.model_dump_json().encode()  # pydantic-core: much faster than json.dumps
        headers = {"Content-Type": "application/json"}
        return self._call(
            "POST", "/sync/push", PushResult, data=body, headers=headers, params=KNOWS_ERASURES
        )

    def changes(self, since: int, limit: int) -> ChangesPage:
        params = {"since": since, "limit": limit, **KNOWS_ERASURES}
        return self._call("GET", "/sync/changes", ChangesPage, params=params)

    def missing(self, hashes: list[str]) -> list[str]:
        return self._call(
            "POST", "/attachments/missing", MissingHashes, json={"hashes": hashes}
        ).missing

    def upload(self, sha256: str, content: bytes) -> AttachmentInfo:
        headers = {"Content-Type": "application/octet-stream"}
        return self._call(
            "PUT", f"/attachments/{sha256}", AttachmentInfo, data=content, headers=headers
        )

    def download(self, sha256: str) -> bytes:
        """An attachment's bytes (the caller checks them against the hash)."""
        return self._send("GET", f"/attachments/{sha256}").content

    def questionnaires(self) -> list[QuestionnaireInfo]:
        return self._call("GET", "/questionnaires", QuestionnaireList).questionnaires

    def questionnaire(self, questionnaire_id: str, version: int) -> QuestionnaireVersion:
        return self._call(
            "GET", f"/questionnaires/{questionnaire_id}/{version}", QuestionnaireVersion
        )

    def _call(self, method: str, path: str, model: type[Model], **kwargs: Any) -> Model:
        response = self._send(method, path, **kwargs)
        try:  # parsed and checked in one pass by pydantic-core: pull pages are large
            return model.model_validate_json(response.content)
        except ValidationError:
            raise ServerError(
                f"réponse illisible du serveur ({method} {path})", status=response.status_code
            ) from None

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """The response of the first attempt that is not a network error, 5xx or 429."""
        headers = {**kwargs.pop("headers", {}), **self._auth()}
        for attempt in range(self.retry.attempts):
            last = attempt == self.retry.attempts - 1
            try:
                response = self.session.request(
                    method, self.api + path, headers=headers, timeout=self.timeout, **kwargs
                )
            except NETWORK_ERRORS as error:
                if last:
                    raise OfflineError(
                        f"serveur injoignable ({self.api}) : {_reason(error)}"
                    ) from None
                self.sleep(self.retry.delay(attempt))
                continue
            if response.status_code not in RETRIED_STATUSES or last:
                return _checked(response)
            self.sleep(self.retry.delay(attempt, response.headers.get("Retry-After")))
        raise AssertionError("unreachable")  # pragma: no cover

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def _reason(error: Exception) -> str:
    return "délai dépassé" if isinstance(error, requests.Timeout) else "connexion impossible"


def _checked(response: requests.Response) -> requests.Response:
    """The response itself when it is a success, else the exception of its status."""
    if response.status_code < 400:
        return response
    code, message, details = _error_of(response)
    status = response.status_code
    kind: type[SyncError] = SyncError
    if status in (401, 403):
        kind = AuthError
    elif status == 409:
        kind = ConflictError
    elif status >= 500:
        kind = ServerError
    raise kind(message, code=code, status=status, details=details)


def _error_of(response: requests.Response) -> tuple[str | None, str, dict[str, Any]]:
    try:
        error = ErrorBody.model_validate(response.json()).error
    except (ValueError, ValidationError):
        return None, f"erreur HTTP {response.status_code} du serveur", {}
    return error.code, error.message, error.details
