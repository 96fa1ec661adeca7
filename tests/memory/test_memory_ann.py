"""HNSW partitions: agreement with exact search above the threshold, exact filters, the switch-over.

The data set is seeded and clustered like real script embeddings (topics with scripts around them);
queries are held-out points near a topic, never items of the store, so the graph cannot win by
memorising its own rows. Exact search over the same data is the reference in the same run.
"""

from __future__ import annotations

import numpy as np
import pytest

from script_agent.memory import ann_search
from script_agent.memory.ann_index import AnnParams
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.matrix_shard import MatrixShard
from script_agent.memory.records import MemoryFilter, SearchHit, StoredEntry
from script_agent.ports.memory import MemoryItem

DIM = 64
N = 6000
THRESHOLD = 2000
K = 5
WAIT_S = 120.0  # bound on a background build in a test (a hang fails instead of blocking the suite)


def _rows(rng: np.random.Generator, n: int) -> np.ndarray:
    m = rng.standard_normal((n, DIM)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def _near(rng: np.random.Generator, centers: np.ndarray) -> np.ndarray:
    out = centers + rng.standard_normal(centers.shape).astype(np.float32) * (1.2 / np.sqrt(DIM))
    return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def data() -> tuple[list[StoredEntry], np.ndarray]:
    rng = np.random.default_rng(2024)
    topics = _rows(rng, N // 30)
    vectors = _near(rng, topics[rng.integers(0, len(topics), N)])
    infl, prod = rng.integers(0, 20, N), rng.integers(0, 600, N)
    entries = [
        StoredEntry(
            key=f"k{i}",
            item=MemoryItem(
                id=f"s{i}",
                tenant="t1",
                text="",
                category="美妆",
                influencer_id=f"inf{infl[i]}",
                product_id=f"p{prod[i]}",
            ),
            vector=vectors[i],
        )
        for i in range(N)
    ]
    queries = _near(np.random.default_rng(7), topics[np.random.default_rng(8).integers(0, len(topics), 100)])
    return entries, queries


@pytest.fixture(scope="module")
def stores(data) -> tuple[InMemoryVectorStore, InMemoryVectorStore]:
    """Exact and HNSW stores over the same data, shared by the read-only tests."""
    return _stores(data[0])


def _stores(entries: list[StoredEntry]) -> tuple[InMemoryVectorStore, InMemoryVectorStore]:
    exact = InMemoryVectorStore(dim=DIM, max_items=N)
    ann = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=THRESHOLD)
    for store in (exact, ann):
        for start in range(0, len(entries), 500):
            store.add_sync(entries[start : start + 500])
    assert ann.wait_for_graphs(WAIT_S)
    return exact, ann


def _shard(store: InMemoryVectorStore) -> MatrixShard:
    return store._tenants["t1"]["美妆"]


def _recall(exact: list[SearchHit], got: list[SearchHit]) -> float:
    want = {h.item.id for h in exact}
    return len(want & {h.item.id for h in got}) / max(1, len(want))


async def test_ann_agrees_with_exact_above_the_threshold(data, stores) -> None:
    entries, queries = data
    exact, ann = stores
    assert _shard(ann).ann is not None and _shard(exact).ann is None
    flt = MemoryFilter(tenant="t1", category="美妆")
    recalls = []
    for q in queries:
        want, got = exact.search_sync(q, flt, K), await ann.search(q, flt, K)
        recalls.append(_recall(want, got))
        by_id = {h.item.id: h.score for h in want}
        for hit in got:  # scores are exact cosines, whichever path found the item
            assert hit.score == pytest.approx(float(entries[int(hit.item.id[1:])].vector @ q), abs=1e-5)
            if hit.item.id in by_id:
                assert hit.score == pytest.approx(by_id[hit.item.id], abs=1e-5)
    assert float(np.mean(recalls)) >= 0.95


@pytest.mark.parametrize(
    "terms",
    [{"influencer_id": "inf3"}, {"product_id": "p17"}, {"influencer_id": "inf3", "product_id": "p17"}],
)
async def test_filters_are_honoured_on_the_graph_path(data, stores, terms: dict[str, str]) -> None:
    """Post-filtering never leaks a non-matching item and never returns fewer than min(k, matches)."""
    entries, queries = data
    exact, ann = stores
    flt = MemoryFilter(tenant="t1", **terms)
    matching = [e for e in entries if all(getattr(e.item, f) == v for f, v in terms.items())]
    recalls = []
    for q in queries[:40]:
        got = await ann.search(q, flt, K)
        assert len(got) == min(K, len(matching))
        assert all(getattr(h.item, f) == v for h in got for f, v in terms.items())
        recalls.append(_recall(exact.search_sync(q, flt, K), got))
    assert float(np.mean(recalls)) >= 0.95


async def test_wide_filter_goes_through_the_graph_not_the_exact_fallback(
    data, stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the gather budget at zero, a 1/20 filter must be served by over-fetching graph candidates."""
    _, queries = data
    monkeypatch.setattr(ann_search, "EXACT_MAX_FLOPS", 0)
    exact, ann = stores
    walks: list[int] = []
    graph = _shard(ann).ann
    real = graph.candidates
    monkeypatch.setattr(graph, "candidates", lambda q, count: walks.append(count) or real(q, count))
    flt = MemoryFilter(tenant="t1", influencer_id="inf5")
    recalls = []
    for q in queries:
        got = ann.search_sync(q, flt, K)
        assert len(got) == K and all(h.item.influencer_id == "inf5" for h in got)
        recalls.append(_recall(exact.search_sync(q, flt, K), got))
    assert len(walks) >= len(queries) and min(walks) >= K * 20  # over-fetch scaled by selectivity
    assert float(np.mean(recalls)) >= 0.95


async def test_switch_over_at_the_threshold_and_back(data) -> None:
    entries, _ = data
    store = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=THRESHOLD)
    await store.add(entries[: THRESHOLD - 1])
    assert _shard(store).ann is None and (await store.health()).detail["ann_partitions"] == 0
    await store.add(entries[THRESHOLD - 1 : THRESHOLD])
    assert store.wait_for_graphs(WAIT_S)
    assert _shard(store).ann is not None and len(_shard(store).ann) == THRESHOLD
    await store.add(entries[THRESHOLD : THRESHOLD + 300])  # incremental adds land in the graph
    assert len(_shard(store).ann) == THRESHOLD + 300
    newest = entries[THRESHOLD + 299]
    hit = (await store.search(newest.vector, MemoryFilter(tenant="t1"), 1))[0]
    assert hit.item.id == newest.item.id and hit.score == pytest.approx(1.0, abs=1e-5)
    assert (await store.health()).detail["ann_partitions"] == 1


async def test_deletes_leave_the_graph_and_drop_it_below_half_the_threshold(data) -> None:
    entries, _ = data
    store = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=THRESHOLD)
    await store.add(entries[:THRESHOLD])
    assert store.wait_for_graphs(WAIT_S)
    gone = entries[10]
    assert await store.delete([gone.key]) == 1
    assert len(_shard(store).ann) == THRESHOLD - 1
    hits = await store.search(gone.vector, MemoryFilter(tenant="t1"), K)
    assert gone.item.id not in {h.item.id for h in hits} and len(hits) == K
    await store.delete([e.key for e in entries[11 : THRESHOLD // 2 + 12]])  # 998 left
    assert _shard(store).ann is None  # exact again; results still right
    survivor = entries[THRESHOLD - 1]
    assert (await store.search(survivor.vector, MemoryFilter(tenant="t1"), 1))[0].item.id == survivor.item.id


async def test_graph_build_and_search_leave_the_event_loop_free(data) -> None:
    """The inline switch-over build runs in the add's worker thread; a heartbeat keeps ticking."""
    import asyncio

    entries, queries = data
    params = AnnParams(background_build=False)
    store = InMemoryVectorStore(dim=DIM, max_items=N, ann_threshold=N, ann_params=params)
    store.add_sync(entries[: N - 1])
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    start = ticks
    await store.add(entries[N - 1 :])  # crosses the threshold: bulk graph build of N rows
    built = ticks - start
    for q in queries[:20]:
        await store.search(q, MemoryFilter(tenant="t1"), K)
    beat.cancel()
    assert _shard(store).ann is not None and len(_shard(store).ann) == N
    assert built > 5


async def test_big_filter_values_get_their_own_graph(data) -> None:
    """An influencer holding many rows of a big partition is searched on its own graph (no post-filter
    miss), kept up to date by adds and deletes, and dropped when it shrinks under half its minimum."""
    entries, queries = data
    exact = InMemoryVectorStore(dim=DIM, max_items=N)
    ann = InMemoryVectorStore(
        dim=DIM, max_items=N, ann_threshold=THRESHOLD, ann_params=AnnParams(sub_graph_min_rows=150)
    )
    for store in (exact, ann):
        await store.add(entries[: N - 200])
        assert store.wait_for_graphs(WAIT_S)
        await store.add(entries[N - 200 :])  # incremental: lands in the partition and per-code graphs
    graphs = _shard(ann).graphs
    code = ann._codes[0]["inf3"]
    sub = graphs.sub[(0, code)]
    members = [e for e in entries if e.item.influencer_id == "inf3"]
    assert len(sub) == len(members) and graphs.choose({0: code}) == (sub, True)
    flt = MemoryFilter(tenant="t1", influencer_id="inf3")
    recalls = []
    for q in queries:
        got = await ann.search(q, flt, K)
        assert len(got) == K and all(h.item.influencer_id == "inf3" for h in got)
        recalls.append(_recall(exact.search_sync(q, flt, K), got))
    assert float(np.mean(recalls)) >= 0.95
    await ann.delete([e.key for e in members[: len(members) - 74]])  # 74 left < 150 // 2
    assert (0, code) not in graphs.sub and graphs.main is not None
    rest = {e.item.id for e in members[len(members) - 74 :]}
    assert {h.item.id for h in await ann.search(queries[0], flt, 100)} == rest


def test_settings_reach_the_embedded_store(monkeypatch: pytest.MonkeyPatch) -> None:
    from script_agent.config.memory import MemorySettings
    from script_agent.memory.factory import build_store

    monkeypatch.setenv("LONGTERM_MEMORY_ANN_THRESHOLD", "1234")
    monkeypatch.setenv("LONGTERM_MEMORY_ANN_QUANTIZATION", "f16")
    store = build_store(MemorySettings(), 32)
    assert isinstance(store, InMemoryVectorStore)
    shard = store._new_shard()
    assert shard.graphs.threshold == 1234 and shard.graphs.params.quantization == "f16"
