"""Code that runs in child OS processes (multiprocessing 'spawn'): each builds its own Redis stores."""

from __future__ import annotations

import asyncio
import multiprocessing.synchronize as mps
from datetime import UTC, datetime
from multiprocessing.queues import Queue
from typing import Any

from script_agent.config.state import CheckpointSettings, LockSettings, RateLimitSettings, RedisSettings
from script_agent.domain.checkpoint import CheckpointDraft
from script_agent.domain.errors import StaleFence
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.stores.redis.checkpoints import RedisCheckpointStore
from script_agent.stores.redis.connection import RedisConnection
from script_agent.stores.redis.locks import RedisSessionLock
from script_agent.stores.redis.rate_limit import RedisRateLimiter


def _conn(url: str, prefix: str) -> RedisConnection:
    # generous timeouts: these tests are about exclusion and exactness, and the shared CI box may be busy
    settings = RedisSettings(
        url=url,
        key_prefix=prefix,
        connect_timeout_s=3,
        socket_timeout_s=3,
        pool_timeout_s=3,
        max_connections=32,
    )
    return RedisConnection(settings)


def draft(note: str, fence: int | None) -> CheckpointDraft:
    return CheckpointDraft(
        tenant="t",
        session_id="s",
        trace_id=note,
        state=WorkflowState.SCRIPT_GENERATING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload={"by": note},
        fence=fence,
    )


def hammer_limiter(
    url: str, prefix: str, limits: dict[str, Any], cost: int, start: mps.Event, n: int, out: Queue
) -> None:
    """Fire `n` admissions (32 at a time) at one tenant once `start` is set; report how many passed."""

    async def run() -> int:
        conn = _conn(url, prefix)
        limiter = RedisRateLimiter(conn, RateLimitSettings(**limits))
        await limiter.admit("warmup-tenant", 0)  # load the script before the race starts
        out.put("ready")
        await asyncio.to_thread(start.wait)
        admitted = 0
        for i in range(0, n, 32):
            batch = await asyncio.gather(*(limiter.admit("shared", cost) for _ in range(min(32, n - i))))
            admitted += sum(d.allowed for d in batch)
        await conn.aclose()
        return admitted

    out.put(asyncio.run(run()))


def count_under_lock(url: str, prefix: str, rounds: int, out: Queue) -> None:
    """Read-modify-write a counter under the session lock: lost updates would show a lock hole."""

    async def run() -> list[int]:
        conn = _conn(url, prefix)
        lock = RedisSessionLock(conn, LockSettings(lease_ms=500, retry_interval_ms=5, wait_timeout_s=20))
        fences = []
        for _ in range(rounds):
            lease = await lock.acquire("t", "s")
            value = int(await conn.client.get(f"{prefix}:counter") or 0)
            await asyncio.sleep(0.005)  # widen the race window
            await conn.client.set(f"{prefix}:counter", value + 1)
            fences.append(lease.fence)
            assert await lock.release(lease)
        await conn.aclose()
        return fences

    out.put(asyncio.run(run()))


def paused_holder(url: str, prefix: str, lease_ms: int, out: Queue, resume: mps.Event) -> None:
    """Acquire, checkpoint, report; the parent SIGSTOPs us past the lease; then try to write again."""

    async def run() -> None:
        conn = _conn(url, prefix)
        lock = RedisSessionLock(conn, LockSettings(lease_ms=lease_ms))
        store = RedisCheckpointStore(conn, CheckpointSettings())
        lease = await lock.acquire("t", "s")
        await store.append(draft("old-holder", lease.fence))
        out.put(("holding", lease.fence))
        await asyncio.to_thread(resume.wait)  # the parent stops us while we wait here
        try:
            await store.append(draft("old-holder-late", lease.fence))
            out.put(("late-write", "accepted"))
        except StaleFence:
            out.put(("late-write", "stale_fence"))
        out.put(("release", await lock.release(lease)))
        await conn.aclose()

    asyncio.run(run())


def long_holder(url: str, prefix: str, lease_ms: int, hold_s: float, out: Queue) -> None:
    """Hold the lock for several leases (renewal must keep it), then release."""

    async def run() -> None:
        conn = _conn(url, prefix)
        lock = RedisSessionLock(conn, LockSettings(lease_ms=lease_ms))
        lease = await lock.acquire("t", "s")
        out.put(("holding", lease.fence))
        await asyncio.sleep(hold_s)
        out.put(("released", await lock.release(lease), lock.is_lost(lease)))
        await conn.aclose()

    asyncio.run(run())
