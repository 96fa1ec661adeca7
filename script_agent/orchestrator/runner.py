"""Drives whole runs for the gateway and the CLI: one code path for sync and streaming.

Order of guards: idempotency (replay / conflict / mismatch) → the run API (runs.py: session lease,
fenced; resume or begin by its one rule) → steps until a terminal state. The lease and the
idempotency claim are released on every exit, including a client that disconnects mid-stream (the
generator is closed). What is the runner's own: the events, the idempotency claim, the run metrics.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.errors import IdempotencyInFlight, IdempotencyMismatch
from script_agent.domain.models import ScriptRequest
from script_agent.observability.logging import TRACE_ID, bound_trace_id
from script_agent.observability.metrics import WORKFLOW_DEDUP, WORKFLOW_RESUMES, WORKFLOW_RUNS
from script_agent.orchestrator.checkpoints import load_run
from script_agent.orchestrator.deps import WorkflowDeps
from script_agent.orchestrator.engine import StepFailed
from script_agent.orchestrator.events import (
    DeltaEvent,
    DoneEvent,
    ErrorEvent,
    ResetEvent,
    RunOutcome,
    StateEvent,
    StepDone,
    WorkflowEvent,
)
from script_agent.orchestrator.run_data import RunData, pending_reset, request_fingerprint
from script_agent.orchestrator.runs import ANSWERED, Runs, Start
from script_agent.ports.stores import IdempotencyOutcome, IdempotencyStore


@functools.lru_cache(maxsize=64)  # terminal states x paths; `labels()` hashes and locks per call
def _runs_counter(state: str, path: str) -> Any:
    return WORKFLOW_RUNS.labels(state, path)


def with_session_id(request: ScriptRequest) -> ScriptRequest:
    """A request without a session gets one; with an idempotency key it is derived from it, so a
    retried request lands on the same session (and can resume)."""
    if request.session_id:
        return request
    if request.idempotency_key:
        digest = hashlib.sha256(f"{request.tenant}\x00{request.idempotency_key}".encode()).hexdigest()
        return request.model_copy(update={"session_id": f"idem-{digest[:24]}"})
    return request.model_copy(update={"session_id": f"s-{uuid.uuid4().hex}"})


def outcome_of(
    record: CheckpointRecord,
    *,
    resumed: bool = False,
    total_ms: float | None = None,
    data: RunData | None = None,
    replayed: bool = False,
) -> RunOutcome:
    """`data`: the record's run data when the caller wrote it (saves parsing the payload back)."""
    data = data if data is not None else load_run(record)
    timings = dict(data.step_ms)
    if total_ms is not None:
        timings["total"] = total_ms
    return RunOutcome(
        trace_id=record.trace_id,
        tenant=record.tenant,
        session_id=record.session_id,
        state=record.state,
        status=record.status,
        checkpoint_version=record.version,
        result=data.result,
        clarification=data.clarification,
        error=data.error,
        replayed=replayed,
        resumed=resumed,
        timings_ms=timings,
    )


