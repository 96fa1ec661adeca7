"""Checkpoint history of a session (newest first, paginated by version), scoped by tenant."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from script_agent.gateway.deps import CurrentContainer, CurrentPrincipal
from script_agent.gateway.openapi import problem_responses
from script_agent.gateway.schemas import (
    SESSION_ID_PATTERN,
    CheckpointDetail,
    CheckpointPage,
    CheckpointSummary,
)
from script_agent.gateway.tenancy import not_found

router = APIRouter(prefix="/api/v1/sessions/{session_id}/checkpoints", tags=["checkpoints"])

SessionId = Annotated[str, Path(min_length=1, max_length=128, pattern=SESSION_ID_PATTERN)]
_ERRORS = problem_responses(401, 404, 409, 422, 503)
MAX_VERSION = 2**53  # JSON-safe integer bound


@router.get("", response_model=CheckpointPage, responses=_ERRORS, summary="List checkpoints (newest first)")
async def list_checkpoints(
    session_id: SessionId,
    principal: CurrentPrincipal,
    container: CurrentContainer,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    before: Annotated[int | None, Query(ge=1, le=MAX_VERSION, description="only versions below this")] = None,
) -> CheckpointPage:
    tenant = principal.tenant
    records = await container.stores.checkpoints.list(tenant, session_id, limit=limit, before=before)
    if not records and before is None and await container.stores.sessions.get(tenant, session_id) is None:
        raise not_found("session", session_id)
    last = records[-1].version if records else None
    more = len(records) == limit and last is not None and last > 1
    return CheckpointPage(
        items=[CheckpointSummary.of(r) for r in records], next_before=last if more else None
    )


@router.get("/latest", response_model=CheckpointDetail, responses=_ERRORS, summary="The newest checkpoint")
async def latest_checkpoint(
    session_id: SessionId, principal: CurrentPrincipal, container: CurrentContainer
) -> CheckpointDetail:
    record = await container.stores.checkpoints.latest(principal.tenant, session_id)
    if record is None:
        raise not_found("checkpoint of session", session_id)
    return CheckpointDetail.full(record)


@router.get(
    "/{version}", response_model=CheckpointDetail, responses=_ERRORS, summary="One checkpoint version"
)
async def get_checkpoint(
    session_id: SessionId,
    version: Annotated[int, Path(ge=1, le=MAX_VERSION)],
    principal: CurrentPrincipal,
    container: CurrentContainer,
) -> CheckpointDetail:
    record = await container.stores.checkpoints.get(principal.tenant, session_id, version)
    if record is None:
        raise not_found(f"checkpoint version {version} of session", session_id)
    return CheckpointDetail.full(record)
