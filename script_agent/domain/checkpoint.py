"""Checkpoint records: one per workflow transition, verified by checksum on every read."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field

from script_agent.domain.states import RunStatus, WorkflowState


class CheckpointDraft(BaseModel):
    """What the writer hands a store; the store assigns the version atomically."""

    model_config = ConfigDict(extra="forbid")

    tenant: str
    session_id: str
    trace_id: str
    state: WorkflowState
    status: RunStatus
    created_at: datetime
    payload: dict[str, Any]
    fence: int | None = Field(default=None, description="fencing token of the session lock held")
    checksum: str = ""

    def sealed(self) -> CheckpointDraft:
        return self.model_copy(update={"checksum": checksum_of(self)})


class CheckpointRecord(CheckpointDraft):
    version: int = Field(ge=1)


def canonical_json(data: Any) -> str:
    """Sorted keys, no whitespace, UTF-8. orjson: checksums run on every checkpoint write and read,
    and the stdlib encoder was the largest single cost of a workflow step."""
    return orjson.dumps(data, default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()


def checksum_of(cp: CheckpointDraft) -> str:
    """SHA-256 over the fields that carry meaning; version and checksum are excluded. It covers the
    payload exactly as written, at whatever schema version its release wrote: stores verify it on
    read, and only then does the orchestrator upgrade a copy (orchestrator/migrations.py)."""
    body = {
        "tenant": cp.tenant,
        "session_id": cp.session_id,
        "trace_id": cp.trace_id,
        "state": str(cp.state),
        "status": str(cp.status),
        "created_at": cp.created_at.isoformat(),
        "payload": cp.payload,
    }
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


def verify(cp: CheckpointRecord) -> bool:
    return bool(cp.checksum) and cp.checksum == checksum_of(cp)
