"""`POST /api/v1/generate` (sync) and `POST /api/v1/generate/stream` (SSE).

Both drive the same orchestrator runner (which owns idempotency replay, the session lock and the
checkpoint writer); this module only authenticates, admits, maps errors and encodes the result.
A stream request carrying `Last-Event-ID` resumes: see orchestrator/replay.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from sse_starlette import EventSourceResponse

from script_agent.bootstrap import Container
from script_agent.domain.errors import ScriptAgentError
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import RunStatus
from script_agent.gateway.auth import Principal
from script_agent.gateway.context import started_at, trace_id_of
from script_agent.gateway.deps import CurrentPrincipal, container_of
from script_agent.gateway.errors import ApiError, from_domain
from script_agent.gateway.openapi import EVENT_ID_PATTERN, problem_responses, sse_response
from script_agent.gateway.ratelimit import Admission, admit
from script_agent.gateway.schemas import IDEMPOTENCY_KEY_PATTERN, GenerateBody
from script_agent.gateway.sse import SSEEncoder, resume_point
from script_agent.gateway.streaming import StreamRun
from script_agent.gateway.tenancy import require_writer, resolve_tenant
from script_agent.orchestrator.events import DoneEvent, RunOutcome, WorkflowEvent
from script_agent.orchestrator.replay import resume_events

router = APIRouter(prefix="/api/v1", tags=["generate"])

IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", pattern=IDEMPOTENCY_KEY_PATTERN, description="replay/conflict detection"),
]
# `str`, not `str | None`: a nullable header is documented as anyOf string/null, and clients that
# follow the document send the literal "null". Absent, the value is the default None.
LastEventId = Annotated[
    str,
    Header(alias="Last-Event-ID", pattern=EVENT_ID_PATTERN, description="resume after this event"),
]
_ERRORS = problem_responses(400, 401, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504)
# Failed runs that consumed no tokens worth charging: refund the whole reservation.
_NO_USAGE_CODES = {"llm_unavailable", "llm_timeout", "llm_fatal", "not_found", "invalid_input"}


class SSEResponse(EventSourceResponse):
    media_type = "text/event-stream"  # class-level, so the OpenAPI spec names the right content type


def actual_tokens(outcome: RunOutcome) -> int | None:
    """Tokens to charge for a finished run; None keeps the reservation (usage unknown)."""
    if outcome.replayed:
        return 0
    if outcome.result is not None:
        return outcome.result.usage.total
    if outcome.status is RunStatus.FAILED and outcome.error and outcome.error.code not in _NO_USAGE_CODES:
        return None
    return 0


def failure(outcome: RunOutcome, headers: dict[str, str]) -> ApiError:
    error = outcome.error
    code, message = (error.code, error.message) if error else ("internal", "run failed")
    detail = {
        **(error.detail if error else {}),
        "session_id": outcome.session_id,
        "state": str(outcome.state),
        "checkpoint_version": outcome.checkpoint_version,
    }
    return ApiError(code, message, detail=detail, headers=headers)


async def _prepare(
    request: Request, principal: Principal, body: GenerateBody, key: str | None
) -> tuple[Container, ScriptRequest, Admission]:
    require_writer(principal)
    tenant = resolve_tenant(principal, body.tenant)
    container = container_of(request)
    script_request = body.to_request(tenant, key)
    return container, script_request, await admit(container, script_request)


@router.post(
    "/generate",
    response_model=None,
    responses={200: {"model": RunOutcome, "description": "the finished run"}, **_ERRORS},
    summary="Generate a script (waits for the result)",
)
async def generate(
    request: Request,
    body: GenerateBody,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    container, script_request, admission = await _prepare(request, principal, body, idempotency_key)
    try:
        outcome = await container.orchestrator.run(script_request, trace_id=trace_id_of(request))
    except ScriptAgentError as exc:
        await admission.settle(0)
        raise from_domain(exc, headers=admission.headers) from None
    await admission.settle(actual_tokens(outcome))
    if outcome.status is RunStatus.FAILED:
        raise failure(outcome, admission.headers)
    return Response(outcome.model_dump_json(), media_type="application/json", headers=admission.headers)


@router.post(
    "/generate/stream",
    response_class=SSEResponse,
    responses={**sse_response(), **_ERRORS},
    summary="Generate a script as Server-Sent Events",
)
async def generate_stream(
    request: Request,
    body: GenerateBody,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
    last_event_id: LastEventId = None,  # type: ignore[assignment]
) -> Response:
    container, script_request, admission = await _prepare(request, principal, body, idempotency_key)
    settings = container.settings.gateway
    trace_id = trace_id_of(request)

    async def on_finish(done: DoneEvent | None, error: BaseException | None) -> None:
        if done is not None:
            await admission.settle(actual_tokens(done.outcome))
        else:  # refused before running (guards) costs nothing; a cut-off run keeps its reservation
            await admission.settle(0 if isinstance(error, ScriptAgentError) else None)

    run = StreamRun(
        _events(container, script_request, trace_id, resume_point(last_event_id)),
        queue_size=settings.stream_queue_size,
        cleanup_timeout_s=settings.cleanup_timeout_s,
        on_finish=on_finish,
    )
    run.start()
    try:
        first = await run.first()
    except ScriptAgentError as exc:
        raise from_domain(exc, headers=admission.headers) from None
    except BaseException:
        await run.abort()
        raise
    encoder = SSEEncoder(instance=request.url.path, trace_id=trace_id)
    return SSEResponse(
        run.sse(first, started_at(request), encoder),
        headers=admission.headers,
        ping=settings.sse_ping_s,
        send_timeout=settings.sse_send_timeout_s,
        cleanup_timeout=settings.cleanup_timeout_s,
    )


def _events(
    container: Container, request: ScriptRequest, trace_id: str, after: int | None
) -> AsyncIterator[WorkflowEvent]:
    if after is None:
        return container.orchestrator.stream(request, trace_id=trace_id)
    follow_s = container.settings.gateway.stream_follow_s
    return resume_events(container.orchestrator, request, after=after, trace_id=trace_id, follow_s=follow_s)
