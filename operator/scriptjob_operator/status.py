"""Pure builders of ScriptJob status: what `kubectl get sj` and `kubectl describe sj` show.

Each builder takes the previous status (for condition transition times and fields set once, like
startTime) and returns the complete new status object. The driver writes it with one merge patch to
the `/status` subresource, so `phase`, `conditions` and the fields they summarise never disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.models import ScriptResult
from script_agent.domain.states import WorkflowState
from script_agent.orchestrator.checkpoints import load_run
from script_agent.orchestrator.run_data import RunError
from scriptjob_operator.conditions import (
    COMPLETE,
    DEGRADED_TYPE,
    FAILED_TYPE,
    FALSE,
    MESSAGE_MAX,
    READY,
    TRUE,
    Condition,
    derive_phase,
    merge_conditions,
    rebase_conditions,
)
from scriptjob_operator.resource import FINISHED_PHASES

# Reasons (CamelCase, stable: alerting and users match on them).
REASON_PENDING = "Pending"
REASON_RUNNING = "Running"
REASON_RETRYING = "Retrying"
REASON_COMPLETED = "Completed"
REASON_DEGRADED = "Degraded"
REASON_BACKOFF = "BackoffLimitExceeded"
REASON_INVALID_SPEC = "InvalidSpec"
REASON_CLARIFICATION = "ClarificationNeeded"
_REASON_BY_CODE = {
    "invalid_input": "InvalidInput",
    "not_found": "NotFound",
    "quality_failed": "QualityCheckFailed",
    "llm_fatal": "UpstreamRejected",
}


def now_rfc3339() -> str:
    """UTC, second precision, `Z` suffix: the format of the API server's own timestamps."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def camel(code: str) -> str:
    return "".join(part.capitalize() for part in code.replace("-", "_").split("_") if part) or "Error"


def failure_reason(error: RunError, *, exhausted: bool) -> str:
    """BackoffLimitExceeded for a retryable error out of attempts, else a reason named after the code."""
    if exhausted:
        return REASON_BACKOFF
    return _REASON_BY_CODE.get(error.code, camel(error.code))


def degraded_reason(result: ScriptResult) -> str:
    if result.backend == "template":
        return "LastResortBackend"
    if result.degraded_reason and "non-blocking" in result.degraded_reason:
        return "QualityChecksFailed"
    return "FallbackBackend"


@dataclass(frozen=True)
class Context:
    """What every builder needs besides the change itself."""

    previous: Mapping[str, Any]
    generation: int | None
    attempts: int
    now: str

    @classmethod
    def of(cls, previous: Mapping[str, Any] | None, generation: int | None, attempts: int) -> Context:
        return cls(dict(previous or {}), generation, attempts, now_rfc3339())


def _assemble(ctx: Context, conditions: list[Condition], message: str, **fields: Any) -> dict[str, Any]:
    merged = merge_conditions(
        ctx.previous.get("conditions"), conditions, now=ctx.now, generation=ctx.generation
    )
    started = bool(fields.get("startTime") or ctx.previous.get("startTime"))
    status: dict[str, Any] = {
        "phase": derive_phase(merged, started=started),
        "conditions": merged,
        "attempts": ctx.attempts,
        "message": message[:MESSAGE_MAX],
    }
    if ctx.generation is not None:
        status["observedGeneration"] = ctx.generation
    status.update({k: v for k, v in fields.items() if v is not None})
    return status


def _checkpoint_fields(cp: CheckpointRecord) -> dict[str, Any]:
    fields: dict[str, Any] = {"state": str(cp.state), "checkpointVersion": cp.version, "traceId": cp.trace_id}
    partials = cp.payload.get("partials") or []
    if partials:  # generations whose stream broke mid-way and were regenerated (see GenerationReset)
        last = partials[-1]
        fields["resets"] = len(partials)
        summary = f"attempt {last.get('attempt')} on {last.get('layer')} ({last.get('reason')})"
        fields["lastReset"] = summary[:200]
    return fields


def pending(ctx: Context, message: str) -> dict[str, Any]:
    """Accepted but not stepping yet (waiting for a slot or for the session lock)."""
    return _assemble(ctx, [Condition(READY, FALSE, REASON_PENDING, message)], message)


def running(ctx: Context, cp: CheckpointRecord) -> dict[str, Any]:
    message = f"{cp.state} (checkpoint v{cp.version}, attempt {ctx.attempts})"
    return _assemble(
        ctx,
        [Condition(READY, FALSE, REASON_RUNNING, message)],
        message,
        startTime=ctx.previous.get("startTime") or ctx.now,
        **_checkpoint_fields(cp),
    )


def retrying(
    ctx: Context, cp: CheckpointRecord, error: RunError, delay_s: float, limit: int
) -> dict[str, Any]:
    """After a retryable failure: `ctx.attempts` is the attempt about to start."""
    message = (
        f"{cp.state} failed ({error.code}: {error.message}); attempt {ctx.attempts} of {limit + 1} "
        f"in {delay_s:.0f}s"
    )
    return _assemble(
        ctx,
        [Condition(READY, FALSE, REASON_RETRYING, message)],
        message,
        startTime=ctx.previous.get("startTime") or ctx.now,
        **_checkpoint_fields(cp),
    )


