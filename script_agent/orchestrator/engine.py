"""The step function every driver shares: given a checkpoint, run its state, write the next one.

Drivers reach it only through the run API (runs.py), which adds the session lease and the resume
rule; none of them knows the order of states. Failures are raised as StepFailed without writing
anything, so the driver decides between retrying (the operator's backoff) and recording FAILED.
"""

from __future__ import annotations

import functools
import time
from collections.abc import AsyncGenerator
from typing import Any

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.errors import (
    InvalidInput,
    LockLost,
    NotFound,
    ScriptAgentError,
    StaleFence,
    StoreUnavailable,
)
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import WorkflowState
from script_agent.observability.metrics import WORKFLOW_STEP_SECONDS
from script_agent.orchestrator.checkpoints import CheckpointWriter, load_run
from script_agent.orchestrator.deps import WorkflowDeps
from script_agent.orchestrator.events import DeltaEvent, StepDone
from script_agent.orchestrator.run_data import RunData, RunError, request_fingerprint
from script_agent.orchestrator.steps import Steps, Transition
from script_agent.ports.llm import ErrorClass, LLMError, LLMExhausted


@functools.lru_cache(maxsize=32)  # one child per state: `labels()` hashes and locks on every call
def _step_seconds(state: str) -> Any:
    return WORKFLOW_STEP_SECONDS.labels(state)


class StepFailed(Exception):
    """A state could not finish. `retryable` tells a driver whether trying the same state later may help."""

    def __init__(self, checkpoint: CheckpointRecord, error: RunError) -> None:
        super().__init__(f"{checkpoint.state}: {error.message}")
        self.checkpoint = checkpoint
        self.error = error

    @property
    def retryable(self) -> bool:
        return self.error.retryable


def classify(exc: BaseException) -> RunError:
    """Map any exception from a step to a RunError with a stable code."""
    if isinstance(exc, LLMExhausted):
        code = "llm_timeout" if exc.timed_out else "llm_unavailable"
        return RunError(code=code, message=str(exc), retryable=True, detail={"layers": exc.layers})
    if isinstance(exc, LLMError):
        retryable = exc.error_class is not ErrorClass.FATAL
        code = "llm_fatal" if not retryable else f"llm_{exc.reason}"
        return RunError(code=code, message=str(exc), retryable=retryable, detail={"status": exc.status})
    if isinstance(exc, InvalidInput | NotFound):
        return RunError(code=exc.code, message=exc.message, retryable=False, detail=dict(exc.detail))
    if isinstance(exc, StoreUnavailable | LockLost | StaleFence):
        return RunError(code=exc.code, message=exc.message, retryable=True)
    if isinstance(exc, ScriptAgentError):
        return RunError(code=exc.code, message=exc.message, retryable=False)
    return RunError(code="internal", message=f"{type(exc).__name__}: {exc}", retryable=True)


class WorkflowEngine:
    def __init__(self, deps: WorkflowDeps) -> None:
        self.deps = deps
        self.writer = CheckpointWriter(deps.checkpoints, deps.clock)
        self._steps = Steps(deps)

    async def begin(self, request: ScriptRequest, *, trace_id: str, fence: int | None) -> StepDone:
        """Write the first checkpoint of a new run (state CONTEXT_LOADING, nothing run yet)."""
        if not request.session_id:
            raise InvalidInput("a run needs a session id")
        data = RunData(request=request, fingerprint=request_fingerprint(request))
        record = await self.writer.write(data, WorkflowState.CONTEXT_LOADING, trace_id=trace_id, fence=fence)
        return StepDone(record, data)

    async def advance(
        self,
        checkpoint: CheckpointRecord,
        *,
        fence: int | None,
        streaming: bool = False,
        data: RunData | None = None,
        deadline_at: float | None = None,
    ) -> AsyncGenerator[DeltaEvent | StepDone, None]:
        """Run the checkpoint's state; yield deltas (streaming) then StepDone with the new checkpoint.

        `data` is the checkpoint's parsed payload when the caller has it (it wrote that checkpoint).
        `deadline_at` (time.monotonic()) is the request deadline; without one (the operator's single
        steps) each step gets the configured request deadline of its own."""
        if checkpoint.state.terminal:
            raise ValueError(f"run already finished in {checkpoint.state}")
        data = data if data is not None else load_run(checkpoint)
        started = time.perf_counter()
        if deadline_at is None and self.deps.request_deadline_s is not None:
            deadline_at = time.monotonic() + self.deps.request_deadline_s
        transition: Transition | None = None
        try:
            async for item in self._steps.run(
                checkpoint.state,
                data,
                trace_id=checkpoint.trace_id,
                streaming=streaming,
                deadline_at=deadline_at,
            ):
                if isinstance(item, Transition):
                    transition = item
                else:
                    yield item
        except (GeneratorExit, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            raise StepFailed(checkpoint, classify(exc)) from exc
        if transition is None:  # every handler ends with one; a bug, not a step failure
            raise RuntimeError(f"{checkpoint.state}: the step ended without a transition")
        elapsed = time.perf_counter() - started
        _step_seconds(str(checkpoint.state)).observe(elapsed)
        step_ms = {**transition.data.step_ms}
        step_ms[str(checkpoint.state)] = step_ms.get(str(checkpoint.state), 0.0) + elapsed * 1000
        # Every handler returns run data it just made (model_copy): set the timing on it rather than
        # copying it again (a copy per step). The payload the step started from is never changed.
        new_data = transition.data if transition.data is not data else data.model_copy()
        new_data.step_ms = step_ms
        record = await self.writer.write(
            new_data, transition.state, trace_id=checkpoint.trace_id, fence=fence
        )
        yield StepDone(record, new_data)

    async def fail(self, checkpoint: CheckpointRecord, error: RunError, *, fence: int | None) -> StepDone:
        """Record the terminal FAILED transition, keeping everything the run had gathered."""
        data = load_run(checkpoint).model_copy(update={"error": error})
        record = await self.writer.write(
            data, WorkflowState.FAILED, trace_id=checkpoint.trace_id, fence=fence
        )
        return StepDone(record, data)
