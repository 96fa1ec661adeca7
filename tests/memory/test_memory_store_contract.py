"""One contract for every VectorStore implementation (in-memory here; OpenSearch when a server exists)."""

from __future__ import annotations

import numpy as np
import pytest

from script_agent.memory.records import MemoryFilter, StoredEntry
from script_agent.memory.vector_store import VectorStore
from script_agent.ports.health import HealthStatus
from script_agent.ports.memory import MemoryItem
from tests.memory.conftest import unit


def entry(key: str, vec: np.ndarray, tenant: str = "t1", **fields: str | None) -> StoredEntry:
    item = MemoryItem(id=f"id-{key}", tenant=tenant, text=f"text {key}", **fields)
    return StoredEntry(key=key, item=item, vector=vec)


async def test_add_is_create_only(store: VectorStore) -> None:
    assert await store.add([entry("a", unit(1))]) == [True]
    assert await store.add([entry("a", unit(2)), entry("b", unit(3))]) == [False, True]
    assert await store.count() == 2
    hits = await store.search(unit(1), MemoryFilter(tenant="t1"), 1)
    assert hits[0].item.id == "id-a" and hits[0].score == pytest.approx(1.0, abs=1e-4)  # original kept


async def test_search_ranks_by_cosine_best_first(store: VectorStore) -> None:
    vecs = {f"k{i}": unit(i) for i in range(20)}
    await store.add([entry(k, v) for k, v in vecs.items()])
    query = unit(999)
    hits = await store.search(query, MemoryFilter(tenant="t1"), 5)
    expected = sorted(vecs, key=lambda k: -float(vecs[k] @ query))[:5]
    assert [h.item.id for h in hits] == [f"id-{k}" for k in expected]
    for hit, key in zip(hits, expected, strict=True):
        assert hit.score == pytest.approx(float(vecs[key] @ query), abs=1e-4)


async def test_k_bounds_results(store: VectorStore) -> None:
    await store.add([entry(f"k{i}", unit(i)) for i in range(3)])
    assert len(await store.search(unit(0), MemoryFilter(tenant="t1"), 10)) == 3
    assert len(await store.search(unit(0), MemoryFilter(tenant="t1"), 2)) == 2


async def test_filters_apply_before_ranking(store: VectorStore) -> None:
    """Many nearer items of another category must not crowd out the k wanted ones (no post-filtering)."""
    query = unit(7)
    near = [entry(f"near{i}", query + 0.01 * unit(100 + i), category="美妆") for i in range(30)]
    far = [entry(f"far{i}", unit(200 + i), category="食品") for i in range(5)]
    await store.add(near + far)
    hits = await store.search(query, MemoryFilter(tenant="t1", category="食品"), 3)
    assert len(hits) == 3 and {h.item.category for h in hits} == {"食品"}


async def test_each_optional_filter(store: VectorStore) -> None:
    await store.add(
        [
            entry("a", unit(1), influencer_id="inf-1", category="美妆", product_id="p1"),
            entry("b", unit(2), influencer_id="inf-2", category="美妆", product_id="p2"),
            entry("c", unit(3), influencer_id="inf-1", category="食品", product_id="p3"),
            entry("d", unit(4)),
        ]
    )
    q = unit(5)

    async def ids(**kw: str) -> set[str]:
        return {h.item.id for h in await store.search(q, MemoryFilter(tenant="t1", **kw), 10)}

    assert await ids(influencer_id="inf-1") == {"id-a", "id-c"}
    assert await ids(category="美妆") == {"id-a", "id-b"}
    assert await ids(product_id="p3") == {"id-c"}
    assert await ids(influencer_id="inf-1", category="美妆") == {"id-a"}
    assert await ids(category="母婴") == set()
    assert await ids() == {"id-a", "id-b", "id-c", "id-d"}


async def test_tenant_isolation_even_when_other_tenant_is_nearest(store: VectorStore) -> None:
    query = unit(42)
    await store.add([entry(f"other{i}", query, tenant="t-other") for i in range(10)])
    await store.add([entry("mine", unit(43), tenant="t-mine")])
    hits = await store.search(query, MemoryFilter(tenant="t-mine"), 5)
    assert [h.item.tenant for h in hits] == ["t-mine"]
    assert await store.search(query, MemoryFilter(tenant="t-nobody"), 5) == []


def test_tenant_is_mandatory() -> None:
    with pytest.raises(ValueError):
        MemoryFilter(tenant="")


async def test_delete_keeps_the_rest_searchable(store: VectorStore) -> None:
    vecs = {f"k{i}": unit(i) for i in range(10)}
    await store.add([entry(k, v) for k, v in vecs.items()])
    assert await store.delete(["k0", "k4", "missing"]) == 2
    assert await store.count() == 8
    for key, vec in vecs.items():
        hits = await store.search(vec, MemoryFilter(tenant="t1"), 1)
        if key in ("k0", "k4"):
            assert hits[0].item.id != f"id-{key}"
        else:
            assert hits[0].item.id == f"id-{key}" and hits[0].score == pytest.approx(1.0, abs=1e-4)
    assert await store.add([entry("k0", vecs["k0"])]) == [True]  # a deleted key can be stored again


async def test_health_reports_backend_items_reachability(store: VectorStore) -> None:
    await store.add([entry("a", unit(1)), entry("b", unit(2))])
    health = await store.health()
    assert health.status == HealthStatus.OK
    assert health.detail["backend"] == store.backend
    assert health.detail["items"] == 2 and health.detail["reachable"] is True
    assert health.required is False


async def test_unfiltered_search_merges_across_categories(store: VectorStore) -> None:
    cats = ["美妆", "食品", "数码", None]
    vecs = {f"k{i}": unit(300 + i) for i in range(40)}
    await store.add([entry(k, v, category=cats[i % 4]) for i, (k, v) in enumerate(vecs.items())])
    query = unit(1234)
    expected = sorted(vecs, key=lambda k: -float(vecs[k] @ query))[:5]
    hits = await store.search(query, MemoryFilter(tenant="t1"), 5)
    assert [h.item.id for h in hits] == [f"id-{k}" for k in expected]
    in_food = await store.search(query, MemoryFilter(tenant="t1", category="食品"), 3)
    food = [k for i, k in enumerate(vecs) if cats[i % 4] == "食品"]
    assert [h.item.id for h in in_food] == [
        f"id-{k}" for k in sorted(food, key=lambda k: -float(vecs[k] @ query))[:3]
    ]
