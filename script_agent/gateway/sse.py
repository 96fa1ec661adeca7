"""Encoding workflow events as Server-Sent Events: names, ids, and the one terminal event.

Ids say where in the run an event sits, so `Last-Event-ID` is enough to resume:
`{v}` for the `state` event of checkpoint v, `{v}.{n}` for the n-th `delta` after it, `{v}.done` /
`{v}.error` for the terminal event of a run that ended on checkpoint v, `{v}.reset` for the `reset`
that checkpoint v recorded (the stream broke after text went out: discard it; v's `state` follows).

Every stream ends with exactly one terminal event: `done` (the /generate body) for a run that
produced an answer, `error` (a problem object, the body /generate would have answered with) for one
that failed. The orchestrator reports a failure as an ErrorEvent followed by a DoneEvent with status
failed; the two become a single `error` here.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import orjson

from script_agent.domain.errors import ScriptAgentError
from script_agent.domain.states import RunStatus
from script_agent.gateway.errors import status_for
from script_agent.gateway.problems import problem
from script_agent.orchestrator.events import (
    DeltaEvent,
    DoneEvent,
    ErrorEvent,
    ResetEvent,
    RunOutcome,
    StateEvent,
    WorkflowEvent,
)

log = logging.getLogger(__name__)
_LAST_ID = re.compile(r"^([0-9]{1,16})(?:\.([0-9]{1,16}|done|error|reset))?$")


def resume_point(last_event_id: str | None) -> int | None:
    """The checkpoint version a `Last-Event-ID` says the client has seen; None: not a resume."""
    match = _LAST_ID.match(last_event_id or "")
    return int(match.group(1)) if match else None


def _json(data: object) -> bytes:
    """Compact UTF-8 JSON (orjson: a stream encodes one of these per delta)."""
    return orjson.dumps(data)


def frame(event: str, data: str | bytes, event_id: str) -> bytes:
    """One SSE event. `data` is single-line JSON (JSON escapes newlines), so one data line."""
    raw = data.encode() if isinstance(data, str) else data
    return b"".join(
        (b"id: ", event_id.encode(), b"\r\nevent: ", event.encode(), b"\r\ndata: ", raw, b"\r\n\r\n")
    )


@dataclass
class SSEEncoder:
    """Per stream: remembers the position (for ids) and whether the terminal event went out."""

    instance: str
    trace_id: str
    version: int = 0
    deltas: int = 0
    pending_error: ErrorEvent | None = None
    finished: bool = False

    def encode(self, event: WorkflowEvent) -> bytes | None:
        """The frame for `event`, or None for an event folded into a later one."""
        if isinstance(event, DeltaEvent):
            self.deltas += 1
            return frame("delta", _json({"text": event.text}), f"{self.version}.{self.deltas}")
        if isinstance(event, StateEvent):
            self.version, self.deltas = event.version, 0
            data = {
                "state": str(event.state),
                "version": event.version,
                "attempt": event.attempt,
                "session_id": event.session_id,
            }
            return frame("state", _json(data), str(event.version))
        if isinstance(event, ResetEvent):
            self.version, self.deltas = event.version, 0
            data = {
                "reason": event.reason,
                "attempt": event.attempt,
                "layer": event.layer,
                "discarded_chars": event.discarded_chars,
                "version": event.version,
            }
            return frame("reset", _json(data), f"{event.version}.reset")
        if isinstance(event, ErrorEvent):
            self.pending_error = event  # the DoneEvent that follows carries the same failure
            return None
        if isinstance(event, DoneEvent):
            return self._done(event.outcome)
        raise TypeError(f"unknown event {event!r}")

    def _done(self, outcome: RunOutcome) -> bytes:
        self.finished = True
        version = outcome.checkpoint_version
        if outcome.status is not RunStatus.FAILED:
            return frame("done", outcome.model_dump_json(), f"{version}.done")
        error = outcome.error
        code, message = (error.code, error.message) if error else ("internal", "run failed")
        facts = {
            **(error.detail if error else {}),
            "session_id": outcome.session_id,
            "state": str(outcome.state),
            "checkpoint_version": version,
        }
        return self._problem(code, message, facts, version)

    def _problem(self, code: str, message: str, facts: dict[str, Any], version: int) -> bytes:
        body = problem(
            code, message, status_for(code), instance=self.instance, trace_id=self.trace_id, extensions=facts
        )
        return frame("error", _json(body), f"{version}.error")

    def failure(self, exc: BaseException) -> bytes:
        """The stream broke after the 200 went out: only an in-band `error` can say so."""
        self.finished = True
        if isinstance(exc, ScriptAgentError):
            return self._problem(exc.code, exc.message, {}, self.version)
        log.error("stream failed after it started", exc_info=exc)
        return self._problem("internal", "stream failed", {}, self.version)

    def unfinished(self) -> bytes | None:
        """At the end of the events: an error the orchestrator reported without a DoneEvent."""
        if self.finished or self.pending_error is None:
            return None
        self.finished = True
        err = self.pending_error
        return self._problem(err.code, err.message, dict(err.detail or {}), self.version)
