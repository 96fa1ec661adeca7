"""Workflow states and run status: names are API (checkpoints, SSE events and the CR status show them)."""

from __future__ import annotations

from enum import StrEnum


class WorkflowState(StrEnum):
    CONTEXT_LOADING = "CONTEXT_LOADING"
    INTENT_RECOGNIZING = "INTENT_RECOGNIZING"
    INTENT_CLARIFYING = "INTENT_CLARIFYING"
    PROFILE_FETCHING = "PROFILE_FETCHING"
    PRODUCT_FETCHING = "PRODUCT_FETCHING"
    SCRIPT_GENERATING = "SCRIPT_GENERATING"
    QUALITY_CHECKING = "QUALITY_CHECKING"
    COMPLETED = "COMPLETED"
    DEGRADED = "DEGRADED"
    FAILED = "FAILED"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL_STATES


# INTENT_CLARIFYING ends a run: the question goes back to the user and the next turn starts anew.
TERMINAL_STATES = frozenset(
    {WorkflowState.COMPLETED, WorkflowState.DEGRADED, WorkflowState.FAILED, WorkflowState.INTENT_CLARIFYING}
)


class RunStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    DEGRADED = "degraded"
    FAILED = "failed"
    NEEDS_INPUT = "needs_input"


def status_for(state: WorkflowState) -> RunStatus:
    return {
        WorkflowState.COMPLETED: RunStatus.COMPLETED,
        WorkflowState.DEGRADED: RunStatus.DEGRADED,
        WorkflowState.FAILED: RunStatus.FAILED,
        WorkflowState.INTENT_CLARIFYING: RunStatus.NEEDS_INPUT,
    }.get(state, RunStatus.RUNNING)
