"""The embedded in-memory stores stay within their caps: count and bytes enforced, least recently
used idle sessions out first, sessions with a held lock (runs in flight) never evicted, an evicted
session's checkpoints and fence going with it, in-flight idempotency markers kept, and every
eviction counted in script_agent_embedded_evictions_total under a primed label set."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from script_agent.config.settings import Settings
from script_agent.config.state import (
    CheckpointSettings,
    IdempotencySettings,
    LockSettings,
    SessionSettings,
)
from script_agent.domain.checkpoint import CheckpointDraft
from script_agent.domain.errors import StaleFence
from script_agent.domain.session import Session, Turn
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.observability.metrics import EMBEDDED_EVICTIONS, EVICTION_REASONS, EVICTION_STORES
from script_agent.ports.stores import IdempotencyOutcome
from script_agent.stores.factory import StoreBundle, memory_stores
from script_agent.stores.memory import FenceRegistry, MemoryIdempotencyStore, MemorySessionStore
from script_agent.stores.memory.bounded import Caps

T = "tenant-a"


def bundle(**caps: int) -> StoreBundle:
    """Memory stores with small caps; unnamed caps stay at their (large) defaults."""
    return memory_stores(
        Settings(
            session=SessionSettings(
                store="memory",
                memory_max_sessions=caps.get("sessions", 10_000),
                memory_max_bytes=caps.get("session_bytes", 64 << 20),
            ),
            checkpoint=CheckpointSettings(
                store="memory",
                memory_max_sessions=caps.get("checkpoints", 10_000),
                memory_max_bytes=caps.get("checkpoint_bytes", 128 << 20),
            ),
            lock=LockSettings(backend="memory", memory_max_fences=caps.get("fences", 100_000)),
        )
    )


def session(sid: str, text: str = "你好") -> Session:
    return Session(tenant=T, id=sid, turns=[Turn(role="user", text=text)])


def draft(sid: str, n: int = 0, *, fence: int | None = None, blob: str = "") -> CheckpointDraft:
    return CheckpointDraft(
        tenant=T,
        session_id=sid,
        trace_id=f"trace-{n}",
        state=WorkflowState.SCRIPT_GENERATING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload={"step": n, "文本": blob or "今天给大家带来一款好物"},
        fence=fence,
    )


def evictions(store: str, reason: str) -> float:
    return EMBEDDED_EVICTIONS.labels(store, reason)._value.get()


async def present(stores: StoreBundle) -> set[str]:
    """Listing does not count as use, so looking does not reorder what it looks at."""
    return {s.id for s in await stores.sessions.list(T, limit=1000)}


async def test_session_count_cap_evicts_least_recently_used_first() -> None:
    stores = bundle(sessions=3)
    before = evictions("sessions", "count")
    for sid in ("a", "b", "c"):
        await stores.sessions.save(session(sid))
    assert await stores.sessions.get(T, "a") is not None  # a read makes "a" the most recent
    await stores.sessions.save(session("d"))
    assert await present(stores) == {"a", "c", "d"}
    await stores.sessions.save(session("e"))
    assert await present(stores) == {"a", "d", "e"}
    assert evictions("sessions", "count") - before == 2
    health = await stores.sessions.health()
    assert health.detail["sessions"] == 3


async def test_session_byte_cap_holds_whatever_the_count() -> None:
    cap = 64 * 1024
    stores = bundle(session_bytes=cap)
    before = evictions("sessions", "bytes")
    for i in range(40):
        await stores.sessions.save(session(f"s{i}", text="直播间的宝宝们看过来" * 200))  # ~8 KB each
    health = await stores.sessions.health()
    assert 0 < health.detail["bytes"] <= cap
    assert 1 < health.detail["sessions"] < 40
    assert evictions("sessions", "bytes") - before == 40 - health.detail["sessions"]
    assert await stores.sessions.get(T, "s39") is not None, "the newest session is always kept"
    assert await stores.sessions.get(T, "s0") is None


async def test_a_session_whose_lock_is_held_is_never_evicted() -> None:
    stores = bundle(sessions=2)
    await stores.sessions.save(session("busy"))
    await stores.checkpoints.append(draft("busy"))
    lease = await stores.lock.acquire(T, "busy")
    try:
        for i in range(10):
            await stores.sessions.save(session(f"other-{i}"))
        assert await stores.sessions.get(T, "busy") is not None
        assert await stores.checkpoints.latest(T, "busy") is not None
        assert len(await stores.sessions.list(T, limit=100)) == 2  # the cap holds around it
    finally:
        await stores.lock.release(lease)
    await stores.sessions.save(session("after-release"))
    await stores.sessions.save(session("after-release-2"))
    assert await stores.sessions.get(T, "busy") is None, "idle again: evictable like any other"


async def test_an_evicted_sessions_checkpoints_and_fence_go_with_it() -> None:
    stores = bundle(sessions=2)
    fences: FenceRegistry = stores.lock.fences  # type: ignore[attr-defined]
    lease = await stores.lock.acquire(T, "old")
    stale = lease.fence
    await stores.lock.release(lease)
    newer = await stores.lock.acquire(T, "old")
    await stores.checkpoints.append(draft("old", 1, fence=newer.fence))
    await stores.sessions.save(session("old"))
    await stores.lock.release(newer)
    before = evictions("checkpoints", "session")
    for sid in ("x", "y"):
        await stores.sessions.save(session(sid))
    assert await stores.sessions.get(T, "old") is None
    assert await stores.checkpoints.latest(T, "old") is None
    assert await stores.checkpoints.list(T, "old") == []
    assert evictions("checkpoints", "session") - before == 1
    assert len(fences) == 0, "the fencing counter went too"
    with pytest.raises(StaleFence):  # forgetting the counter never lets an old holder back in
        await stores.checkpoints.append(draft("old", 2, fence=stale))
    again = await stores.lock.acquire(T, "old")
    assert again.fence > newer.fence
    await stores.lock.release(again)


async def test_checkpoint_histories_are_capped_in_lru_order_sparing_held_sessions() -> None:
    stores = bundle(checkpoints=3)
    lease = await stores.lock.acquire(T, "held")
    try:
        await stores.checkpoints.append(draft("held", fence=lease.fence))
        for sid in ("a", "b"):
            await stores.checkpoints.append(draft(sid))
        await stores.checkpoints.latest(T, "a")  # reading keeps "a" warm: "b" is now the coldest
        await stores.checkpoints.append(draft("c"))
        assert (await stores.checkpoints.health()).detail["sessions"] == 3
        alive = {sid for sid in ("held", "a", "b", "c") if await stores.checkpoints.latest(T, sid)}
        assert alive == {"held", "a", "c"}
    finally:
        await stores.lock.release(lease)


async def test_checkpoint_byte_cap_counts_history_bodies() -> None:
    cap = 256 * 1024
    stores = bundle(checkpoint_bytes=cap)
    before = evictions("checkpoints", "bytes")
    for i in range(30):
        for step in range(3):
            await stores.checkpoints.append(draft(f"s{i}", step, blob="卖点" * 2000))  # ~3 KB each
    health = await stores.checkpoints.health()
    assert 0 < health.detail["bytes"] <= cap
    assert evictions("checkpoints", "bytes") - before == 30 - health.detail["sessions"]
    newest = await stores.checkpoints.list(T, "s29")
    assert [r.version for r in newest] == [3, 2, 1], "the surviving history is whole"


async def test_idempotency_cap_keeps_in_flight_markers_and_evicts_old_results() -> None:
    store = MemoryIdempotencyStore(IdempotencySettings(store="memory", memory_max_records=3))
    before = evictions("idempotency", "count")
    for key in ("run-1", "run-2"):
        await store.begin(T, key, "fp")  # in flight: must not be evicted
    for key in ("done-1", "done-2", "done-3"):
        await store.begin(T, key, "fp")
        await store.complete(T, key, "fp", {"script": key})
    assert (await store.begin(T, "run-1", "fp")).outcome is IdempotencyOutcome.IN_FLIGHT
    assert (await store.begin(T, "run-2", "fp")).outcome is IdempotencyOutcome.IN_FLIGHT
    replay = await store.begin(T, "done-3", "fp")
    assert replay.outcome is IdempotencyOutcome.REPLAY and replay.result == {"script": "done-3"}
    assert (await store.begin(T, "done-1", "fp")).outcome is IdempotencyOutcome.STARTED, "evicted"
    assert evictions("idempotency", "count") - before >= 2


async def test_fence_registry_cap_keeps_tokens_monotonic() -> None:
    fences = FenceRegistry(Caps("fences", max_entries=2, max_bytes=1 << 20))
    issued = [fences.issue(T, "s1") for _ in range(3)]
    assert issued == [1, 2, 3]
    before = evictions("fences", "count")
    fences.issue(T, "s2")
    fences.issue(T, "s3")  # s1 is the least recently used: forgotten
    assert len(fences) == 2 and evictions("fences", "count") - before == 1
    assert fences.current(T, "s1") >= 3, "a forgotten counter never reads lower than it was"
    assert fences.issue(T, "s1") > 3
    pinned = FenceRegistry(Caps("fences", max_entries=1, max_bytes=1 << 20))
    pinned.in_flight.pin((T, "held"))
    pinned.issue(T, "held")
    pinned.issue(T, "other")
    assert pinned.current(T, "held") == 1 and len(pinned) == 2, "a held session's fence stays"


async def test_eviction_labels_are_primed_and_only_those_are_emitted() -> None:
    stores = {"sessions", "checkpoints", "idempotency", "fences"}
    assert set(EVICTION_STORES) == stores
    assert set(EVICTION_REASONS) == {"count", "bytes", "session"}
    plain = MemorySessionStore(SessionSettings(store="memory", memory_max_sessions=1))
    for sid in ("a", "b"):
        await plain.save(session(sid))
    emitted = {
        (s.labels["store"], s.labels["reason"])
        for metric in EMBEDDED_EVICTIONS.collect()
        for s in metric.samples
        if s.value > 0
    }
    assert emitted and emitted <= {(s, r) for s in EVICTION_STORES for r in EVICTION_REASONS}


async def test_idempotency_byte_cap_counts_stored_results() -> None:
    cap = 32 * 1024
    store = MemoryIdempotencyStore(IdempotencySettings(store="memory", memory_max_bytes=cap))
    before = evictions("idempotency", "bytes")
    for i in range(40):
        await store.begin(T, f"k{i}", "fp")
        await store.complete(T, f"k{i}", "fp", {"script": "欢迎来到直播间" * 300})  # ~4 KB stored
    health = await store.health()
    assert 0 < health.detail["bytes"] <= cap
    assert evictions("idempotency", "bytes") - before == 40 - health.detail["records"]
    assert (await store.begin(T, "k39", "fp")).outcome is IdempotencyOutcome.REPLAY


async def test_forgetting_only_observed_fences_never_rejects_other_sessions_tokens() -> None:
    """Lock elsewhere (Redis), checkpoints in memory: the registry only observes drafts' tokens, and
    evicting one session's counter must not raise the bar for another session's lower tokens."""
    fences = FenceRegistry(Caps("fences", max_entries=1, max_bytes=1 << 20))
    assert fences.observe(T, "x", 7) == 7
    assert fences.observe(T, "y", 1) == 1  # x is evicted to make room
    assert fences.current(T, "x") == 0 and fences.current(T, "z") == 0
    fences.forget(T, "y")
    assert fences.observe(T, "z", 1) == 1
