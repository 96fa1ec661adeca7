"""Checkpoint helpers shared by the memory and Redis stores: sealing on write, verifying on read."""

from __future__ import annotations

from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord, checksum_of, verify
from script_agent.domain.errors import CheckpointCorrupt, StaleFence


def seal(draft: CheckpointDraft) -> CheckpointDraft:
    """Seal an unsealed draft; refuse one whose checksum does not match its content.

    Refusing at write time keeps a bad record from ever being stored and later reported as corrupt.
    """
    if not draft.checksum:
        return draft.sealed()
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

    model_construct: dumping and re-validating the whole payload here cost more than the write."""
    fields = {name: getattr(draft, name) for name in CheckpointDraft.model_fields}
    return CheckpointRecord.model_construct(**fields, version=version)


def record_body(draft: CheckpointDraft) -> str:
    """Stored form: the draft's JSON; the version lives beside it (hash field / dict key)."""
    return draft.model_dump_json()


def load_record(body: str | bytes, version: int, *, tenant: str, session_id: str) -> CheckpointRecord:
    """Parse and verify; a record that fails either is reported, never returned as good."""
    try:
        draft = CheckpointDraft.model_validate_json(body)
        record = CheckpointRecord.model_validate({**draft.model_dump(), "version": version})
    except ValueError as exc:
        raise CheckpointCorrupt(
            "checkpoint record is unreadable", tenant=tenant, session_id=session_id, version=version
        ) from exc
    if not verify(record) or record.tenant != tenant or record.session_id != session_id:
        raise CheckpointCorrupt(
            "checkpoint checksum mismatch", tenant=tenant, session_id=session_id, version=version
        )
    return record
