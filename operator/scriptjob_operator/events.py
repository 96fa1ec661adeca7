"""Kubernetes Events for a job: what `kubectl describe sj <name>` lists.

Posted through kopf's event queue (`kopf.info` / `kopf.warn`), so a slow API server never stalls a
step; kopf posts them in order per object. Quick successive StateChanged Events are batched into
one (see KopfEvents). Reasons are CamelCase and stable; messages are capped
because the API server rejects long ones.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Protocol

import kopf

from script_agent.orchestrator.run_data import PartialAttempt

MESSAGE_MAX = 1000
BATCH_SEPARATOR = "; "

STARTED = "Started"
STATE_CHANGED = "StateChanged"
RESUMED = "Resumed"
RETRYING = "Retrying"
FALLBACK = "Fallback"
RESET = "GenerationReset"
COMPLETED = "Completed"
DEGRADED = "Degraded"
FAILED = "Failed"
INVALID_SPEC = "InvalidSpec"
BUSY = "SessionBusy"


def transition(old: object, new: object, version: int, elapsed_s: float | None = None) -> str:
    """The StateChanged message, posted for every transition including the one into a terminal state
    (QUALITY_CHECKING → COMPLETED, … → FAILED), so `kubectl describe sj` shows the whole path."""
    took = f", {elapsed_s * 1000:.0f} ms" if elapsed_s is not None else ""
    return f"{old} → {new} (checkpoint v{version}{took})"


def reset(partial: PartialAttempt, version: int) -> str:
    """The GenerationReset message: an attempt's stream broke mid-way and is being regenerated."""
    return (
        f"attempt {partial.attempt} broke mid-stream on layer {partial.layer} ({partial.reason}); "
        f"{partial.discarded_chars} characters discarded, regenerating on the next layer"
        f" (checkpoint v{version})"
    )


class EventSink(Protocol):
    def normal(self, body: Mapping[str, Any], reason: str, message: str) -> None: ...

    def warning(self, body: Mapping[str, Any], reason: str, message: str) -> None: ...


class KopfEvents:
    """The production sink: kopf's queue, posted as core/v1 Events (RBAC: `create` on `events`).

    StateChanged Events are batched per job: transitions that follow each other within
    `BATCH_WINDOW_S` become one Event whose message lists them in order (`A → B (...); B → C (...)`).
    Why: with a fast upstream a job passes its seven states in milliseconds, and one POST per
    transition is most of the operator's API traffic, for Events nobody can tell apart in time.
    A slow state (a real LLM call) still gets its own Event, and any other Event, the job's
    end included, first flushes the batch, so `kubectl describe sj` keeps the order and the path.
    """

    BATCH_WINDOW_S = 1.0

    def __init__(self, batch_window_s: float = BATCH_WINDOW_S) -> None:
        self._window = batch_window_s
        self._batches: dict[str, _Batch] = {}

    def normal(self, body: Mapping[str, Any], reason: str, message: str) -> None:
        if reason == STATE_CHANGED and self._window > 0:
            self._add(body, message)
            return
        self.flush(body)
        kopf.info(body, reason=reason, message=message[:MESSAGE_MAX])  # type: ignore[arg-type]

    def warning(self, body: Mapping[str, Any], reason: str, message: str) -> None:
        self.flush(body)
        kopf.warn(body, reason=reason, message=message[:MESSAGE_MAX])  # type: ignore[arg-type]

    def flush(self, body: Mapping[str, Any]) -> None:
        """Post the job's pending StateChanged batch now (if any)."""
        batch = self._batches.pop(_uid(body), None)
        if batch is not None:
            batch.cancel()
            kopf.info(batch.body, reason=STATE_CHANGED, message=batch.message())  # type: ignore[arg-type]

    def _add(self, body: Mapping[str, Any], message: str) -> None:
        uid = _uid(body)
        batch = self._batches.get(uid)
        if batch is not None and not batch.fits(message):
            self.flush(body)
            batch = None
        if batch is None:
            batch = self._batches[uid] = _Batch(body)
            loop = asyncio.get_running_loop()  # the daemon's: kopf's event queue lives there
            batch.timer = loop.call_later(self._window, self.flush, body)
        batch.messages.append(message)


def _uid(body: Mapping[str, Any]) -> str:
    return str((body.get("metadata") or {}).get("uid") or id(body))


class _Batch:
    """One job's StateChanged messages waiting to be posted as one Event."""

    def __init__(self, body: Mapping[str, Any]) -> None:
        self.body = body
        self.messages: list[str] = []
        self.timer: asyncio.TimerHandle | None = None

    def fits(self, message: str) -> bool:
        return len(self.message()) + len(BATCH_SEPARATOR) + len(message) <= MESSAGE_MAX

    def message(self) -> str:
        return BATCH_SEPARATOR.join(self.messages)[:MESSAGE_MAX]

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
