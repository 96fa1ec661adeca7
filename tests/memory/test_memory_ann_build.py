"""Background switch-over builds: searches stay exact and unblocked meanwhile, nothing written is lost.

The worker is paused at known points (holding the process-wide build slot, or inside its first
insert) so the adds, deletes and searches below provably happen while the graph is being built; exact
search over the same live data is the reference.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np
import pytest

from script_agent.memory import ann_build
from script_agent.memory.ann_index import AnnIndex
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.matrix_shard import MatrixShard
from script_agent.memory.records import MemoryFilter, StoredEntry
from script_agent.ports.memory import MemoryItem

DIM = 32
N = 3000
THRESHOLD = 2000
K = 5
WAIT_S = 120.0  # bounds every wait: a hang fails the test instead of blocking the suite
FLT = MemoryFilter(tenant="t1", category="美妆")


def _entries(n: int, seed: int = 5) -> list[StoredEntry]:
    rng = np.random.default_rng(seed)
    m = rng.standard_normal((n, DIM)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    return [
        StoredEntry(
            key=f"k{i}",
            item=MemoryItem(id=f"s{i}", tenant="t1", text="", category="美妆", influencer_id=f"inf{i % 4}"),
            vector=m[i],
        )
        for i in range(n)
    ]


def _shard(store: InMemoryVectorStore) -> MatrixShard:
    return store._tenants["t1"]["美妆"]


def _ids(hits: list) -> list[str]:
    return [h.item.id for h in hits]


@pytest.fixture
def paused_insert(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """The build worker's first insert signals `inside` and waits for `go` (outside the shard lock)."""
    inside, go = threading.Event(), threading.Event()
    original = AnnIndex.add

    def add(self: AnnIndex, labels: np.ndarray, vectors: np.ndarray, bulk: bool = False) -> None:
        if threading.current_thread().name == "ann-build" and not inside.is_set():
            inside.set()
            assert go.wait(WAIT_S)
        original(self, labels, vectors, bulk)

    monkeypatch.setattr(ann_build, "CHUNK", 500)  # several chunks, so the pause is mid-build
    monkeypatch.setattr(AnnIndex, "add", add)
    yield inside, go
    go.set()


async def test_adds_deletes_and_searches_during_a_build_are_all_reflected(paused_insert) -> None:
    inside, go = paused_insert
    entries = _entries(N)
    store = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=THRESHOLD)
    exact = InMemoryVectorStore(dim=DIM, max_items=N)
    for s in (store, exact):
        await s.add(entries[:THRESHOLD])  # crosses the threshold: the build starts in the background
    assert inside.wait(WAIT_S)
    shard = _shard(store)
    assert shard.ann is None and shard.graphs.building
    assert (await store.health()).detail["ann_building"] == 1
    # Writes while the worker is inside its first chunk: deletes of rows in that chunk and of rows
    # not yet copied, and adds of new rows.
    gone = [e.key for e in entries[:40]] + [e.key for e in entries[1500:1540]]
    for s in (store, exact):
        assert await s.delete(gone) == len(gone)
        await s.add(entries[THRESHOLD:])
    queries = [e.vector for e in entries[THRESHOLD - 20 : THRESHOLD + 20]]
    for q in queries:  # during the build: exact answers (the same items in the same order)
        assert _ids(await store.search(q, FLT, K)) == _ids(await exact.search(q, FLT, K))
    go.set()
    assert store.wait_for_graphs(WAIT_S)
    graph = shard.ann
    assert graph is not None and not shard.graphs.building
    live = set(shard._row_of_label)
    assert len(graph) == len(shard) == N - len(gone)
    assert all(label in graph for label in live)
    gone_labels = set(range(N)) - live
    assert len(gone_labels) == len(gone) and not any(label in graph for label in gone_labels)
    for e in entries[THRESHOLD:][:50]:  # rows added during the build are found on the graph path
        assert _ids(await store.search(e.vector, FLT, 1)) == [e.item.id]
    deleted = {f"s{k[1:]}" for k in gone}
    for e in entries[:40]:
        assert not deleted & set(_ids(await store.search(e.vector, FLT, K)))


async def test_a_search_is_not_blocked_by_the_build(paused_insert) -> None:
    """While the worker is paused mid-build, searches and writes of the same partition complete."""
    inside, go = paused_insert
    entries = _entries(N)
    store = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=THRESHOLD)
    await store.add(entries[:THRESHOLD])
    assert inside.wait(WAIT_S)
    assert len(await store.search(entries[0].vector, FLT, K)) == K  # would deadlock if it waited
    assert await store.add(entries[THRESHOLD : THRESHOLD + 1]) == [True]
    go.set()
    assert store.wait_for_graphs(WAIT_S) and _shard(store).ann is not None


async def test_deletes_below_half_the_threshold_cancel_a_queued_build() -> None:
    entries = _entries(THRESHOLD)
    store = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=THRESHOLD)
    with ann_build._BUILD_SLOTS:  # the worker cannot start until released
        await store.add(entries)
        assert _shard(store).graphs.building
        await store.delete([e.key for e in entries[: THRESHOLD // 2 + 1]])
        assert not _shard(store).graphs.building
    assert store.wait_for_graphs(WAIT_S)
    shard = _shard(store)
    assert shard.ann is None and not shard.graphs.sub
    rest = entries[-1]
    assert _ids(await store.search(rest.vector, FLT, 1)) == [rest.item.id]


async def test_per_code_graphs_follow_the_partition_graph() -> None:
    """Per-code graphs are built after the partition graph; each holds exactly its value's rows."""
    from script_agent.memory.ann_index import AnnParams

    entries = _entries(N)
    params = AnnParams(sub_graph_min_rows=500)
    store = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=THRESHOLD, ann_params=params)
    await store.add(entries)
    assert store.wait_for_graphs(WAIT_S)
    graphs = _shard(store).graphs
    assert graphs.main is not None and len(graphs.main) == N
    assert sorted(len(g) for g in graphs.sub.values()) == [N // 4] * 4
    flt = MemoryFilter(tenant="t1", category="美妆", influencer_id="inf1")
    hits = await store.search(entries[1].vector, flt, K)
    assert hits[0].item.id == "s1" and all(h.item.influencer_id == "inf1" for h in hits)


def test_the_process_exits_cleanly_with_a_build_in_flight() -> None:
    """A real interpreter that exits mid-build: the worker finishes its chunk, no abort (exit 134)."""
    import subprocess
    import sys

    script = """
import numpy as np
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.records import StoredEntry
from script_agent.ports.memory import MemoryItem
m = np.random.default_rng(1).standard_normal((20000, 128)).astype(np.float32)
store = InMemoryVectorStore(dim=128, max_items=20000, ann_threshold=20000)
store.add_sync([StoredEntry(key=f"k{i}", item=MemoryItem(id=f"s{i}", tenant="t", text=""), vector=m[i])
                for i in range(20000)])
import time
time.sleep(0.3)  # let the worker get inside a usearch insert
assert store._tenants["t"][None].graphs.building
print("exiting mid-build", flush=True)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=WAIT_S)
    assert "exiting mid-build" in done.stdout, done.stderr
    assert done.returncode == 0, done.stderr