class Orchestrator:
    def __init__(self, deps: WorkflowDeps) -> None:
        self.deps = deps
        self.runs = Runs(deps)

    async def run(self, request: ScriptRequest, *, trace_id: str | None = None) -> RunOutcome:
        outcome: RunOutcome | None = None
        # Read to the end, not just to `done`: the idempotency key is settled after it.
        async for event in self.events(request, trace_id=trace_id, streaming=False, path="sync"):
            if isinstance(event, DoneEvent):
                outcome = event.outcome
        if outcome is None:  # _drive always ends with a DoneEvent
            raise RuntimeError("the run ended without an outcome")
        return outcome

    def stream(
        self, request: ScriptRequest, *, trace_id: str | None = None, resume_only: bool = False
    ) -> AsyncIterator[WorkflowEvent]:
        """`resume_only`: a run of this request that finished meanwhile is reported, not run again
        (a stream resumed with Last-Event-ID; see replay.py)."""
        return self.events(request, trace_id=trace_id, streaming=True, path="stream", resume_only=resume_only)

    async def events(
        self,
        request: ScriptRequest,
        *,
        trace_id: str | None,
        streaming: bool,
        path: str,
        resume_only: bool = False,
    ) -> AsyncGenerator[WorkflowEvent, None]:
        """Every log line of the run carries its trace id: the request's, else a new one (CLI)."""
        trace_id = trace_id or TRACE_ID.get() or uuid.uuid4().hex
        with bound_trace_id(trace_id):
            run = self._events(request, trace_id, streaming, path, resume_only)
            async with contextlib.aclosing(run) as events:
                async for event in events:
                    yield event

    async def _events(
        self, request: ScriptRequest, trace_id: str, streaming: bool, path: str, resume_only: bool
    ) -> AsyncGenerator[WorkflowEvent, None]:
        request = with_session_id(request)
        started = time.perf_counter()
        fingerprint = request_fingerprint(request)
        store, key = self.deps.idempotency, request.idempotency_key
        if store is not None and key:
            begun = await store.begin(request.tenant, key, fingerprint)
            if begun.outcome is IdempotencyOutcome.REPLAY:
                WORKFLOW_DEDUP.inc()
                stored = RunOutcome.model_validate(begun.result)
                yield DoneEvent(stored.model_copy(update={"replayed": True}))
                return
            if begun.outcome is IdempotencyOutcome.IN_FLIGHT:
                raise IdempotencyInFlight("a request with this idempotency key is still running", key=key)
            if begun.outcome is IdempotencyOutcome.MISMATCH:
                raise IdempotencyMismatch("idempotency key reused with a different payload", key=key)
        outcome: RunOutcome | None = None
        try:
            async for event in self._drive(request, trace_id, streaming, started, resume_only):
                if isinstance(event, DoneEvent):  # its timings end with this run's "total"
                    outcome = event.outcome
                    _runs_counter(str(outcome.state), path).inc()
                yield event
        finally:
            if store is not None and key:
                await _settle_key(store, request, key, fingerprint, outcome)

    async def _drive(
        self,
        request: ScriptRequest,
        trace_id: str,
        streaming: bool,
        started: float,
        resume_only: bool = False,
    ) -> AsyncGenerator[WorkflowEvent, None]:
        """`started`: time.perf_counter() when the request arrived (the outcome's total time)."""
        async with self.runs.session(request) as run:
            # resume_only: the caller continues a stream it began, so a finished run is reported
            current = await run.resume_or_begin(trace_id=trace_id, continuing=resume_only)
            if current.start is Start.RESUMED:
                WORKFLOW_RESUMES.inc()
            step, data = current.step, current.data
            yield StateEvent.of(step.checkpoint, data.attempt)
            deadline_at = self.runs.deadline_at()
            while not step.checkpoint.state.terminal:
                try:
                    async for item in run.advance(step, streaming=streaming, deadline_at=deadline_at):
                        if isinstance(item, DeltaEvent):
                            yield item
                        elif isinstance(item, StepDone):
                            step, data = item, item.data
                            partial = pending_reset(data)
                            if partial is not None:
                                yield ResetEvent.of(step.checkpoint, partial)
                            yield StateEvent.of(step.checkpoint, data.attempt)
                except StepFailed as failed:
                    step = await run.fail(failed.checkpoint, failed.error)
                    yield StateEvent.of(step.checkpoint, data.attempt)
                    yield ErrorEvent(failed.error.code, failed.error.message, failed.error.detail or None)
            yield DoneEvent(
                outcome_of(
                    step.checkpoint,
                    resumed=current.start is Start.RESUMED,
                    total_ms=(time.perf_counter() - started) * 1000,
                    data=step.data,
                    replayed=current.start is Start.FINISHED,  # reported, not run (and not charged)
                )
            )


async def _settle_key(
    store: IdempotencyStore, request: ScriptRequest, key: str, fp: str, outcome: RunOutcome | None
) -> None:
    """The key keeps a run's answer (runs.ANSWERED); a failed, clarifying or interrupted run frees
    it, so the client may retry with the same key (an interrupted run then resumes, runs.py)."""
    if outcome is not None and outcome.status in ANSWERED:
        await store.complete(request.tenant, key, fp, outcome.model_dump(mode="json"))
    else:
        await store.abandon(request.tenant, key)
