"""The one run API every driver uses: session lease, resume-or-begin, step, record failure, release.

The sync runner, the streaming runner (runner.py) and the Kubernetes operator (scriptjob_operator/
driver.py) all drive a run through a `RunSession`; none of them touches the workflow's dependencies
(lock, checkpoint store) or repeats the rules below. What stays in a driver is what is its own: the
runner's events and idempotency claim, the operator's status, conditions, Events, backoff and TTL.

    async with runs.session(request) as run:        # the session lease, fenced; released on every exit
        current = await run.resume_or_begin(trace_id=..., continuing=...)
        while not current.checkpoint.state.terminal:
            current = await run.step(current)        # StepFailed: the driver retries or ...
        ...                                          # ... records it with `await run.fail(...)`

The resume rule (the only one):

The session's latest checkpoint is *this request's run* when it has the request's fingerprint (its
payload without the idempotency key) and was begun under the same idempotency key (a request without
a key matches only a run without one). Then:

1. this request's run, unfinished: RESUMED from that checkpoint; no finished state runs again.
2. this request's run, finished: FINISHED, returned as it ended and not run again, when either
   - the request carries an idempotency key and the run answered it (COMPLETED or DEGRADED: a key
     names one request, and a script written for it is its answer even when the idempotency record
     is gone, e.g. a crash between the checkpoint and that record); a run that FAILED or asked for
     clarification is not an answer the key keeps (the gateway frees the key so the client may
     retry it), so a retry runs again; or
   - the caller continues a run it knows is under way (`continuing`): a stream resumed with
     Last-Event-ID, and the operator, whose ScriptJob is one run for its whole life and records
     FAILED only once it stops retrying.
3. anything else: BEGUN, a new run. Another payload or key, an empty session, or a request without a
   key after a finished run: that is the conversation's next turn (asking "再来一段" twice is two
   scripts), not a retry.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from enum import StrEnum

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.errors import LockLost
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import RunStatus
from script_agent.orchestrator.checkpoints import load_run
from script_agent.orchestrator.deps import WorkflowDeps
from script_agent.orchestrator.engine import WorkflowEngine
from script_agent.orchestrator.events import DeltaEvent, StepDone
from script_agent.orchestrator.run_data import RunData, RunError, request_fingerprint
from script_agent.ports.stores import Lease

# The finished runs an idempotency key keeps as its answer (the gateway records these, frees others).
ANSWERED = frozenset({RunStatus.COMPLETED, RunStatus.DEGRADED})


class Start(StrEnum):
    """How `resume_or_begin` found the run."""

    BEGUN = "begun"
    RESUMED = "resumed"
    FINISHED = "finished"


@dataclass(frozen=True)
class Current:
    """Where a run stands after `resume_or_begin`: its checkpoint, parsed payload, and how it started."""

    checkpoint: CheckpointRecord
    data: RunData
    start: Start

    @property
    def step(self) -> StepDone:
        return StepDone(self.checkpoint, self.data)


def same_run(data: RunData, request: ScriptRequest, fingerprint: str) -> bool:
    """The checkpointed run is this request's. A keyed run's stored fingerprint may come from an
    older release (another fingerprint for the same payload), so the request the checkpoint carries,
    parsed by today's models, is fingerprinted again before the retry is refused as another run."""
    if data.request.idempotency_key != request.idempotency_key:
        return False
    if data.fingerprint == fingerprint:
        return True
    return request.idempotency_key is not None and request_fingerprint(data.request) == fingerprint


def decide(
    latest: CheckpointRecord | None,
    data: RunData | None,
    request: ScriptRequest,
    *,
    fingerprint: str,
    continuing: bool,
) -> Start:
    """The resume rule of the module docstring, on the session's latest checkpoint and its payload."""
    if latest is None or data is None or not same_run(data, request, fingerprint):
        return Start.BEGUN
    if not latest.state.terminal:
        return Start.RESUMED
    if continuing or (request.idempotency_key is not None and latest.status in ANSWERED):
        return Start.FINISHED
    return Start.BEGUN


