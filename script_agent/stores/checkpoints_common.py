"""Checkpoint helpers shared by the memory and Redis stores: sealing on write, verifying on read."""

from __future__ import annotations

import orjson

from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord, checksum_of, trusted, verify
from script_agent.domain.errors import CheckpointCorrupt, StaleFence


def seal(draft: CheckpointDraft) -> CheckpointDraft:
    """Seal an unsealed draft; refuse one whose checksum does not match its content.

    Refusing at write time keeps a bad record from ever being stored and later reported as corrupt.
    A draft still holding the bytes it was sealed over is consistent by construction (any change
    drops them), so only a draft without them is serialised again to check.
    """
    if not draft.checksum:
        return draft.sealed()
    if draft.signed_bytes is not None:
        return draft
    if draft.checksum != checksum_of(draft):
        raise CheckpointCorrupt(
            "draft checksum does not match its content", tenant=draft.tenant, session_id=draft.session_id
        )
    return draft


def stale_fence(draft: CheckpointDraft, newest: int) -> StaleFence:
    return StaleFence(
        "checkpoint write carries an outdated fencing token",
        tenant=draft.tenant,
        session_id=draft.session_id,
        fence=draft.fence,
        newest=newest,
    )


def to_record(draft: CheckpointDraft, version: int) -> CheckpointRecord:
    """The stored record as returned by append: the (already validated) draft plus its version.

    Built without validation: dumping and re-validating the whole payload here cost more than the write."""
    fields = {name: getattr(draft, name) for name in CheckpointDraft.model_fields}
    return trusted(CheckpointRecord, {**fields, "version": version})


def record_body(draft: CheckpointDraft) -> str:
    """Stored form: the draft's fields as one JSON object; the version lives beside it (hash field /
    dict key). A sealed draft's signed bytes already are that object minus fence and checksum, so
    those two are spliced in rather than the payload encoded again; either way the object reads back
    the same (and releases that wrote `model_dump_json` bodies are read by the same parser)."""
    signed = draft.signed_bytes
    if signed is None:
        return draft.model_dump_json()
    tail = orjson.dumps({"checksum": draft.checksum, "fence": draft.fence})
    return b"".join((signed[:-1], b",", tail[1:])).decode()


def load_record(body: str | bytes, version: int, *, tenant: str, session_id: str) -> CheckpointRecord:
    """Parse and verify; a record that fails either is reported, never returned as good."""
    try:
        fields = orjson.loads(body)
        if not isinstance(fields, dict):
            raise ValueError("checkpoint body is not an object")
        record = CheckpointRecord.model_validate({**fields, "version": version})
    except ValueError as exc:
        raise CheckpointCorrupt(
            "checkpoint record is unreadable", tenant=tenant, session_id=session_id, version=version
        ) from exc
    if not verify(record) or record.tenant != tenant or record.session_id != session_id:
        raise CheckpointCorrupt(
            "checkpoint checksum mismatch", tenant=tenant, session_id=session_id, version=version
        )
    return record
