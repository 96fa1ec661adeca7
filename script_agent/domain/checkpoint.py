"""Checkpoint records: one per workflow transition, verified by checksum on every read.

The checksum is SHA-256 over the canonical JSON of the fields that carry meaning. A draft sealed by
this module keeps those canonical bytes (`signed_bytes`), so the store writes exactly the bytes the
checksum was computed over, spliced with the checksum and fence, instead of serialising the payload a
second and third time. Any change to a sealed draft (model_copy, attribute assignment) drops the bytes,
and the store then re-checks the checksum the slow way, so a tampered draft is still refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Self, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from script_agent.domain.states import RunStatus, WorkflowState

_CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


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
    _signed: bytes | None = PrivateAttr(default=None)

    @property
    def signed_bytes(self) -> bytes | None:
        """The canonical bytes `checksum` was computed over, while this draft is unchanged since."""
        private = self.__pydantic_private__  # pydantic's attribute lookup of a private is slow
        return private.get("_signed") if private else None

    def sealed(self) -> CheckpointDraft:
        body = signed_body(self, canonical_bytes(self.payload))
        copy = self.model_copy(update={"checksum": hashlib.sha256(body).hexdigest()})
        copy._signed = body
        return copy

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        copy._signed = None
        return copy

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name in type(self).model_fields:
            super().__setattr__("_signed", None)


class CheckpointRecord(CheckpointDraft):
    version: int = Field(ge=1)


D = TypeVar("D", bound=CheckpointDraft)


def canonical_bytes(data: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8. orjson: checksums run on every checkpoint write and read,
    and the stdlib encoder was the largest single cost of a workflow step."""
    return orjson.dumps(data, default=str, option=_CANONICAL)


def canonical_json(data: Any) -> str:
    return canonical_bytes(data).decode()


def signed_body(cp: CheckpointDraft, payload_bytes: bytes) -> bytes:
    """Canonical JSON of the checksummed fields around a payload already serialised canonically:
    byte for byte what `canonical_bytes(checksum_fields(cp))` gives, without encoding the payload
    again (keys in sorted order: created_at < payload < session_id < state < status < tenant < trace_id)."""
    head = canonical_bytes({"created_at": cp.created_at.isoformat()})
    tail = canonical_bytes(
        {
            "session_id": cp.session_id,
            "state": str(cp.state),
            "status": str(cp.status),
            "tenant": cp.tenant,
            "trace_id": cp.trace_id,
        }
    )
    return b"".join((head[:-1], b',"payload":', payload_bytes, b",", tail[1:]))


def trusted(cls: type[D], fields: dict[str, Any], signed: bytes | None = None) -> D:
    """An instance from fields that are already valid, with every field given: what `model_construct`
    does, without its per-field default handling and private-attribute set-up, which cost more than
    the checkpoint's encoding did. For values this module and the stores built themselves only."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    object.__setattr__(obj, "__pydantic_fields_set__", set(fields))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", {"_signed": signed})
    return obj


def sealed_draft(
    *,
    tenant: str,
    session_id: str,
    trace_id: str,
    state: WorkflowState,
    status: RunStatus,
    created_at: datetime,
    payload: dict[str, Any],
    payload_bytes: bytes,
    fence: int | None,
) -> CheckpointDraft:
    """A sealed draft whose payload the caller already serialised canonically (`payload_bytes` must be
    `canonical_bytes(payload)`; the writer builds both from the same parts): one encoding, one hash."""
    fields: dict[str, Any] = {
        "tenant": tenant,
        "session_id": session_id,
        "trace_id": trace_id,
        "state": state,
        "status": status,
        "created_at": created_at,
        "payload": payload,
        "fence": fence,
        "checksum": "",
    }
    draft = trusted(CheckpointDraft, fields)
    body = signed_body(draft, payload_bytes)
    fields["checksum"] = hashlib.sha256(body).hexdigest()
    draft.__pydantic_private__["_signed"] = body  # type: ignore[index]
    return draft


def checksum_fields(cp: CheckpointDraft) -> dict[str, Any]:
    return {
        "tenant": cp.tenant,
        "session_id": cp.session_id,
        "trace_id": cp.trace_id,
        "state": str(cp.state),
        "status": str(cp.status),
        "created_at": cp.created_at.isoformat(),
        "payload": cp.payload,
    }


def checksum_of(cp: CheckpointDraft) -> str:
    """SHA-256 over the fields that carry meaning; version and checksum are excluded. It covers the
    payload exactly as written, at whatever schema version its release wrote: stores verify it on
    read, and only then does the orchestrator upgrade a copy (orchestrator/migrations.py)."""
    return hashlib.sha256(canonical_bytes(checksum_fields(cp))).hexdigest()


def verify(cp: CheckpointRecord) -> bool:
    return bool(cp.checksum) and cp.checksum == checksum_of(cp)
