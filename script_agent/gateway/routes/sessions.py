"""Session CRUD, always scoped by the authenticated tenant (another tenant's session is a 404)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel

from script_agent.domain.errors import SessionConflict
from script_agent.domain.session import Session, SessionSummary
from script_agent.gateway.deps import CurrentContainer, CurrentPrincipal
from script_agent.gateway.errors import ApiError
from script_agent.gateway.schemas import SESSION_ID_PATTERN, ErrorBody, SessionCreate
from script_agent.gateway.tenancy import not_found, require_writer, resolve_tenant

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])

SessionId = Annotated[str, Path(min_length=1, max_length=128, pattern=SESSION_ID_PATTERN)]
_ERRORS: dict[int | str, dict[str, Any]] = {s: {"model": ErrorBody} for s in (401, 403, 404, 409, 422, 503)}


class SessionPage(BaseModel):
    items: list[SessionSummary]
    next_offset: int | None = None


@router.post("", status_code=201, response_model=Session, responses=_ERRORS, summary="Create a session")
async def create_session(
    body: SessionCreate, principal: CurrentPrincipal, container: CurrentContainer
) -> Session:
    require_writer(principal)
    tenant = resolve_tenant(principal, body.tenant)
    session = Session(tenant=tenant, id=body.id or f"s-{uuid.uuid4().hex}")
    try:
        return await container.stores.sessions.save(session)
    except SessionConflict:
        raise ApiError("session_conflict", f"session {session.id!r} already exists") from None


@router.get("", response_model=SessionPage, responses=_ERRORS, summary="List the caller's sessions")
async def list_sessions(
    principal: CurrentPrincipal,
    container: CurrentContainer,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SessionPage:
    items = await container.stores.sessions.list(principal.tenant, limit=limit, offset=offset)
    return SessionPage(items=items, next_offset=offset + len(items) if len(items) == limit else None)


@router.get("/{session_id}", response_model=Session, responses=_ERRORS, summary="Read a session")
async def get_session(
    session_id: SessionId, principal: CurrentPrincipal, container: CurrentContainer
) -> Session:
    session = await container.stores.sessions.get(principal.tenant, session_id)
    if session is None:
        raise not_found("session", session_id)
    return session


@router.delete("/{session_id}", status_code=204, responses=_ERRORS, summary="Delete a session")
async def delete_session(
    session_id: SessionId, principal: CurrentPrincipal, container: CurrentContainer
) -> Response:
    require_writer(principal)
    if not await container.stores.sessions.delete(principal.tenant, session_id):
        raise not_found("session", session_id)
    return Response(status_code=204)
