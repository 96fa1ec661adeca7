"""`POST /api/v1/generate` (sync) and `POST /api/v1/generate/stream` (SSE).

Both drive the same orchestrator runner (which owns idempotency replay, the session lock and the
checkpoint writer); this module only authenticates, admits, maps errors and encodes the result.
"""

from __future__ import annotations

from typing import Annotated, Any

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
from script_agent.gateway.ratelimit import Admission, admit
from script_agent.gateway.schemas import IDEMPOTENCY_KEY_PATTERN, ErrorBody, GenerateBody
from script_agent.gateway.streaming import StreamRun
from script_agent.gateway.tenancy import require_writer, resolve_tenant
from script_agent.orchestrator.events import DoneEvent, RunOutcome

router = APIRouter(prefix="/api/v1", tags=["generate"])

IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", pattern=IDEMPOTENCY_KEY_PATTERN, description="replay/conflict detection"),
]
_ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody} for s in (401, 403, 404, 409, 413, 422, 429, 502, 503, 504)
}
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
    request: Request, body: GenerateBody, principal: CurrentPrincipal, idempotency_key: IdempotencyKey = None
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
    responses={
        200: {
            "description": "SSE events: state, delta, done (same shape as /generate), error",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        },
        **_ERRORS,
    },
    summary="Generate a script as Server-Sent Events",
)
async def generate_stream(
    request: Request, body: GenerateBody, principal: CurrentPrincipal, idempotency_key: IdempotencyKey = None
) -> Response:
    container, script_request, admission = await _prepare(request, principal, body, idempotency_key)
    settings = container.settings.gateway

    async def on_finish(done: DoneEvent | None, error: BaseException | None) -> None:
        if done is not None:
            await admission.settle(actual_tokens(done.outcome))
        else:  # refused before running (guards) costs nothing; a cut-off run keeps its reservation
            await admission.settle(0 if isinstance(error, ScriptAgentError) else None)

    run = StreamRun(
        container.orchestrator.stream(script_request, trace_id=trace_id_of(request)),
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
    return SSEResponse(
        run.sse(first, started_at(request)),
        headers=admission.headers,
        ping=settings.sse_ping_s,
        send_timeout=settings.sse_send_timeout_s,
        cleanup_timeout=settings.cleanup_timeout_s,
    )
