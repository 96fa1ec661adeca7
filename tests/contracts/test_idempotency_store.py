"""IdempotencyStore contract: started / in-flight / replay / mismatch, abandon, in-flight expiry."""

from __future__ import annotations

import asyncio

import pytest

from script_agent.domain.errors import IdempotencyMismatch
from script_agent.ports.stores import IdempotencyOutcome
from tests.contracts.conftest import Harness


async def test_lifecycle(harness: Harness) -> None:
    store = harness.stores.idempotency
    assert (await store.begin("t1", "k1", "fp-a")).outcome is IdempotencyOutcome.STARTED
    assert (await store.begin("t1", "k1", "fp-a")).outcome is IdempotencyOutcome.IN_FLIGHT
    assert (await store.begin("t1", "k1", "fp-b")).outcome is IdempotencyOutcome.MISMATCH
    await store.complete("t1", "k1", "fp-a", {"script": "家人们好", "n": 1})
    replay = await store.begin("t1", "k1", "fp-a")
    assert replay.outcome is IdempotencyOutcome.REPLAY and replay.result == {"script": "家人们好", "n": 1}
    assert (await store.begin("t1", "k1", "fp-b")).outcome is IdempotencyOutcome.MISMATCH


async def test_scoped_by_tenant(harness: Harness) -> None:
    store = harness.stores.idempotency
    await store.begin("t1", "k", "fp")
    assert (await store.begin("t2", "k", "fp")).outcome is IdempotencyOutcome.STARTED


async def test_abandon_frees_the_key_but_keeps_results(harness: Harness) -> None:
    store = harness.stores.idempotency
    await store.begin("t1", "k1", "fp")
    await store.abandon("t1", "k1")
    assert (await store.begin("t1", "k1", "fp")).outcome is IdempotencyOutcome.STARTED
    await store.complete("t1", "k1", "fp", {"ok": True})
    await store.abandon("t1", "k1")
    assert (await store.begin("t1", "k1", "fp")).outcome is IdempotencyOutcome.REPLAY


async def test_complete_with_another_fingerprint_is_refused(harness: Harness) -> None:
    store = harness.stores.idempotency
    await store.begin("t1", "k1", "fp-a")
    with pytest.raises(IdempotencyMismatch):
        await store.complete("t1", "k1", "fp-b", {"ok": True})


async def test_exactly_one_concurrent_begin_starts(harness: Harness) -> None:
    store = harness.stores.idempotency
    results = await asyncio.gather(*(store.begin("t1", "k1", "fp") for _ in range(10)))
    outcomes = [r.outcome for r in results]
    assert outcomes.count(IdempotencyOutcome.STARTED) == 1
    assert outcomes.count(IdempotencyOutcome.IN_FLIGHT) == 9


async def test_in_flight_marker_expires(harness: Harness) -> None:
    store = harness.stores.idempotency  # in_flight_ttl_s=1
    await store.begin("t1", "k1", "fp")
    await asyncio.sleep(1.1)
    assert (await store.begin("t1", "k1", "fp")).outcome is IdempotencyOutcome.STARTED


async def test_health(harness: Harness) -> None:
    assert (await harness.stores.idempotency.health()).status == "ok"
