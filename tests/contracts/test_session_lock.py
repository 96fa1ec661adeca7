"""SessionLock contract: exclusion, bounded wait, fencing tokens, renewal, compare-and-delete."""

from __future__ import annotations

import asyncio
import time

import pytest

from script_agent.domain.errors import LockTimeout
from tests.contracts.conftest import EMBEDDED_BACKENDS, Harness

HARNESS_BACKENDS = EMBEDDED_BACKENDS  # also kept on disk by the CLI (SQLite)


async def test_exclusive_with_bounded_wait(harness: Harness) -> None:
    lock = harness.stores.lock
    lease = await lock.acquire("t1", "s1")
    started = time.monotonic()
    with pytest.raises(LockTimeout):
        await lock.acquire("t1", "s1", wait_s=0.2)
    assert 0.15 <= time.monotonic() - started < 1.0
    other = await lock.acquire("t1", "s2", wait_s=0)  # other sessions are independent
    assert await lock.release(other) and await lock.release(lease)


async def test_fences_are_monotonic_per_session(harness: Harness) -> None:
    lock = harness.stores.lock
    assert await lock.fence("t1", "s1") == 0
    fences = []
    for _ in range(3):
        lease = await lock.acquire("t1", "s1")
        fences.append(lease.fence)
        assert await lock.release(lease)
    assert fences == sorted(fences) and len(set(fences)) == 3
    assert await lock.fence("t1", "s1") == fences[-1]


async def test_waiter_gets_the_lock_after_release(harness: Harness) -> None:
    lock = harness.stores.lock
    first = await lock.acquire("t1", "s1")
    waiter = asyncio.create_task(lock.acquire("t1", "s1", wait_s=1.0))
    await asyncio.sleep(0.05)
    assert not waiter.done()
    await lock.release(first)
    second = await waiter
    assert second.fence == first.fence + 1
    await lock.release(second)


async def test_renewal_keeps_a_long_holder(harness: Harness) -> None:
    lock = harness.stores.lock  # lease_ms=300
    lease = await lock.acquire("t1", "s1")
    await asyncio.sleep(1.0)  # > 3 leases
    with pytest.raises(LockTimeout):
        await lock.acquire("t1", "s1", wait_s=0.1)
    assert await lock.release(lease) is True


async def test_release_only_deletes_own_lease(harness: Harness) -> None:
    lock = harness.stores.lock
    old = await lock.acquire("t1", "s1")
    await harness.drop_lock(old)
    new = await lock.acquire("t1", "s1", wait_s=0.2)
    assert await lock.release(old) is False  # must not free the new holder's lock
    with pytest.raises(LockTimeout):
        await lock.acquire("t1", "s1", wait_s=0.05)
    assert await lock.release(new) is True
    assert await lock.release(new) is False


async def test_renewal_notices_a_lost_lease(harness: Harness) -> None:
    lock = harness.stores.lock
    lease = await lock.acquire("t1", "s1")
    await harness.drop_lock(lease)
    await asyncio.sleep(0.25)  # a renewal tick (lease/3) has run
    assert lock.is_lost(lease) is True  # type: ignore[attr-defined]
    assert await lock.release(lease) is False


async def test_health(harness: Harness) -> None:
    health = await harness.stores.lock.health()
    assert health.status == "ok"
