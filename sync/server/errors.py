"""One error shape on every route: ``{"error": {"code", "message", "details"}}``.

Routes raise ``ApiError(code, **details)``; the status and the French message come from the
catalogue below, so a code always means the same thing. FastAPI's own errors (validation,
unknown route, wrong method) and unexpected exceptions are rewritten to the same shape.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import ErrorBody, ErrorCode, ErrorInfo

log = logging.getLogger("diagterrain.server")

CATALOGUE: dict[ErrorCode, tuple[int, str]] = {
    ErrorCode.AUTH_REQUIRED: (401, "Authentification requise : connectez-vous d'abord."),
    ErrorCode.INVALID_TOKEN: (401, "Jeton inconnu : reconnectez-vous."),
    ErrorCode.TOKEN_REVOKED: (401, "Ce jeton a été révoqué : reconnectez-vous."),
    ErrorCode.TOKEN_EXPIRED: (401, "Ce jeton a expiré : reconnectez-vous."),
    ErrorCode.BAD_CREDENTIALS: (401, "Identifiant ou mot de passe incorrect."),
    ErrorCode.FORBIDDEN: (403, "Votre rôle ne permet pas cette opération."),
    ErrorCode.OUT_OF_SCOPE: (403, "Ces données appartiennent à une autre organisation."),
    ErrorCode.NOT_FOUND: (404, "Ressource introuvable."),
    ErrorCode.METHOD_NOT_ALLOWED: (405, "Méthode non autorisée sur cette adresse."),
    ErrorCode.INVALID_JSON: (400, "Le corps de la requête n'est pas un objet JSON valide."),
    ErrorCode.VALIDATION_ERROR: (422, "La requête contient des valeurs invalides."),
    ErrorCode.PROTOCOL_MISMATCH: (
        400,
        "Version du protocole de synchronisation non prise en charge : "
        "mettez l'application à jour.",
    ),
    ErrorCode.BATCH_MISMATCH: (
        409,
        "Ce lot a déjà été reçu avec un autre contenu : il ne peut pas être rejoué.",
    ),
    ErrorCode.AUDIT_SIGNED: (409, "Cet audit est déjà signé : il ne peut plus être modifié."),
    ErrorCode.CONCURRENT_EDIT: (409, "Modification concurrente de la même donnée."),
    ErrorCode.ERASED: (
        409,
        "Ces données ont été effacées à la demande de l'intéressé (RGPD) : modification refusée.",
    ),
    ErrorCode.HASH_MISMATCH: (
        422,
        "Le fichier reçu ne correspond pas à son empreinte SHA-256 : envoi incomplet ou altéré.",
    ),
    ErrorCode.PAYLOAD_TOO_LARGE: (413, "Requête trop volumineuse."),
    ErrorCode.RATE_LIMITED: (429, "Trop de requêtes : réessayez dans un instant."),
    ErrorCode.ALREADY_EXISTS: (409, "Cet élément existe déjà."),
    ErrorCode.QUESTIONNAIRE_IMMUTABLE: (
        409,
        "Cette version du questionnaire est déjà publiée avec un autre contenu : "
        "publiez une nouvelle version.",
    ),
    ErrorCode.INTERNAL_ERROR: (500, "Erreur interne du serveur : l'incident a été journalisé."),
}

HTTP_STATUS_CODES = {
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
}


class ApiError(Exception):
    """An error a client can act on, by its ``code``."""

    def __init__(self, code: ErrorCode, message: str | None = None, **details: Any) -> None:
        self.code = code
        self.status, default = CATALOGUE[code]
        self.message = message or default
        self.details = details
        super().__init__(self.message)


def error_response(
    code: ErrorCode,
    message: str | None = None,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    status, default = CATALOGUE[code]
    body = ErrorBody(error=ErrorInfo(code=code, message=message or default, details=details or {}))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.code, exc.message, exc.details)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_plain_error(error) for error in exc.errors()]
    if any(_not_json_object(error) for error in errors):
        return error_response(ErrorCode.INVALID_JSON, details={"errors": errors})
    return error_response(ErrorCode.VALIDATION_ERROR, details={"errors": errors})


def _not_json_object(error: dict[str, Any]) -> bool:
    """The body itself is unreadable: not JSON, or JSON that is not an object."""
    if error["type"] == "json_invalid":
        return True
    return error["loc"] == ["body"] and error["type"] in (
        "model_attributes_type",
        "dict_type",
        "missing",
    )


def _plain_error(error: Any) -> dict[str, Any]:
    """A pydantic error without its input and context, which may not be JSON (or be secret)."""
    return {
        "type": str(error.get("type", "")),
        "loc": [str(part) for part in error.get("loc", ())],
        "msg": str(error.get("msg", "")),
    }


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_STATUS_CODES.get(exc.status_code, ErrorCode.VALIDATION_ERROR)
    return error_response(code, details={"path": request.url.path})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(ErrorCode.INTERNAL_ERROR)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


# Declared on every router, so the OpenAPI document shows the one error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "Requête mal formée"),
        (401, "Non authentifié"),
        (403, "Interdit"),
        (404, "Introuvable"),
        (409, "Conflit"),
        (413, "Trop volumineux"),
        (422, "Valeurs invalides"),
        (429, "Trop de requêtes"),
    )
}
