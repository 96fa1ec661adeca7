"""One serialisation per transition: the writer's bytes are the canonical form the checksum covers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from script_agent.domain.checkpoint import (
    CheckpointDraft,
    canonical_bytes,
    checksum_fields,
    checksum_of,
    sealed_draft,
    verify,
)
from script_agent.domain.errors import CheckpointCorrupt
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.orchestrator.checkpoints import FragmentCache, encode_payload, load_run
from script_agent.orchestrator.migrations import SCHEMA_VERSION, VERSION_KEY
from script_agent.stores.checkpoints_common import load_record, record_body
from tests.orchestrator.conftest import make_orchestrator
from tests.orchestrator.policies_support import good_script
from tests.orchestrator.support import ScriptedLLM


async def test_every_transition_stores_canonical_bytes_under_its_checksum(settings, stores, request_):
    outcome = await make_orchestrator(settings, stores, ScriptedLLM(good_script)).run(request_)
    records = await stores.checkpoints.list("t1", outcome.session_id, limit=50)
    assert len(records) >= 7 and all(verify(r) for r in records)
    for record in records:  # re-encoding the parsed run data from scratch gives the same bytes
        data = load_run(record)
        payload, raw = encode_payload(data, FragmentCache())
        assert payload == record.payload == {**data.model_dump(mode="json"), VERSION_KEY: SCHEMA_VERSION}
        assert raw == canonical_bytes(record.payload)


async def test_unchanged_parts_are_encoded_once_and_shared(settings, stores, request_):
    outcome = await make_orchestrator(settings, stores, ScriptedLLM(good_script)).run(request_)
    data = load_run(await stores.checkpoints.latest("t1", outcome.session_id))
    cache = FragmentCache()
    first, _ = encode_payload(data, cache)
    changed = data.model_copy(update={"attempt": data.attempt + 1})
    second, raw2 = encode_payload(changed, cache)
    assert second["request"] is first["request"] and second["product"] is first["product"]
    assert second["attempt"] == first["attempt"] + 1 and raw2 == canonical_bytes(second)
    replaced = changed.model_copy(update={"request": data.request.model_copy(update={"query": "换一个"})})
    third, raw3 = encode_payload(replaced, cache)  # a replaced part is encoded again, not reused
    assert third["request"]["query"] == "换一个" and raw3 == canonical_bytes(third)


def _sealed() -> CheckpointDraft:
    payload = {"step": 1, "文本": "你好", VERSION_KEY: SCHEMA_VERSION}
    return sealed_draft(
        tenant="t1",
        session_id="s1",
        trace_id="tr",
        state=WorkflowState.INTENT_RECOGNIZING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload=payload,
        payload_bytes=canonical_bytes(payload),
        fence=3,
    )


def test_sealed_bytes_are_the_checksummed_form_and_read_back_by_the_old_parser():
    draft = _sealed()
    assert draft.signed_bytes == canonical_bytes(checksum_fields(draft))
    assert draft.checksum == checksum_of(draft) == draft.sealed().checksum
    body = record_body(draft)
    old_reader = CheckpointDraft.model_validate_json(body)  # how earlier releases parse a body
    assert old_reader.model_dump() == draft.model_dump()
    record = load_record(body, 4, tenant="t1", session_id="s1")
    assert record.version == 4 and record.fence == 3 and verify(record)


async def test_a_changed_sealed_draft_is_checked_again_and_refused(stores):
    assigned = _sealed()
    assigned.payload = {"tampered": True}  # assignment drops the sealed bytes
    assert assigned.signed_bytes is None
    copied = _sealed().model_copy(update={"trace_id": "other"})
    assert copied.signed_bytes is None
    for draft in (assigned, copied):
        with pytest.raises(CheckpointCorrupt):
            await stores.checkpoints.append(draft)
