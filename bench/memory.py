"""Benchmark: filtered top-5 over 100k items, in-memory store vs a bare numpy baseline (same run).

    python bench/memory.py [--items 100000] [--dim 512] [--tenants 10] [--queries 400]
    python bench/memory.py --ann [--items 1000000] [--dim 512] [--queries 300]   (HNSW vs exact)

Scenarios (all top-5, exact cosine):
  baseline            bare numpy: one (N x dim) @ q over every item + argpartition; no filtering at all
                      (default BLAS threads, and again pinned to one thread like the store)
  baseline+mask       the same product, then -inf outside the filter (what naive post-masking costs)
  store t             InMemoryVectorStore, tenant filter only
  store t+category    tenant + category (what the orchestrator sends)
  store t+cat+infl    tenant + category + influencer
  1-tenant t          worst case: every item in ONE tenant, tenant filter only (a full scan)
  1-tenant t+category worst case with a category filter
Latency is per query, measured on the blocking search path; "async" rows go through `await search()`
(thread hop included when the shard is large). Throughput: sequential queries per second, and with 4
concurrent callers on the event loop. Target: p95 <= 10 ms.

--ann: every item in ONE tenant and ONE category (the worst partition), clustered vectors (topics with
scripts around them, held-out queries near a topic: uniform random vectors at dim 512 have no
neighbourhood for any graph to find). The same data goes into an exact store and an HNSW store;
prints fill and graph build times, incremental-add rate, p50/p95 per filter, recall@5 vs exact.
Influencer filters come twice: the query's own influencer (an influencer's scripts follow its products
with probability --tied) and a fixed unrelated one (worst case: its nearest items are noise-level).
Targets: recall@5 >= 0.95, p95 <= 10 ms for filtered top-5.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Callable

import numpy as np

from script_agent.memory.ann_graphs import ShardGraphs
from script_agent.memory.blas import single_blas_thread
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.records import MemoryFilter, StoredEntry
from script_agent.ports.memory import MemoryItem

CATEGORIES = ("美妆", "食品", "数码", "服饰", "家居", "母婴")
K = 5


def unit_rows(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    m = rng.standard_normal((n, dim), dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def build(vectors: np.ndarray, tenants: int, rng: np.random.Generator) -> tuple[InMemoryVectorStore, dict]:
    n, dim = vectors.shape
    meta = {
        "tenant": rng.integers(0, tenants, n),
        "category": rng.integers(0, len(CATEGORIES), n),
        "influencer": rng.integers(0, 50, n),
    }
    store = InMemoryVectorStore(dim=dim, max_items=n)
    batch = []
    for i in range(n):
        item = MemoryItem(
            id=f"s{i}",
            tenant=f"t{meta['tenant'][i]}",
            text="",
            category=CATEGORIES[meta["category"][i]],
            influencer_id=f"inf{meta['influencer'][i]}",
        )
        batch.append(StoredEntry(key=f"k{i}", item=item, vector=vectors[i]))
    for start in range(0, n, 10_000):
        store.add_sync(batch[start : start + 10_000])
    return store, meta


def timed(fn: Callable[[np.ndarray], object], queries: np.ndarray) -> np.ndarray:
    for q in queries[:10]:
        fn(q)  # warm caches and BLAS threads
    out = np.empty(len(queries))
    for i, q in enumerate(queries):
        t0 = time.perf_counter()
        fn(q)
        out[i] = time.perf_counter() - t0
    return out * 1000


def report(name: str, ms: np.ndarray) -> None:
    p50, p95 = np.percentile(ms, 50), np.percentile(ms, 95)
    flag = "ok" if p95 <= 10 else "OVER 10ms"
    print(f"  {name:<26} p50 {p50:7.3f} ms   p95 {p95:7.3f} ms   {1000 / ms.mean():8.0f} q/s   {flag}")


async def concurrent_qps(store: InMemoryVectorStore, flt: MemoryFilter, queries: np.ndarray) -> float:
    async def worker(chunk: np.ndarray) -> None:
        for q in chunk:
            await store.search(q, flt, K)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in np.array_split(queries, 4)))
    return len(queries) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--tenants", type=int, default=10)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--ann", action="store_true", help="HNSW partition vs exact, one big tenant")
    ap.add_argument("--tied", type=float, default=0.8, help="--ann: P(influencer follows topic)")
    args = ap.parse_args()
    if args.ann:
        ann_main(args.items, args.dim, args.queries, args.tied)
        return
    rng = np.random.default_rng(7)
    vectors = unit_rows(rng, args.items, args.dim)
    queries = unit_rows(rng, args.queries, args.dim)
    print(f"{args.items} items, dim {args.dim}, {args.tenants} tenants, {args.queries} queries, top-{K}")
    print(
        f"  load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other load skews p95)"
    )

    t0 = time.perf_counter()
    store, meta = build(vectors, args.tenants, rng)
    print(f"  build (in-memory store)    {time.perf_counter() - t0:.2f} s")

    def baseline(q: np.ndarray) -> np.ndarray:
        s = vectors @ q
        top = np.argpartition(-s, K - 1)[:K]
        return top[np.argsort(-s[top])]

    wanted = (meta["tenant"] == 0) & (meta["category"] == 0)

    def baseline_mask(q: np.ndarray) -> np.ndarray:
        s = vectors @ q
        s[~wanted] = -np.inf
        top = np.argpartition(-s, K - 1)[:K]
        return top[np.argsort(-s[top])]

    print("latency per query:")
    report("baseline (no filter)", timed(baseline, queries))
    with single_blas_thread():
        report("baseline, 1 BLAS thread", timed(baseline, queries))
    report("baseline+mask t+category", timed(baseline_mask, queries))
    filters = {
        "store t": MemoryFilter(tenant="t0"),
        "store t+category": MemoryFilter(tenant="t0", category=CATEGORIES[0]),
        "store t+cat+infl": MemoryFilter(tenant="t0", category=CATEGORIES[0], influencer_id="inf3"),
    }
    for name, flt in filters.items():
        report(name, timed(lambda q, f=flt: store.search_sync(q, f, K), queries))
    check_same_answer(store, baseline_mask, queries[:20])

    async_ms = timed(lambda q: asyncio.run(store.search(q, filters["store t+category"], K)), queries[:100])
    report("async t+category (+loop)", async_ms)
    qps = asyncio.run(concurrent_qps(store, filters["store t+category"], queries))
    print(f"  concurrent (4 callers) t+category: {qps:.0f} q/s")

    one, _ = build(vectors, 1, np.random.default_rng(7))
    report(
        "1-tenant t (full scan)", timed(lambda q: one.search_sync(q, MemoryFilter(tenant="t0"), K), queries)
    )
    one_cat = MemoryFilter(tenant="t0", category=CATEGORIES[0])
    report("1-tenant t+category", timed(lambda q: one.search_sync(q, one_cat, K), queries))
    qps = asyncio.run(concurrent_qps(one, MemoryFilter(tenant="t0"), queries))
    print(f"  concurrent (4 callers) 1-tenant full scan: {qps:.0f} q/s")


def check_same_answer(store: InMemoryVectorStore, reference: Callable, queries: np.ndarray) -> None:
    """The store must return exactly what brute force returns for the same filter."""
    flt = MemoryFilter(tenant="t0", category=CATEGORIES[0])
    for q in queries:
        got = [h.item.id for h in store.search_sync(q, flt, K)]
        assert got == [f"s{i}" for i in reference(q)], "store disagrees with brute force"
    print("  (store results identical to brute-force baseline+mask on 20 queries)")


def clustered(rng: np.random.Generator, n: int, dim: int, per_topic: int = 50) -> tuple[np.ndarray, ...]:
    """Items around topics (cos to their topic ~0.6, ~0.36 to a sibling, ~0 across topics)."""
    topics = unit_rows(rng, max(1, n // per_topic), dim)
    of = rng.integers(0, len(topics), n)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        sl = slice(start, min(n, start + 100_000))
        noise = rng.standard_normal((sl.stop - start, dim), dtype=np.float32) * (1.33 / np.sqrt(dim))
        out[sl] = topics[of[sl]] + noise
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return topics, of, out


def one_partition_entries(
    vectors: np.ndarray, of: np.ndarray, rng: np.random.Generator, tied: float
) -> list[StoredEntry]:
    """One tenant, one category; 50 influencers and n/500 products for the code filters. With
    probability `tied` an item's influencer follows its topic (influencers sell their own products);
    otherwise it is random (the worst case: an influencer's nearest scripts are noise-level)."""
    n, offset = len(vectors), 0
    infl = np.where(rng.random(n) < tied, of % 50, rng.integers(0, 50, n))
    prod = rng.integers(0, max(1, (offset + n) // 500), n)
    return [
        StoredEntry(
            key=f"k{offset + i}",
            item=MemoryItem(
                id=f"s{offset + i}",
                tenant="t0",
                text="",
                category="美妆",
                influencer_id=f"inf{infl[i]}",
                product_id=f"p{prod[i]}",
            ),
            vector=vectors[i],
        )
        for i in range(n)
    ]


def fill(store: InMemoryVectorStore, entries: list[StoredEntry], batch: int = 10_000) -> float:
    t0 = time.perf_counter()
    for start in range(0, len(entries), batch):
        store.add_sync(entries[start : start + batch])
    return time.perf_counter() - t0


def ann_main(items: int, dim: int, n_queries: int, tied: float) -> None:
    rng = np.random.default_rng(11)
    incremental = min(10_000, items // 10)
    base = items - incremental
    topics, of, vectors = clustered(rng, items, dim)
    entries = one_partition_entries(vectors, of, rng, tied)
    qrng = np.random.default_rng(12)
    q_topic = qrng.integers(0, len(topics), n_queries)
    queries = topics[q_topic]
    queries = queries + qrng.standard_normal(queries.shape, dtype=np.float32) * (1.33 / np.sqrt(dim))
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    print(f"ANN: {items} items in one tenant+category, dim {dim}, {len(topics)} topics, top-{K}")
    print(f"  influencer follows topic with probability {tied}")
    print(f"  load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    exact = InMemoryVectorStore(dim=dim, max_items=items)
    ann = InMemoryVectorStore(dim=dim, max_items=items, ann_threshold=base)
    print(f"  exact store fill {base:>9} items      {fill(exact, entries[:base]):8.2f} s")
    print(f"  HNSW params {ann._ann_params}")
    t_ann = fill(ann, entries[:base])
    print(f"  HNSW store fill (matrix; build starts) {t_ann:7.2f} s  (switch-over at {base} items)")
    watch_build(exact, ann, queries, base)
    for store in (exact, ann):
        t = fill(store, entries[base:], batch=100)
        name = "exact" if store is exact else "HNSW "
        print(f"  {name} incremental add {incremental} items  {t:8.2f} s  ({incremental / t:.0f} items/s)")
    t = time.perf_counter()
    assert ann.wait_for_graphs(7200), "per-code graphs started by the adds did not finish"
    print(f"  per-code graphs started by those adds, built in {time.perf_counter() - t:.2f} s")
    part = {"tenant": "t0", "category": "美妆"}
    filters = {
        "t (partition)": [MemoryFilter(**part)] * n_queries,
        # the orchestrator's case: the influencer whose product the query is about
        "t+own influencer": [MemoryFilter(**part, influencer_id=f"inf{t % 50}") for t in q_topic],
        # worst case: a fixed influencer, unrelated to most queries (its nearest items are noise-level)
        "t+other influencer": [MemoryFilter(**part, influencer_id="inf3")] * n_queries,
        "t+product (~500 rows)": [MemoryFilter(**part, product_id="p7")] * n_queries,
    }
    shard = ann._tenants["t0"]["美妆"]
    print(f"  graphs: partition {len(shard.graphs.main or ())} rows; per-code graphs {len(shard.graphs.sub)}")
    for name, flts in filters.items():
        ann_compare(exact, ann, flts, name, queries)


def watch_build(exact: InMemoryVectorStore, ann: InMemoryVectorStore, queries: np.ndarray, base: int) -> None:
    """Time the background build; meanwhile search the partition and check the answers are exact."""
    shard = ann._tenants["t0"]["美妆"]
    flt = MemoryFilter(tenant="t0", category="美妆", influencer_id="inf3")
    t0 = time.perf_counter()
    during, same, i = [], 0, 0
    while shard.ann is None and shard.graphs.building:
        q = queries[i % len(queries)]
        t = time.perf_counter()
        got = ann.search_sync(q, flt, K)
        during.append((time.perf_counter() - t) * 1000)
        same += [h.item.id for h in got] == [h.item.id for h in exact.search_sync(q, flt, K)]
        i += 1
        progress(shard.graphs, t0, i % 120 == 0)
        time.sleep(0.5)  # sample, do not compete with the build
    t_main = time.perf_counter() - t0
    print(f"  partition graph built in background   {t_main:8.2f} s  ({base / t_main:.0f} items/s)")
    if during:
        report("exact t+infl during build", np.asarray(during))
        print(f"    {same}/{len(during)} searches during the build identical to the exact store")
    while not ann.wait_for_graphs(60):
        progress(shard.graphs, t0, True)
    t_all = time.perf_counter() - t0
    subs = shard.graphs.sub
    rows = sum(len(g) for g in subs.values())
    print(
        f"  + {len(subs)} per-code graphs ({rows} rows)   {t_all - t_main:8.2f} s  "
        f"({rows / max(1e-9, t_all - t_main):.0f} items/s); total build {t_all:.2f} s"
    )


def progress(graphs: ShardGraphs, t0: float, show: bool) -> None:
    """Every minute: rows in the graph being built, so a run cut short still shows its build rate."""
    build = next(iter(graphs.queue.builds.values()), None)
    if show and build is not None:
        what = build.key or "partition"
        print(f"    {time.perf_counter() - t0:7.0f} s: building {what} graph, {len(build.graph)} rows")


def ann_compare(
    exact: InMemoryVectorStore,
    ann: InMemoryVectorStore,
    flts: list[MemoryFilter],
    name: str,
    queries: np.ndarray,
) -> None:
    pairs = list(zip(queries, flts, strict=True))
    for label, store in (("exact", exact), ("HNSW ", ann)):
        report(f"{label} {name}", timed_pairs(store, pairs))
    recall, mismatched = 0.0, 0
    for q, flt in pairs:
        want = {h.item.id for h in exact.search_sync(q, flt, K)}
        got = ann.search_sync(q, flt, K)
        mismatched += sum(not _matches(h.item, flt) for h in got) + (len(got) != len(want))
        recall += len(want & {h.item.id for h in got}) / max(1, len(want))
    flag = "ok" if recall / len(queries) >= 0.95 else "UNDER 0.95"
    print(f"    recall@{K} vs exact {recall / len(queries):.3f} {flag}; filter violations {mismatched}")


def timed_pairs(store: InMemoryVectorStore, pairs: list[tuple[np.ndarray, MemoryFilter]]) -> np.ndarray:
    for q, flt in pairs[:10]:
        store.search_sync(q, flt, K)  # warm caches
    out = np.empty(len(pairs))
    for i, (q, flt) in enumerate(pairs):
        t0 = time.perf_counter()
        store.search_sync(q, flt, K)
        out[i] = time.perf_counter() - t0
    return out * 1000


def _matches(item: MemoryItem, flt: MemoryFilter) -> bool:
    return item.tenant == flt.tenant and all(getattr(item, f) == v for f, v in flt.optional_terms().items())


if __name__ == "__main__":
    main()