def result_of(result: ScriptResult, max_chars: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": result.text[:max_chars],
        "backend": result.backend[:32],
        "layer": result.layer[:32],
        "degraded": result.degraded,
    }
    if result.quality is not None:
        out["qualityScore"] = round(result.quality.score, 2)
    return out


def finished(ctx: Context, cp: CheckpointRecord, *, result_max_chars: int) -> dict[str, Any]:
    """Status for a terminal checkpoint: COMPLETED, DEGRADED, FAILED or INTENT_CLARIFYING.

    A FAILED checkpoint whose error is retryable can only come from running out of attempts (the
    operator records retryable errors only then), so the reason is derived from the checkpoint alone
    and survives a crash between the checkpoint and the status patch.
    """
    data = load_run(cp)
    fields: dict[str, Any] = {
        "startTime": ctx.previous.get("startTime") or ctx.now,
        "completionTime": ctx.previous.get("completionTime") or ctx.now,
        **_checkpoint_fields(cp),
    }
    if cp.state in (WorkflowState.COMPLETED, WorkflowState.DEGRADED) and data.result is not None:
        result = data.result
        fields["result"] = result_of(result, result_max_chars)
        cut = " (excerpt)" if len(result.text) > result_max_chars else ""
        if result.degraded:
            reason = degraded_reason(result)
            message = f"script written, degraded: {result.degraded_reason or reason}{cut}"
            conditions = [
                Condition(READY, TRUE, REASON_DEGRADED, message),
                Condition(COMPLETE, TRUE, REASON_COMPLETED, message),
                Condition(DEGRADED_TYPE, TRUE, reason, result.degraded_reason or reason),
            ]
        else:
            message = f"script written by {result.backend}/{result.layer}, {len(result.text)} chars{cut}"
            conditions = [
                Condition(READY, TRUE, REASON_COMPLETED, message),
                Condition(COMPLETE, TRUE, REASON_COMPLETED, message),
            ]
        return _assemble(ctx, conditions, message, **fields)
    if cp.state is WorkflowState.INTENT_CLARIFYING:
        reason, message = REASON_CLARIFICATION, f"the request needs clarification: {data.clarification or ''}"
    else:
        error = data.error or RunError(code="internal", message="run failed without an error record")
        reason = failure_reason(error, exhausted=error.retryable)
        message = f"{error.code}: {error.message}"
    return _assemble(
        ctx,
        [Condition(READY, FALSE, reason, message), Condition(FAILED_TYPE, TRUE, reason, message)],
        message,
        **fields,
    )


def invalid(ctx: Context, message: str) -> dict[str, Any]:
    """A spec that cannot describe a job: Failed at once, nothing checkpointed."""
    return rejected(ctx, REASON_INVALID_SPEC, f"invalid spec: {message}")


def rejected(ctx: Context, reason: str, text: str) -> dict[str, Any]:
    """A job refused before any run (bad spec, or a tenant its namespace does not grant): Failed at
    once with `reason`, nothing checkpointed, so no tenant's session is ever touched."""
    now = ctx.now
    return _assemble(
        ctx,
        [
            Condition(READY, FALSE, reason, text),
            Condition(FAILED_TYPE, TRUE, reason, text),
        ],
        text,
        startTime=ctx.previous.get("startTime") or now,
        completionTime=ctx.previous.get("completionTime") or now,
    )


def _version(status: Mapping[str, Any]) -> int:
    try:
        return int(status.get("checkpointVersion") or 0)
    except (TypeError, ValueError):
        return 0


def supersedes(current: Mapping[str, Any], ours: Mapping[str, Any]) -> bool:
    """Whether the status on the server is newer than the one we computed from an older read, so
    writing ours would move the job backwards: it has finished and ours has not, it is at a later
    checkpoint, or it has used more attempts."""
    if current.get("phase") in FINISHED_PHASES and ours.get("phase") not in FINISHED_PHASES:
        return True
    if _version(current) > _version(ours):
        return True
    return int(current.get("attempts") or 0) > int(ours.get("attempts") or 0)


def rebase(current: Mapping[str, Any], ours: Mapping[str, Any]) -> dict[str, Any]:
    """Ours, recomputed on top of a status someone else wrote meanwhile (not a newer one): our fields
    win, fields set once (startTime, completionTime) keep the server's value, and conditions are
    merged by type — the server's conditions we do not set are kept, and a condition whose status
    did not flip keeps the server's lastTransitionTime."""
    merged = dict(ours)
    for once in ("startTime", "completionTime"):
        if current.get(once) and ours.get(once):
            merged[once] = current[once]
    merged["conditions"] = rebase_conditions(current.get("conditions"), ours.get("conditions"))
    return merged


def is_progress(status: Mapping[str, Any]) -> bool:
    """A `running` status: the job moved on to another state and nobody needs to act on it, so it
    may be coalesced with the next one (kube.py). Pending, Retrying and finished are not."""
    ready = next((c for c in status.get("conditions") or () if c.get("type") == READY), None)
    return status.get("phase") == "Running" and ready is not None and ready.get("reason") == REASON_RUNNING
