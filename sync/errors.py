"""What can go wrong in a sync, as the app and the CLI need to tell it apart.

* SyncError -- any failure; ``code`` is the server's error code when there is one
  * OfflineError -- the server could not be reached (after retries): try again later
  * AuthError -- not logged in, token refused or revoked, role not allowed: log in again
  * ConflictError -- the server refused a replay or a write (409): needs a person
  * ServerError -- the server failed (5xx after retries) or answered something unreadable

Low-level ``requests`` errors and HTTP statuses are translated once, in ``sync.client``.
Each is a ``DiagError``, so the CLI prints it as one French line.
"""

from __future__ import annotations

from typing import Any

from audits.errors import DiagError


class SyncError(DiagError):
    def __init__(
        self,
        message: str,
        code: str | None = None,
        status: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.details = details or {}


class OfflineError(SyncError):
    """No answer from the server: the device keeps working and syncs later."""


class AuthError(SyncError):
    """The server does not accept this device's credentials or role."""


class ConflictError(SyncError):
    """The server refused the request as conflicting with what it holds."""


class ServerError(SyncError):
    """The server failed, or its answer could not be understood."""
