"""Drives whole runs for the gateway and the CLI: one code path for sync and streaming.

Order of guards: idempotency (replay / conflict / mismatch) → session lock (fenced) → resume or start →
steps until a terminal state. The lock and the idempotency claim are released on every exit,
including a client that disconnects mid-stream (the generator is closed).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
import uuid
from collections.abc import AsyncIterator

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.errors import IdempotencyInFlight, IdempotencyMismatch, LockLost
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import RunStatus
from script_agent.observability.logging import TRACE_ID, bound_trace_id
from script_agent.observability.metrics import WORKFLOW_DEDUP, WORKFLOW_RESUMES, WORKFLOW_RUNS
from script_agent.orchestrator.checkpoints import load_run
from script_agent.orchestrator.deps import WorkflowDeps
from script_agent.orchestrator.engine import StepFailed, WorkflowEngine
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
from script_agent.orchestrator.run_data import pending_reset, request_fingerprint
from script_agent.ports.stores import IdempotencyOutcome, Lease


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
    record: CheckpointRecord, *, resumed: bool = False, total_ms: float | None = None
) -> RunOutcome:
    data = load_run(record)
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
        resumed=resumed,
        timings_ms=timings,
    )


class Orchestrator:
    def __init__(self, deps: WorkflowDeps) -> None:
        self.deps = deps
        self.engine = WorkflowEngine(deps)

    async def run(self, request: ScriptRequest, *, trace_id: str | None = None) -> RunOutcome:
        outcome: RunOutcome | None = None
        async for event in self.events(request, trace_id=trace_id, streaming=False, path="sync"):
            if isinstance(event, DoneEvent):
                outcome = event.outcome
        assert outcome is not None
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
    ) -> AsyncIterator[WorkflowEvent]:
        """Every log line of the run carries its trace id: the request's, else a new one (CLI)."""
        trace_id = trace_id or TRACE_ID.get() or uuid.uuid4().hex
        with bound_trace_id(trace_id):
            run = self._events(request, trace_id, streaming, path, resume_only)
            async with contextlib.aclosing(run) as events:
                async for event in events:
                    yield event

    async def _events(
        self, request: ScriptRequest, trace_id: str, streaming: bool, path: str, resume_only: bool
    ) -> AsyncIterator[WorkflowEvent]:
        request = with_session_id(request)
        started = time.perf_counter()
        fingerprint = request_fingerprint(request)
        key = request.idempotency_key if self.deps.idempotency is not None else None
        if key:
            begun = await self.deps.idempotency.begin(request.tenant, key, fingerprint)  # type: ignore[union-attr]
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
            async with self._locked(request) as lease:
                async for event in self._drive(request, trace_id, fingerprint, lease, streaming, resume_only):
                    if isinstance(event, DoneEvent):
                        total = (time.perf_counter() - started) * 1000
                        outcome = event.outcome.model_copy(
                            update={"timings_ms": {**event.outcome.timings_ms, "total": total}}
                        )
                        event = DoneEvent(outcome)
                        WORKFLOW_RUNS.labels(str(outcome.state), path).inc()
                    yield event
        finally:
            if key:
                await self._settle_key(request, key, fingerprint, outcome)

    async def _settle_key(
        self, request: ScriptRequest, key: str, fp: str, outcome: RunOutcome | None
    ) -> None:
        store = self.deps.idempotency
        assert store is not None
        if outcome is not None and outcome.status in (RunStatus.COMPLETED, RunStatus.DEGRADED):
            await store.complete(request.tenant, key, fp, outcome.model_dump(mode="json"))
        else:  # failed or interrupted: let the client retry with the same key (it will resume)
            await store.abandon(request.tenant, key)

    @contextlib.asynccontextmanager
    async def _locked(self, request: ScriptRequest) -> AsyncIterator[Lease | None]:
        lock = self.deps.lock
        if lock is None:
            yield None
            return
        lease = await lock.acquire(request.tenant, request.session_id or "", wait_s=self.deps.lock_wait_s)
        try:
            yield lease
        finally:
            await lock.release(lease)

    def _check_lease(self, lease: Lease | None) -> None:
        """Stop before the next state once renewal has lost the lease: another worker may own the
        session now (its fence would reject our writes anyway; this fails fast and says why)."""
        if lease is not None and self.deps.lock is not None and self.deps.lock.is_lost(lease):
            raise LockLost("session lock lease was lost while the run was in progress", key=lease.key)

    async def _drive(
        self,
        request: ScriptRequest,
        trace_id: str,
        fingerprint: str,
        lease: Lease | None,
        streaming: bool,
        resume_only: bool = False,
    ) -> AsyncIterator[WorkflowEvent]:
        fence = lease.fence if lease else None
        current, resumed = await self._start_or_resume(request, trace_id, fingerprint, fence, resume_only)
        cp, data = current.checkpoint, current.data
        finished = cp.state.terminal  # only with resume_only: reported, not run (and not charged)
        yield StateEvent.of(cp, data.attempt)
        limit = self.deps.request_deadline_s
        deadline_at = None if limit is None else time.monotonic() + limit
        while not cp.state.terminal:
            self._check_lease(lease)
            try:
                steps = self.engine.advance(
                    cp, fence=fence, streaming=streaming, data=data, deadline_at=deadline_at
                )
                async for item in steps:
                    if isinstance(item, DeltaEvent):
                        yield item
                    elif isinstance(item, StepDone):
                        cp, data = item.checkpoint, item.data
                        partial = pending_reset(data)
                        if partial is not None:
                            yield ResetEvent.of(cp, partial)
                        yield StateEvent.of(cp, data.attempt)
            except StepFailed as failed:
                cp = await self.engine.fail(failed.checkpoint, failed.error, fence=fence)
                yield StateEvent.of(cp, data.attempt)
                yield ErrorEvent(failed.error.code, failed.error.message, failed.error.detail or None)
        outcome = outcome_of(cp, resumed=resumed)
        yield DoneEvent(outcome.model_copy(update={"replayed": True}) if finished else outcome)

    async def _start_or_resume(
        self, request: ScriptRequest, trace_id: str, fingerprint: str, fence: int | None, resume_only: bool
    ) -> tuple[StepDone, bool]:
        latest = await self.deps.checkpoints.latest(request.tenant, request.session_id or "")
        if latest is not None and (resume_only or not latest.state.terminal):
            data = load_run(latest)
            if data.fingerprint == fingerprint:
                if not latest.state.terminal:
                    WORKFLOW_RESUMES.inc()
                return StepDone(latest, data), not latest.state.terminal
        return await self.engine.begin(request, trace_id=trace_id, fence=fence), False