class RunSession:
    """One driver's hold on one session: every write carries the lease's fencing token."""

    def __init__(
        self, deps: WorkflowDeps, engine: WorkflowEngine, request: ScriptRequest, lease: Lease | None
    ) -> None:
        self._deps = deps
        self._engine = engine
        self.request = request
        self.lease = lease

    @property
    def fence(self) -> int | None:
        return self.lease.fence if self.lease is not None else None

    async def resume_or_begin(self, *, trace_id: str, continuing: bool = False) -> Current:
        """Apply the resume rule to the session's latest checkpoint; `trace_id` names a new run only
        (a resumed or finished run keeps the trace id it began with)."""
        request = self.request
        fingerprint = request_fingerprint(request)
        latest = await self._deps.checkpoints.latest(request.tenant, request.session_id or "")
        data = load_run(latest) if latest is not None else None
        start = decide(latest, data, request, fingerprint=fingerprint, continuing=continuing)
        if start is not Start.BEGUN and latest is not None and data is not None:
            return Current(latest, data, start)
        begun = await self._engine.begin(request, trace_id=trace_id, fence=self.fence)
        return Current(begun.checkpoint, begun.data, Start.BEGUN)

    def check_lease(self) -> None:
        """Stop before the next state once renewal has lost the lease: another worker may own the
        session now (its fence would reject our writes anyway; this fails fast and says why)."""
        lock = self._deps.lock
        if self.lease is not None and lock is not None and lock.is_lost(self.lease):
            raise LockLost("session lock lease was lost while the run was in progress", key=self.lease.key)

    def advance(
        self, current: StepDone, *, streaming: bool, deadline_at: float | None = None
    ) -> AsyncGenerator[DeltaEvent | StepDone, None]:
        """Run the current state: deltas (streaming) then the StepDone of the next checkpoint.
        Raises StepFailed without writing anything, LockLost (here, at the call) when the lease is
        gone first. The engine's generator itself is returned: no re-yielding layer per delta."""
        self.check_lease()
        return self._engine.advance(
            current.checkpoint,
            fence=self.fence,
            streaming=streaming,
            data=current.data,
            deadline_at=deadline_at,
        )

    async def step(self, current: StepDone, *, streaming: bool = False) -> StepDone:
        """One state, deltas dropped (the operator): `streaming` still reads the LLM as a stream, so
        per-chunk idle limits catch a stall and a stream broken mid-way comes back as a reset."""
        async with contextlib.aclosing(self.advance(current, streaming=streaming)) as items:
            async for item in items:
                if isinstance(item, StepDone):
                    return item
        raise RuntimeError("a step ended without a checkpoint")  # engine.advance always ends with one

    async def fail(self, checkpoint: CheckpointRecord, error: RunError) -> StepDone:
        """Record the terminal FAILED transition, keeping everything the run had gathered."""
        return await self._engine.fail(checkpoint, error, fence=self.fence)


class Runs:
    """The run API's entry: built once per process from the workflow's dependencies."""

    def __init__(self, deps: WorkflowDeps) -> None:
        self._deps = deps
        self._engine = WorkflowEngine(deps)

    def deadline_at(self) -> float | None:
        """The time.monotonic() by which a whole run's LLM work must end (None: per call only)."""
        limit = self._deps.request_deadline_s
        return None if limit is None else time.monotonic() + limit

    @contextlib.asynccontextmanager
    async def session(
        self, request: ScriptRequest, *, wait_s: float | None = None
    ) -> AsyncIterator[RunSession]:
        """Hold the request's session lease (LockTimeout after `wait_s`, default the configured
        wait; StoreUnavailable when the lock store is down) and release it on every exit, a
        cancelled or closed caller included. Without a lock configured (tests, one-shot CLI) runs
        are not fenced."""
        lock = self._deps.lock
        if lock is None:
            yield RunSession(self._deps, self._engine, request, None)
            return
        wait = self._deps.lock_wait_s if wait_s is None else wait_s
        lease = await lock.acquire(request.tenant, request.session_id or "", wait_s=wait)
        try:
            yield RunSession(self._deps, self._engine, request, lease)
        finally:
            await lock.release(lease)
