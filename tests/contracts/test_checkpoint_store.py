"""CheckpointStore contract: monotonic versions, keep-last-N, paging, checksum on read, fencing, delete."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from script_agent.domain.checkpoint import CheckpointDraft, checksum_of
from script_agent.domain.errors import CheckpointCorrupt, StaleFence
from script_agent.domain.states import RunStatus, WorkflowState
from tests.contracts.conftest import EMBEDDED_BACKENDS, Harness

HARNESS_BACKENDS = EMBEDDED_BACKENDS  # also kept on disk by the CLI (SQLite)


def draft(n: int = 0, *, fence: int | None = None, tenant: str = "t1", sid: str = "s1") -> CheckpointDraft:
    return CheckpointDraft(
        tenant=tenant,
        session_id=sid,
        trace_id=f"trace-{n}",
        state=WorkflowState.INTENT_RECOGNIZING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload={"step": n, "文本": "你好"},
        fence=fence,
    )


async def test_append_assigns_monotonic_versions_and_seals(harness: Harness) -> None:
    store = harness.stores.checkpoints
    assert await store.latest("t1", "s1") is None
    records = [await store.append(draft(i)) for i in range(3)]
    assert [r.version for r in records] == [1, 2, 3]
    assert records[0].checksum == checksum_of(records[0])
    latest = await store.latest("t1", "s1")
    assert latest is not None and latest.version == 3 and latest.payload == {"step": 2, "文本": "你好"}
    assert latest.created_at == records[2].created_at and latest.trace_id == "trace-2"
    got = await store.get("t1", "s1", 2)
    assert got is not None and got.payload["step"] == 1
    assert await store.get("t1", "s1", 99) is None


async def test_concurrent_appends_never_share_a_version(harness: Harness) -> None:
    records = await asyncio.gather(*(harness.stores.checkpoints.append(draft(i)) for i in range(20)))
    assert sorted(r.version for r in records) == list(range(1, 21))


async def test_keep_last_n_and_paging_newest_first(harness: Harness) -> None:
    store = harness.stores.checkpoints  # history_limit=5
    for i in range(8):
        await store.append(draft(i))
    assert [r.version for r in await store.list("t1", "s1")] == [8, 7, 6, 5, 4]
    assert [r.version for r in await store.list("t1", "s1", limit=2)] == [8, 7]
    assert [r.version for r in await store.list("t1", "s1", limit=2, before=7)] == [6, 5]
    assert await store.get("t1", "s1", 3) is None
    assert (await store.list("other", "s1")) == []


async def test_sealed_draft_is_kept_and_a_wrong_checksum_refused(harness: Harness) -> None:
    store = harness.stores.checkpoints
    sealed = draft(1).sealed()
    record = await store.append(sealed)
    assert record.checksum == sealed.checksum
    with pytest.raises(CheckpointCorrupt):
        await store.append(sealed.model_copy(update={"payload": {"tampered": True}}))


async def test_corrupt_record_is_reported_never_returned(harness: Harness) -> None:
    store = harness.stores.checkpoints
    await store.append(draft(1))
    await store.append(draft(2))
    await harness.corrupt_checkpoint("t1", "s1", 2)
    with pytest.raises(CheckpointCorrupt):
        await store.latest("t1", "s1")
    with pytest.raises(CheckpointCorrupt):
        await store.get("t1", "s1", 2)
    with pytest.raises(CheckpointCorrupt):
        await store.list("t1", "s1")
    good = await store.get("t1", "s1", 1)
    assert good is not None and good.version == 1


async def test_stale_fence_rejected_after_a_newer_lease(harness: Harness) -> None:
    lock, store = harness.stores.lock, harness.stores.checkpoints
    old = await lock.acquire("t1", "s1")
    await store.append(draft(1, fence=old.fence))
    await harness.drop_lock(old)  # the old holder's lease is gone (expired while it was paused)
    new = await lock.acquire("t1", "s1", wait_s=0.5)
    assert new.fence > old.fence
    await store.append(draft(2, fence=new.fence))
    with pytest.raises(StaleFence):
        await store.append(draft(3, fence=old.fence))
    latest = await store.latest("t1", "s1")
    assert latest is not None and latest.version == 2 and latest.fence == new.fence
    assert await lock.release(old) is False
    assert await lock.release(new) is True


async def test_unfenced_writes_and_other_sessions_unaffected(harness: Harness) -> None:
    lease = await harness.stores.lock.acquire("t1", "s1")
    await harness.stores.checkpoints.append(draft(1))  # no fence: not checked
    await harness.stores.checkpoints.append(draft(1, fence=1, sid="s2"))
    await harness.stores.lock.release(lease)


async def test_delete_removes_the_whole_history_of_one_session_only(harness: Harness) -> None:
    store = harness.stores.checkpoints
    for i in range(3):
        await store.append(draft(i))
    await store.append(draft(9, sid="s2"))
    await store.append(draft(9, tenant="t2"))
    assert await store.delete("t1", "s1") == 3
    assert await store.latest("t1", "s1") is None
    assert await store.get("t1", "s1", 1) is None
    assert await store.list("t1", "s1") == []
    assert await store.delete("t1", "s1") == 0  # nothing left: deleting again is not an error
    other = await store.latest("t1", "s2")
    assert other is not None and other.payload["step"] == 9
    assert await store.latest("t2", "s1") is not None  # same session id, other tenant: untouched


async def test_history_after_delete_starts_over_and_fences_still_hold(harness: Harness) -> None:
    lock, store = harness.stores.lock, harness.stores.checkpoints
    old = await lock.acquire("t1", "s1")
    await store.append(draft(1, fence=old.fence))
    await lock.release(old)
    await store.delete("t1", "s1")
    new = await lock.acquire("t1", "s1", wait_s=0.5)
    record = await store.append(draft(2, fence=new.fence))
    assert record.version == 1  # a deleted history is gone, counter included
    with pytest.raises(StaleFence):  # the fence floor belongs to the lock and survives the delete
        await store.append(draft(3, fence=old.fence))
    await lock.release(new)


async def test_health(harness: Harness) -> None:
    assert (await harness.stores.checkpoints.health()).status == "ok"
