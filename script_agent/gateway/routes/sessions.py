"""Session CRUD, always scoped by the authenticated tenant (another tenant's session is a 404).

Deleting a session deletes its checkpoint history too: checkpoints carry the session's scripts, so
keeping them would keep serving what the client asked to remove. The delete takes the session lock,
so it never races a run that is still writing checkpoints (a busy session is a 409 lock_timeout);
taking the lock also hands out a newer fence, which refuses any write from an older holder.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel

from script_agent.bootstrap import Container
from script_agent.domain.errors import SessionConflict
from script_agent.domain.session import Session, SessionSummary
from script_agent.gateway.deps import CurrentContainer, CurrentPrincipal
from script_agent.gateway.errors import ApiError
from script_agent.gateway.openapi import created_response, problem_responses
from script_agent.gateway.schemas import SESSION_ID_PATTERN, SessionCreate
from script_agent.gateway.tenancy import not_found, require_writer, resolve_tenant

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])

SessionId = Annotated[str, Path(min_length=1, max_length=128, pattern=SESSION_ID_PATTERN)]


class SessionPage(BaseModel):
    items: list[SessionSummary]
    next_offset: int | None = None


def location_of(request: Request, session_id: str) -> str:
    """A path reference (RFC 9110 §10.2.2 allows it): right behind any proxy, whatever the Host."""
    path = request.app.url_path_for("get_session", session_id=session_id)
    return f"{request.scope.get('root_path', '')}{path}"


@router.post(
    "",
    status_code=201,
    response_model=Session,
    responses={
        **created_response("the new session"),
        **problem_responses(400, 401, 403, 409, 413, 415, 422, 503),
    },
    summary="Create a session",
)
async def create_session(
    request: Request,
    response: Response,
    body: SessionCreate,
    principal: CurrentPrincipal,
    container: CurrentContainer,
) -> Session:
    require_writer(principal)
    tenant = resolve_tenant(principal, body.tenant)
    session = Session(tenant=tenant, id=body.id or f"s-{uuid.uuid4().hex}")
    try:
        saved = await container.stores.sessions.save(session)
    except SessionConflict:
        raise ApiError("session_conflict", f"session {session.id!r} already exists") from None
    response.headers["Location"] = location_of(request, saved.id)
    return saved


@router.get(
    "",
    response_model=SessionPage,
    responses=problem_responses(401, 422, 503),
    summary="List the caller's sessions",
)
async def list_sessions(
    principal: CurrentPrincipal,
    container: CurrentContainer,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SessionPage:
    items = await container.stores.sessions.list(principal.tenant, limit=limit, offset=offset)
    return SessionPage(items=items, next_offset=offset + len(items) if len(items) == limit else None)


@router.get(
    "/{session_id}",
    response_model=Session,
    responses=problem_responses(401, 404, 422, 503),
    summary="Read a session",
)
async def get_session(
    session_id: SessionId, principal: CurrentPrincipal, container: CurrentContainer
) -> Session:
    session = await container.stores.sessions.get(principal.tenant, session_id)
    if session is None:
        raise not_found("session", session_id)
    return session


async def delete_everything(container: Container, tenant: str, session_id: str) -> bool:
    """True when there was anything to delete (the session, or checkpoints of one never saved)."""
    lock = container.stores.lock
    lease = await lock.acquire(tenant, session_id, wait_s=container.settings.lock.wait_timeout_s)
    try:
        existed = await container.stores.sessions.delete(tenant, session_id)
        removed = await container.stores.checkpoints.delete(tenant, session_id)
    finally:
        await lock.release(lease)
    return existed or removed > 0


@router.delete(
    "/{session_id}",
    status_code=204,
    responses=problem_responses(401, 403, 404, 409, 422, 503),
    summary="Delete a session and its checkpoint history",
)
async def delete_session(
    session_id: SessionId, principal: CurrentPrincipal, container: CurrentContainer
) -> Response:
    require_writer(principal)
    if not await delete_everything(container, principal.tenant, session_id):
        raise not_found("session", session_id)
    return Response(status_code=204)
