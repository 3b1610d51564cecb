"""Push and pull of device rows (rules in ``sync.server.replication`` and ``sync.server.pull``).

Both wait for a sync slot (``deps.sync_turn``) before touching the database.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response

from sync.protocol import DEFAULT_PAGE, MAX_PAGE, ChangesPage, PushRequest, PushResult
from sync.server import kpi_facts, pull, replication
from sync.server.db import analyze
from sync.server.deps import DeviceUser, SessionDep, SettingsDep, SyncTurn
from sync.server.errors import ERROR_RESPONSES

router = APIRouter(prefix="/sync", tags=["synchronisation"], responses=ERROR_RESPONSES)


@router.post("/push", response_model=PushResult)
def push(
    _turn: SyncTurn,
    body: PushRequest,
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    user: DeviceUser,
    erasures: Annotated[bool, Query()] = False,
) -> PushResult:
    """Apply a batch of at most 500 changes; replaying a batch id returns the same answer.

    ``erasures=true``: the client knows the ``ERASED`` conflict reason (older ones get it as
    ``CONCURRENT_EDIT``, the tombstone kept all the same).
    """
    result, statistics_due = replication.push_and_commit(session, user=user, request=body)
    if statistics_due:  # after the answer is sent: ANALYZE takes a while on a large table
        background.add_task(analyze, request.app.state.sessions)
    if result.applied and any(change.table in kpi_facts.TABLES for change in body.changes):
        # Audits or plan lines: distil them into the KPI facts now, after the answer, so that
        # a KPI request finds no backlog to distil first.
        state = request.app.state
        background.add_task(kpi_facts.refresh_after_push, state.sessions, state.engine)
    return result if erasures else replication.for_older_clients(result)


@router.get("/changes", response_model=ChangesPage)
def changes(
    _turn: SyncTurn,
    session: SessionDep,
    settings: SettingsDep,
    user: DeviceUser,
    since: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    erasures: Annotated[bool, Query()] = False,
) -> Response:
    """The organisation's rows changed after ``since``, ascending, tombstones included.

    ``erasures=true``: each row says whether it is an erasure's tombstone (``erased``).
    """
    limit = min(limit, settings.MAX_PAGE_SIZE)
    page = pull.changes_since(session, user=user, since=since, limit=limit, erasures=erasures)
    # Written as JSON by ``pull`` (the stored data copied as is), not validated again by
    # FastAPI: pages are large. Its shape is ``ChangesPage``, as documented.
    return Response(page, media_type="application/json")
