"""Kubernetes Events for a job: what `kubectl describe sj <name>` lists.

Posted through kopf's event queue (`kopf.info` / `kopf.warn`), so a slow API server never stalls a
step; kopf posts them in order per object. Reasons are CamelCase and stable; messages are capped
because the API server rejects long ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import kopf

from script_agent.orchestrator.run_data import PartialAttempt

MESSAGE_MAX = 1000

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
    """The production sink: kopf's queue, posted as core/v1 Events (RBAC: `create` on `events`)."""

    def normal(self, body: Mapping[str, Any], reason: str, message: str) -> None:
        kopf.info(body, reason=reason, message=message[:MESSAGE_MAX])  # type: ignore[arg-type]

    def warning(self, body: Mapping[str, Any], reason: str, message: str) -> None:
        kopf.warn(body, reason=reason, message=message[:MESSAGE_MAX])  # type: ignore[arg-type]
