"""Request and response bodies of the HTTP API (the OpenAPI spec is generated from these)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.orchestrator.checkpoints import load_run
from script_agent.orchestrator.events import attempt_number
from script_agent.orchestrator.run_data import RunData
from script_agent.ports.health import ComponentHealth

TENANT_FIELD = Field(
    default=None,
    min_length=1,
    max_length=64,
    pattern=r"^[A-Za-z0-9_.-]+$",
    description="optional; must equal the authenticated tenant (403 otherwise)",
)
SESSION_ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"
# Visible ASCII only: the key travels on as an HTTP header (upstream Idempotency-Key).
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"


class GenerateBody(ScriptRequest):
    """A ScriptRequest whose tenant comes from the credentials; the idempotency key normally comes
    from the `Idempotency-Key` header (the header wins)."""

    tenant: str | None = TENANT_FIELD  # type: ignore[assignment]
    idempotency_key: str | None = Field(default=None, pattern=IDEMPOTENCY_KEY_PATTERN)

    def to_request(self, tenant: str, idempotency_key: str | None) -> ScriptRequest:
        """Fields are already validated; construct without a second validation pass."""
        values = {name: getattr(self, name) for name in ScriptRequest.model_fields}
        values["tenant"] = tenant
        values["idempotency_key"] = idempotency_key or self.idempotency_key
        return ScriptRequest.model_construct(_fields_set=set(self.model_fields_set) | {"tenant"}, **values)


class Problem(BaseModel):
    """RFC 9457 problem details. Members beyond these carry the condition's facts (`layers`,
    `dimension`, `errors`, `session_id`, `state`, `checkpoint_version`, ...)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI naming the error class; one per `code`")
    title: str = Field(description="short summary of the error class (the same for every occurrence)")
    status: int = Field(
        ge=100, le=599, description="the HTTP status (in a stream: the one /generate returns)"
    )
    detail: str = Field(description="what went wrong this time")
    instance: str | None = Field(default=None, description="the request path it happened on")
    code: str = Field(description="stable machine-readable error code")
    trace_id: str = Field(description="the request's trace id (also the x-request-id header)")


class StateEventData(BaseModel):
    """`data` of a `state` event: a checkpoint was written."""

    state: WorkflowState
    version: int = Field(ge=1, description="checkpoint version")
    attempt: int = Field(ge=0, description="generation attempt the state belongs to (0 before the first)")
    session_id: str = Field(description="send it (or the same Idempotency-Key) again to resume")


class DeltaEventData(BaseModel):
    """`data` of a `delta` event: script text as the model emitted it."""

    text: str


class ResetEventData(BaseModel):
    """`data` of a `reset` event: the stream broke after text went out; discard the text received
    since the last `state` event. The run regenerates on the next LLM layer (its `state` follows)."""

    reason: str = Field(description="why it broke: idle_timeout, in_band_error, truncated, bad_json ...")
    attempt: int = Field(ge=1, description="the attempt that broke, numbered like `state` events")
    layer: str = Field(description="the LLM layer whose stream broke; the regeneration skips it")
    discarded_chars: int = Field(ge=0, description="characters of that attempt the client was sent")
    version: int = Field(ge=1, description="the checkpoint that recorded the partial attempt")


class SessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, min_length=1, max_length=128, pattern=SESSION_ID_PATTERN)
    tenant: str | None = TENANT_FIELD


class CheckpointSummary(BaseModel):
    version: int
    state: WorkflowState
    status: RunStatus
    trace_id: str
    created_at: datetime
    checksum: str
    fence: int | None = None
    attempt: int = 0
    error_code: str | None = None

    @classmethod
    def of(cls, record: CheckpointRecord) -> CheckpointSummary:
        payload = record.payload
        error = payload.get("error") or {}
        return cls(
            version=record.version,
            state=record.state,
            status=record.status,
            trace_id=record.trace_id,
            created_at=record.created_at,
            checksum=record.checksum,
            fence=record.fence,
            attempt=attempt_number(record.state, int(payload.get("attempt") or 0)),
            error_code=error.get("code") if isinstance(error, dict) else None,
        )


class CheckpointDetail(CheckpointSummary):
    session_id: str
    payload: RunData

    @classmethod
    def full(cls, record: CheckpointRecord) -> CheckpointDetail:
        summary = CheckpointSummary.of(record).model_dump()
        return cls(**summary, session_id=record.session_id, payload=load_run(record))


class CheckpointPage(BaseModel):
    items: list[CheckpointSummary]
    next_before: int | None = Field(default=None, description="pass as ?before= for the next (older) page")


class HealthReport(BaseModel):
    status: str = Field(description="ok | degraded | down")
    components: list[ComponentHealth]
