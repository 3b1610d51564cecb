"""The FastAPI application: ``create_app(settings)`` wires the database, limits and routes.

Migrations run here, at startup, so a server started on an empty database (or after an
upgrade of the app) is ready without a separate step.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, FastAPI

from sync.protocol import PROTOCOL_VERSION
from sync.server.config import Settings, load_settings
from sync.server.db import make_engine, make_sessions, migrate
from sync.server.errors import install_error_handlers
from sync.server.limits import LimitsMiddleware, RateLimiter
from sync.server.routes import attachments, auth, content, dashboard, health, kpis, sync, users

API_PREFIX = "/api/v1"
DESCRIPTION = (
    "Serveur central de Diag Terrain : comptes, synchronisation des appareils (push/pull), "
    f"pièces jointes et questionnaires. Protocole de synchronisation v{PROTOCOL_VERSION}."
)


ROUTERS = tuple(module.router for module in (health, auth, users, sync, attachments, content, kpis))


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    for routes in ROUTERS:
        router.include_router(routes)
    return router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    engine = make_engine(settings.DATABASE_URL, settings.POOL_SIZE)
    migrate(engine)
    app = FastAPI(title="Diag Terrain", version="1", description=DESCRIPTION)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_sessions(engine)
    app.state.sync_slots = asyncio.Semaphore(settings.SYNC_CONCURRENCY)
    app.state.login_rates = RateLimiter(settings.LOGIN_RATE_LIMIT_PER_MINUTE)
    install_error_handlers(app)
    app.include_router(api_router())
    app.include_router(dashboard.router)
    app.add_middleware(
        LimitsMiddleware,
        max_body=settings.MAX_REQUEST_BYTES,
        max_upload=settings.MAX_ATTACHMENT_BYTES,
        upload_prefix=f"{API_PREFIX}/attachments/",
        per_minute=settings.RATE_LIMIT_PER_MINUTE,
    )
    return app


def serve(settings: Settings, host: str, port: int) -> None:
    """Run the app under uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(
        create_app(settings), host=host, port=port, log_level="warning", timeout_keep_alive=30
    )
