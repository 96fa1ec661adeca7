"""Typed events every runner emits; the gateway encodes them as SSE events (a failed run's
`ErrorEvent` and `DoneEvent` become one terminal `error` event there)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.models import ScriptResult
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.orchestrator.run_data import PartialAttempt, RunData, RunError


class RunOutcome(BaseModel):
    """The final answer of a run: the same shape for sync responses and the stream's `done` event."""

    trace_id: str
    tenant: str
    session_id: str
    state: WorkflowState
    status: RunStatus
    checkpoint_version: int
    result: ScriptResult | None = None
    clarification: str | None = None
    error: RunError | None = None
    replayed: bool = Field(
        default=False,
        description="answered from a stored result (idempotency key, or a resumed stream of a finished run)",
    )
    resumed: bool = Field(default=False, description="continued from an unfinished checkpoint")
    timings_ms: dict[str, float] = Field(default_factory=dict)


def attempt_number(state: WorkflowState, attempts_done: int) -> int:
    """The generation attempt a state belongs to, counted from 1 as the CLI prints it.

    The run data counts attempts already made, so SCRIPT_GENERATING (about to make one) is one
    ahead of it; QUALITY_CHECKING and later states belong to the attempt just made. 0: no attempt yet.
    """
    return attempts_done + 1 if state is WorkflowState.SCRIPT_GENERATING else attempts_done


@dataclass(frozen=True)
class StateEvent:
    state: WorkflowState
    version: int
    attempt: int = 0  # attempt_number(), not the raw count of attempts made
    session_id: str = ""
    type: str = "state"

    @classmethod
    def of(cls, checkpoint: CheckpointRecord, attempts_done: int) -> StateEvent:
        return cls(
            checkpoint.state,
            checkpoint.version,
            attempt_number(checkpoint.state, attempts_done),
            checkpoint.session_id,
        )


@dataclass(frozen=True)
class DeltaEvent:
    text: str
    type: str = "delta"


@dataclass(frozen=True)
class ResetEvent:
    """Discard the text streamed since the last `state` event: that attempt broke mid-stream and the
    run regenerates (checkpoint `version` recorded the partial attempt; its `state` event follows)."""

    reason: str
    attempt: int  # the attempt that broke, numbered like StateEvent.attempt
    layer: str
    discarded_chars: int
    version: int
    type: str = "reset"

    @classmethod
    def of(cls, checkpoint: CheckpointRecord, partial: PartialAttempt) -> ResetEvent:
        p = partial
        return cls(p.reason, p.attempt, p.layer, p.discarded_chars, checkpoint.version)


@dataclass(frozen=True)
class DoneEvent:
    outcome: RunOutcome
    type: str = "done"


@dataclass(frozen=True)
class ErrorEvent:
    code: str
    message: str
    detail: dict[str, Any] | None = None
    type: str = "error"


WorkflowEvent = StateEvent | DeltaEvent | ResetEvent | DoneEvent | ErrorEvent


@dataclass(frozen=True)
class StepDone:
    """Internal to the engine and its drivers: the checkpoint a step ended on, and its parsed payload
    (so a driver running several steps does not parse every checkpoint it just wrote)."""

    checkpoint: CheckpointRecord
    data: RunData
