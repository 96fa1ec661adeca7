"""In-memory store specifics: growth, swap-delete, capacity, off-loop work."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from script_agent.memory.errors import MemoryCapacityError
from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.matrix_shard import MatrixShard
from script_agent.memory.records import MemoryFilter, StoredEntry
from script_agent.ports.memory import MemoryItem
from tests.memory.conftest import DIM, unit


def entry(key: str, vec: np.ndarray, tenant: str = "t1") -> StoredEntry:
    return StoredEntry(key=key, item=MemoryItem(id=key, tenant=tenant, text=key), vector=vec)


async def test_grows_past_initial_capacity_and_stays_exact() -> None:
    store = InMemoryVectorStore(dim=DIM)
    await store.add([entry(f"k{i}", unit(i)) for i in range(1000)])
    for i in (0, 63, 64, 500, 999):
        hit = (await store.search(unit(i), MemoryFilter(tenant="t1"), 1))[0]
        assert hit.item.id == f"k{i}" and hit.score == pytest.approx(1.0, abs=1e-5)


def test_swap_delete_keeps_rows_dense_and_shrinks() -> None:
    shard = MatrixShard(DIM, 2)
    for i in range(512):
        shard.add(f"k{i}", MemoryItem(id=f"k{i}", tenant="t", text="x"), unit(i), (0, 0))
    for i in range(500):
        assert shard.delete(f"k{i}")
    assert len(shard) == 12 and shard._vectors.shape[0] < 512
    for i in range(500, 512):
        assert shard.search(unit(i), {}, 1)[0].item.id == f"k{i}"


async def test_capacity_is_enforced_without_partial_batches() -> None:
    store = InMemoryVectorStore(dim=DIM, max_items=3)
    await store.add([entry("a", unit(1)), entry("b", unit(2))])
    with pytest.raises(MemoryCapacityError):
        await store.add([entry("c", unit(3)), entry("d", unit(4))])
    assert await store.count() == 2
    assert await store.add([entry("a", unit(1)), entry("c", unit(3))]) == [False, True]  # dup costs nothing


async def test_wrong_dimension_is_refused() -> None:
    store = InMemoryVectorStore(dim=DIM)
    with pytest.raises(ValueError):
        await store.add([entry("a", np.ones(DIM + 1, dtype=np.float32))])


async def test_large_search_and_embedding_leave_the_event_loop_free() -> None:
    """While a 50k-row search and a big jieba batch run, a heartbeat task keeps ticking."""
    dim = 256
    store = InMemoryVectorStore(dim=dim, max_items=60_000)
    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((50_000, dim)).astype(np.float32)
    store.add_sync([entry(f"k{i}", vecs[i]) for i in range(50_000)])
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    start = ticks
    for _ in range(5):
        await store.search(vecs[0], MemoryFilter(tenant="t1"), 5)
    await HashingEmbedder(dim=dim).embed(["家人们今天这支口红显白不拔干"] * 300)
    beat.cancel()
    assert ticks - start > 5
