"""Write-behind memory: write-backs queue (bounded), go out in batches, and survive a clean stop."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.service import MemoryService
from script_agent.memory.write_behind import WriteBehindMemory
from script_agent.observability.metrics import REGISTRY
from script_agent.ports.memory import MemoryItem, MemoryQuery

TEXTS = [f"第{i}号宝贝：这款保湿面霜质地轻薄，通勤妆容都适用，姐妹们扣{i}" for i in range(10)]


class CountingEmbedder(HashingEmbedder):
    """The real hashing embedder, counting its batch calls (what batching is meant to reduce)."""

    def __init__(self) -> None:
        super().__init__(dim=512)
        self.batches: list[int] = []

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(len(texts))
        return await super().embed(texts)


def item(i: int, tenant: str = "t1") -> MemoryItem:
    return MemoryItem(id=f"m{i}", tenant=tenant, text=TEXTS[i], category="美妆")


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def make(**kw: object) -> tuple[WriteBehindMemory, CountingEmbedder, InMemoryVectorStore]:
    embedder, store = CountingEmbedder(), InMemoryVectorStore(dim=512)
    return WriteBehindMemory(MemoryService(embedder, store), **kw), embedder, store  # type: ignore[arg-type]


async def test_writes_go_out_in_batches_of_at_most_batch_size() -> None:
    memory, embedder, store = make(batch_size=4)
    assert all([await memory.remember(item(i)) for i in range(10)])
    assert await memory.flush(10)
    assert await store.count() == 10 and memory.depth == 0
    assert embedder.batches == [4, 4, 2]  # all ten queued before the drainer ran: three batches
    hits = await memory.recall(MemoryQuery(tenant="t1", text=TEXTS[3], top_k=1))
    assert [h.text for h in hits] == [TEXTS[3]]


async def test_queue_is_bounded_and_drops_are_counted() -> None:
    memory, _, store = make(max_queue=3, linger_s=30)
    before = metric("script_agent_memory_write_drops_total", reason="full")
    accepted = [await memory.remember(item(i)) for i in range(5)]
    assert accepted == [True, True, True, False, False]
    assert memory.depth == 3 and metric("script_agent_memory_write_queue_depth") == 3
    assert metric("script_agent_memory_write_drops_total", reason="full") - before == 2
    await memory.aclose()
    assert await store.count() == 3 and metric("script_agent_memory_write_queue_depth") == 0


async def test_close_drains_everything_accepted_then_refuses() -> None:
    memory, embedder, store = make(batch_size=32, linger_s=30)  # would wait 30 s for a full batch
    for i in range(6):
        await memory.remember(item(i))
    assert await store.count() == 0 and memory.depth == 6
    await memory.aclose()  # shutdown cuts the linger short and stores the partial batch
    assert await store.count() == 6 and embedder.batches == [6]
    before = metric("script_agent_memory_write_drops_total", reason="closed")
    assert await memory.remember(item(7)) is False
    assert metric("script_agent_memory_write_drops_total", reason="closed") - before == 1


async def test_empty_text_is_rejected_without_queueing() -> None:
    memory, _, _ = make()
    assert await memory.remember(MemoryItem(id="x", tenant="t1", text=" ，。 ")) is False
    assert memory.depth == 0


async def test_duplicates_in_one_batch_store_once() -> None:
    memory, _, store = make()
    for _ in range(3):
        await memory.remember(item(1))
    assert await memory.flush(10)
    assert await store.count() == 1


async def test_health_reports_the_queue() -> None:
    memory, _, _ = make(max_queue=5, linger_s=30)
    await memory.remember(item(0))
    health = await memory.health()
    assert health.detail["write_queue"] == 1 and health.detail["write_queue_max"] == 5
    await memory.aclose()


async def test_flush_cuts_a_lingering_batch_short() -> None:
    memory, embedder, store = make(linger_s=30)
    await memory.remember(item(0))
    assert await memory.flush(5) and await store.count() == 1 and embedder.batches == [1]
    await memory.remember(item(1))  # still accepting after a flush
    await memory.aclose()
    assert await store.count() == 2
