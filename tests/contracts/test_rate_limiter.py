"""RateLimiter contract: GCRA requests/s with burst, tokens/minute reserve-then-reconcile, headers data."""

from __future__ import annotations

import asyncio

from script_agent.ports.stores import Dimension
from tests.contracts.conftest import Harness

# contract settings: qps=2, burst=5, tokens_per_minute=1000 (16.7 tokens/s refill: token counts
# below allow a few tokens of refill between calls on a busy machine; refill only ever adds)


async def test_burst_then_qps_rejection_with_retry_after(harness: Harness) -> None:
    limiter = harness.stores.limiter
    decisions = [await limiter.admit("t1", 1) for _ in range(6)]
    assert [d.allowed for d in decisions] == [True] * 5 + [False]
    assert [d.remaining_requests for d in decisions[:5]] == [4, 3, 2, 1, 0]
    rejected = decisions[-1]
    assert rejected.dimension is Dimension.QPS and rejected.reserved_tokens == 0
    assert 0.3 < rejected.retry_after_s <= 0.5 + 1e-3
    assert rejected.limit_requests == 5 and rejected.limit_tokens == 1000
    assert 2.3 < rejected.reset_requests_s <= 2.5 + 1e-3
    await asyncio.sleep(rejected.retry_after_s + 0.01)
    assert (await limiter.admit("t1", 1)).allowed


async def test_tokens_reserved_then_refunded(harness: Harness) -> None:
    limiter = harness.stores.limiter
    first = await limiter.admit("t1", 600)
    assert first.allowed and first.reserved_tokens == 600 and first.remaining_tokens == 400
    second = await limiter.admit("t1", 600)
    assert not second.allowed and second.dimension is Dimension.TOKENS
    assert 11.5 < second.retry_after_s <= 12.01  # 200 tokens short at 1000/min
    assert 400 <= second.remaining_tokens <= 403  # a rejection charges nothing
    await limiter.reconcile("t1", reserved_tokens=600, actual_tokens=100)
    third = await limiter.admit("t1", 600)
    assert third.allowed and 300 <= third.remaining_tokens <= 305


async def test_reconcile_charges_extra_usage(harness: Harness) -> None:
    limiter = harness.stores.limiter
    first = await limiter.admit("t1", 100)
    await limiter.reconcile("t1", reserved_tokens=first.reserved_tokens, actual_tokens=900)
    after = await limiter.admit("t1", 50)
    assert after.allowed and 50 <= after.remaining_tokens <= 55
    over = await limiter.admit("t1", 100)
    assert not over.allowed and over.dimension is Dimension.TOKENS


async def test_rejection_does_not_consume_the_other_dimension(harness: Harness) -> None:
    limiter = harness.stores.limiter
    for _ in range(5):
        assert (await limiter.admit("t1", 10)).allowed
    rejected = await limiter.admit("t1", 10)
    assert rejected.dimension is Dimension.QPS and 950 <= rejected.remaining_tokens <= 955


async def test_oversized_estimate_is_capped_at_the_bucket(harness: Harness) -> None:
    decision = await harness.stores.limiter.admit("t1", 5000)
    assert decision.allowed and decision.reserved_tokens == 1000 and decision.remaining_tokens == 0


async def test_tenants_are_isolated(harness: Harness) -> None:
    limiter = harness.stores.limiter
    for _ in range(5):
        await limiter.admit("t1", 1)
    assert not (await limiter.admit("t1", 1)).allowed
    assert (await limiter.admit("t2", 1)).allowed


async def test_concurrent_admissions_are_exact(harness: Harness) -> None:
    decisions = await asyncio.gather(*(harness.stores.limiter.admit("t1", 1) for _ in range(30)))
    assert sum(d.allowed for d in decisions) == 5


async def test_health(harness: Harness) -> None:
    health = await harness.stores.limiter.health()
    assert health.status == "ok"
