"""Liveness for load balancers and for the client to check a server URL before login."""

from __future__ import annotations

from fastapi import APIRouter

from sync.protocol import Health

router = APIRouter(tags=["santé"])


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health()
