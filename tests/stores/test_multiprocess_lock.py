"""The Redis session lock across OS processes: exclusion, fencing of a paused holder, renewal."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal

import pytest

from script_agent.config.state import CheckpointSettings, LockSettings, RedisSettings
from script_agent.domain.errors import LockTimeout
from script_agent.stores.redis.checkpoints import RedisCheckpointStore
from script_agent.stores.redis.connection import RedisConnection
from script_agent.stores.redis.locks import RedisSessionLock
from tests.stores import _workers
from tests.stores.conftest import collect


def _conn(url: str, prefix: str) -> RedisConnection:
    return RedisConnection(
        RedisSettings(url=url, key_prefix=prefix, connect_timeout_s=3, socket_timeout_s=3, pool_timeout_s=3)
    )


async def _get(queue, *procs, wait_s: float = 30):  # type: ignore[no-untyped-def]
    return await asyncio.to_thread(collect, queue, list(procs), wait_s)


async def test_contending_processes_never_overlap(mp, redis_url: str, prefix: str) -> None:
    out, procs_n, rounds = mp.Queue(), 3, 8
    procs = [
        mp.Process(target=_workers.count_under_lock, args=(redis_url, prefix, rounds, out))
        for _ in range(procs_n)
    ]
    for p in procs:
        p.start()
    fences = [await _get(out, *procs, wait_s=60) for _ in procs]
    for p in procs:
        p.join(timeout=10)
        assert p.exitcode == 0
    conn = _conn(redis_url, prefix)
    try:
        assert int(await conn.client.get(f"{prefix}:counter")) == procs_n * rounds  # no lost update
    finally:
        await conn.aclose()
    flat = [f for per_proc in fences for f in per_proc]
    assert sorted(flat) == list(range(1, procs_n * rounds + 1))  # one fence per acquisition, no gaps
    assert all(per_proc == sorted(per_proc) for per_proc in fences)


async def test_paused_holder_loses_to_the_fence(mp, redis_url: str, prefix: str) -> None:
    out, resume = mp.Queue(), mp.Event()
    holder = mp.Process(target=_workers.paused_holder, args=(redis_url, prefix, 300, out, resume))
    holder.start()
    conn = _conn(redis_url, prefix)
    try:
        kind, old_fence = await _get(out, holder)
        assert kind == "holding"
        os.kill(holder.pid, signal.SIGSTOP)  # a GC pause / VM stall: renewal stops too
        lock = RedisSessionLock(conn, LockSettings(lease_ms=300, retry_interval_ms=10))
        lease = await lock.acquire("t", "s", wait_s=3)  # granted once the old lease expires
        assert lease.fence == old_fence + 1
        store = RedisCheckpointStore(conn, CheckpointSettings())
        await store.append(_workers.draft("new-holder", lease.fence))
        os.kill(holder.pid, signal.SIGCONT)  # (before set(): Event.set waits for sleepers to wake)
        await asyncio.to_thread(resume.set)
        assert await _get(out, holder) == ("late-write", "stale_fence")
        assert await _get(out, holder) == ("release", False)  # it must not free the new holder's lock
        latest = await store.latest("t", "s")
        assert latest is not None and latest.trace_id == "new-holder" and latest.version == 2
        assert await lock.release(lease) is True
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(holder.pid, signal.SIGCONT)
        holder.join(timeout=10)
        await conn.aclose()
    assert holder.exitcode == 0


async def test_renewal_keeps_a_long_holder_across_processes(mp, redis_url: str, prefix: str) -> None:
    out = mp.Queue()
    holder = mp.Process(target=_workers.long_holder, args=(redis_url, prefix, 300, 1.5, out))
    holder.start()
    conn = _conn(redis_url, prefix)
    lock = RedisSessionLock(conn, LockSettings(lease_ms=300))
    try:
        _, fence = await _get(out, holder)
        for _ in range(3):  # 0.9 s+ of attempts, three leases long: renewal must keep it held
            with pytest.raises(LockTimeout):
                await lock.acquire("t", "s", wait_s=0.1)
            await asyncio.sleep(0.2)
        assert await _get(out, holder) == ("released", True, False)
        lease = await lock.acquire("t", "s", wait_s=1)
        assert lease.fence == fence + 1
        await lock.release(lease)
    finally:
        holder.join(timeout=10)
        await conn.aclose()
    assert holder.exitcode == 0
