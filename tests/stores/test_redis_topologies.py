"""Redis Cluster and Sentinel through redis-py's own clients, against real servers on loopback:
every script's keys in one slot, a master killed under the stores (its replica promoted, the stores
keep working), and the multi-seed URL parsing both modes use.

What a failover loses: replication is asynchronous, so a write the old master acknowledged but had
not yet sent to its replica is gone. The tests WAIT for the replica before killing the master, so
they assert that everything replicated survives; the stores' own answers during the switch are
StoreUnavailable (bounded by the connection deadline), never a hang or a wrong result.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from typing import TypeVar

import pytest
from redis.crc import key_slot

from script_agent.config.settings import Settings
from script_agent.config.state import LockSettings, RedisMode, RedisSettings
from script_agent.domain.checkpoint import CheckpointDraft
from script_agent.domain.errors import StaleFence, StoreUnavailable
from script_agent.domain.session import Session
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.stores.factory import StoreBundle, build_stores
from script_agent.stores.keys import KeySpace
from script_agent.stores.redis.clients import parse_seeds
from tests.stores.redis_cluster import (
    LocalCluster,
    LocalSentinel,
    delete_prefixed,
    replica_caught_up,
    started,
    wait_until,
)

T = TypeVar("T")
FAILOVER_TIMEOUT_S = 30.0
ODD_NAMES = ["t1", "a:b", "{x}", "}{", "%7B", "租户", "", "s" * 200]


def test_every_script_touches_one_slot() -> None:
    keys = KeySpace("sa", "ckpt")
    for tenant in ODD_NAMES:
        for session_id in ODD_NAMES:
            for script, names in keys.script_key_sets(tenant, session_id).items():
                slots = {key_slot(name.encode()) for name in names}
                assert len(slots) == 1, (script, tenant, session_id, names)
    # and the set is complete: the lock's script reads the checkpoint and session keys too
    assert set(keys.lock_keys("t", "s")) >= {keys.session("t", "s"), keys.fence("t", "s")}


def test_seed_lists_parse_with_credentials_and_defaults() -> None:
    seeds = parse_seeds("redis://user:p%40ss@h1:7000,h2,[::1]:7002/3", 6379)
    assert seeds.hosts == [("h1", 7000), ("h2", 6379), ("::1", 7002)]
    assert (seeds.username, seeds.password, seeds.db, seeds.tls) == ("user", "p@ss", 3, False)
    assert parse_seeds("rediss://:pw@s1", 26379).hosts == [("s1", 26379)]
    with pytest.raises(ValueError):
        parse_seeds("http://h1", 6379)


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    topology = started(LocalCluster)
    try:
        yield topology
    finally:
        topology.close()


@pytest.fixture(scope="module")
def sentinel() -> Iterator[LocalSentinel]:
    topology = started(LocalSentinel)
    try:
        yield topology
    finally:
        topology.close()


def _settings(url: str, mode: RedisMode, prefix: str) -> Settings:
    return Settings(
        redis=RedisSettings(
            url=url,
            mode=mode,
            key_prefix=prefix,
            connect_timeout_s=1.0,  # a dead node refuses at once; these only bound a busy box
            socket_timeout_s=1.0,
            pool_timeout_s=1.0,
            breaker_cooldown_s=0.2,
        ),
        lock=LockSettings(lease_ms=30_000),
    )


@pytest.fixture
async def on_cluster(cluster: LocalCluster) -> AsyncIterator[StoreBundle]:
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    stores = build_stores(_settings(cluster.url, "cluster", prefix))
    try:
        yield stores
    finally:
        await stores.aclose()
        delete_prefixed(cluster, prefix)


async def _until_ok(op: Callable[[], Awaitable[T]]) -> T:
    """Retry while the topology switches (bounded); prints how many calls were refused."""
    refused, started = 0, time.monotonic()
    deadline = started + FAILOVER_TIMEOUT_S
    while True:
        try:
            result = await op()
            print(f"first write after the failover: {refused} refused, {time.monotonic() - started:.2f} s")
            return result
        except StoreUnavailable:
            refused += 1
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)


def _draft(step: int, fence: int | None) -> CheckpointDraft:
    return CheckpointDraft(
        tenant="t1",
        session_id="s1",
        trace_id="tr",
        state=WorkflowState.SCRIPT_GENERATING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload={"step": step},
        fence=fence,
    )


async def _write_history(stores: StoreBundle) -> int:
    """A held lock, three fenced checkpoints and a saved session; returns the fence."""
    lease = await stores.lock.acquire("t1", "s1")
    for step in (1, 2, 3):
        await stores.checkpoints.append(_draft(step, lease.fence))
    await stores.sessions.save(Session(tenant="t1", id="s1"))
    return lease.fence


async def _assert_survived(stores: StoreBundle, fence: int) -> None:
    """The replicated history is intact, and fenced writes, saves and reads work on the new master."""
    record = await _until_ok(lambda: stores.checkpoints.append(_draft(4, fence)))
    assert record.version == 4, "the version counter survived: no version is handed out twice"
    history = await stores.checkpoints.list("t1", "s1", limit=10)
    assert [r.version for r in history] == [4, 3, 2, 1]
    assert [r.payload["step"] for r in history] == [4, 3, 2, 1]
    session = await stores.sessions.get("t1", "s1")
    assert session is not None and session.version == 1
    assert (await stores.sessions.save(session)).version == 2
    assert [s.id for s in await stores.sessions.list("t1")] == ["s1"]
    assert await stores.lock.fence("t1", "s1") == fence, "the fence survived: stale holders stay out"
    stale = _draft(5, fence - 1)
    with pytest.raises(StaleFence):
        await stores.checkpoints.append(stale)


async def test_cluster_master_failover_keeps_the_stores_working(
    cluster: LocalCluster, on_cluster: StoreBundle
) -> None:
    stores = on_cluster
    fence = await _write_history(stores)
    key = stores.redis.keys.session("t1", "s1")
    master = cluster.master_of(key)
    wait_until(lambda: replica_caught_up(cluster.client(master)), FAILOVER_TIMEOUT_S, "the replica to ack")
    cluster.kill(master)
    wait_until(lambda: cluster.master_of(key) != master, FAILOVER_TIMEOUT_S, "the replica's promotion")
    await _survive_and_check(stores, fence)


async def _survive_and_check(stores: StoreBundle, fence: int) -> None:
    await _assert_survived(stores, fence)
    assert len(stores.lock._renewers) == 1, "the lease is still held"  # type: ignore[attr-defined]


async def test_sentinel_failover_keeps_the_stores_working(sentinel: LocalSentinel) -> None:
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    stores = build_stores(_settings(sentinel.url, "sentinel", prefix))
    try:
        fence = await _write_history(stores)
        wait_until(lambda: replica_caught_up(sentinel.client(sentinel.master)), FAILOVER_TIMEOUT_S, "the ack")
        old = sentinel.master
        sentinel.kill(old)
        wait_until(lambda: sentinel.current_master() != old, FAILOVER_TIMEOUT_S, "sentinel's failover")
        assert sentinel.current_master() == sentinel.replica
        await _survive_and_check(stores, fence)
    finally:
        await stores.aclose()
