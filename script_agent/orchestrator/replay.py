"""Resuming an event stream from checkpoints: what a client that reconnects with Last-Event-ID gets.

A run is the checkpoints of one session that share a trace id (a resumed run keeps the trace id it
began with; the next turn of the session begins a new one). Given the checkpoint version the client
saw last, the client is sent:
- the `state` events of its run that it missed, read back from the checkpoint history;
- then, if that run finished, its terminal event rebuilt from the last checkpoint (no LLM call);
- if it is unfinished, the live rest of it: the orchestrator resumes it from its latest checkpoint.
  When another request is driving it right now (the lock or the idempotency key is taken), the
  checkpoints it writes are relayed instead, and the run is taken over if that request stops;
  after `follow_s` without an end the stream just ends (reconnecting resumes again).
If the session has moved on to another run meanwhile, the request is answered as without
Last-Event-ID (the orchestrator resumes or begins the session's run for this request).

Deltas are not checkpointed, so they are never replayed: a finished run's `done` carries the whole
script, and a resumed generation restarts with a fresh `state` event followed by new deltas.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.errors import IdempotencyInFlight, LockTimeout
from script_agent.domain.models import ScriptRequest
from script_agent.orchestrator.checkpoints import load_run
from script_agent.orchestrator.events import DoneEvent, ResetEvent, StateEvent, WorkflowEvent
from script_agent.orchestrator.run_data import pending_reset
from script_agent.orchestrator.runner import Orchestrator, outcome_of, with_session_id
from script_agent.ports.stores import CheckpointStore

FOLLOW_POLL_S = 0.25
REPLAY_LIMIT = 200  # more than a run writes (about 12 states with every regeneration)


def state_event(record: CheckpointRecord) -> StateEvent:
    return StateEvent.of(record, int(record.payload.get("attempt") or 0))


def missed_events(record: CheckpointRecord) -> list[WorkflowEvent]:
    """A missed checkpoint's events: its `state`, preceded by the `reset` it recorded, if any (a
    client that saw the broken attempt's deltas must still be told to discard them)."""
    partial = pending_reset(load_run(record))
    state = state_event(record)
    return [state] if partial is None else [ResetEvent.of(record, partial), state]


def replayed(record: CheckpointRecord) -> DoneEvent:
    """The terminal event of a run that finished earlier: answered from its checkpoint, so it is
    `replayed` (no LLM call, nothing to charge to the rate limiter)."""
    return DoneEvent(outcome_of(record).model_copy(update={"replayed": True}))


async def run_after(store: CheckpointStore, anchor: CheckpointRecord) -> list[CheckpointRecord]:
    """The anchor's run's checkpoints newer than the anchor, oldest first."""
    records = await store.list(anchor.tenant, anchor.session_id, limit=REPLAY_LIMIT)
    mine = [r for r in records if r.version > anchor.version and r.trace_id == anchor.trace_id]
    return sorted(mine, key=lambda r: r.version)


async def resume_events(
    orchestrator: Orchestrator, request: ScriptRequest, *, after: int, trace_id: str, follow_s: float
) -> AsyncIterator[WorkflowEvent]:
    request = with_session_id(request)
    store = orchestrator.deps.checkpoints
    anchor = await store.get(request.tenant, request.session_id or "", after)
    if anchor is None:  # never existed, pruned or expired: nothing to resume from
        async for event in orchestrator.stream(request, trace_id=trace_id):
            yield event
        return
    missed = await run_after(store, anchor)
    for record in missed:
        for event in missed_events(record):
            yield event
    end = missed[-1] if missed else anchor
    if end.state.terminal:
        yield replayed(end)
        return
    run = drive_or_follow(orchestrator, request, end, trace_id=trace_id, follow_s=follow_s, quiet=not missed)
    async for event in run:
        yield event


async def drive_or_follow(
    orchestrator: Orchestrator,
    request: ScriptRequest,
    seen: CheckpointRecord,
    *,
    trace_id: str,
    follow_s: float,
    quiet: bool,
) -> AsyncIterator[WorkflowEvent]:
    """Resume the run; while another request drives it (lock or idempotency key taken), relay the
    checkpoints it writes instead, and take over if it stops. `resume_only`: a run that finished
    meanwhile is reported from its checkpoint, never run a second time. `quiet`: nothing was sent
    yet, so following starts by restating where the run is (the response starts with an event)."""
    store = orchestrator.deps.checkpoints
    deadline = time.monotonic() + follow_s
    while True:
        try:
            async for event in orchestrator.stream(request, trace_id=trace_id, resume_only=True):
                yield event
            return
        except (LockTimeout, IdempotencyInFlight):  # raised before the orchestrator yields anything
            pass
        if quiet:
            quiet = False
            yield state_event(seen)
        for record in await run_after(store, seen):
            for event in missed_events(record):
                yield event
            seen = record
            if record.state.terminal:
                yield replayed(record)
                return
        if time.monotonic() >= deadline:
            return  # the stream ends without a terminal event: reconnecting resumes again
        await asyncio.sleep(FOLLOW_POLL_S)  # IdempotencyInFlight does not wait like the lock does
