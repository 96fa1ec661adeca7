"""What the real opensearch-py client sends for our store, captured by the loopback emulator."""

from __future__ import annotations

import uuid

from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.opensearch_queries import VECTOR_FIELD, index_body
from script_agent.memory.opensearch_store import OpenSearchVectorStore
from script_agent.memory.service import MemoryService
from script_agent.ports.memory import MemoryItem, MemoryQuery
from tests.memory.opensearch_emulator import OpenSearchEmulator


def new_store(emulator: OpenSearchEmulator, index: str, dim: int = 64) -> OpenSearchVectorStore:
    return OpenSearchVectorStore(emulator.url, index, dim, timeout_s=5.0)


async def test_requests_follow_the_documented_shapes(opensearch_emulator: OpenSearchEmulator) -> None:
    index = f"wire-{uuid.uuid4().hex[:8]}"
    memory = MemoryService(HashingEmbedder(dim=64), new_store(opensearch_emulator, index))
    start = len(opensearch_emulator.requests)
    item = MemoryItem(id="s1", tenant="t1", text="这支口红显白不拔干", category="美妆", influencer_id="i1")
    try:
        assert await memory.remember(item) is True
        assert await memory.remember(item) is False  # 409 from `create` -> duplicate
        query = MemoryQuery(tenant="t1", text="口红显白", category="美妆", influencer_id="i1")
        assert [g.id for g in await memory.recall(query)] == ["s1"]
    finally:
        await memory.aclose()

    sent = opensearch_emulator.requests[start:]
    assert [(m, p) for m, p, _, _ in sent[:2]] == [("HEAD", f"/{index}"), ("PUT", f"/{index}")]
    assert sent[1][3] == index_body(64)  # created once, with the k-NN mapping
    bulks = [r for r in sent if r[1] == "/_bulk"]
    assert len(bulks) == 2 and bulks[0][3][0] == {
        "create": {"_index": index, "_id": bulks[0][3][0]["create"]["_id"]}
    }
    search = next(r for r in sent if r[1] == f"/{index}/_search")
    knn = search[3]["query"]["knn"][VECTOR_FIELD]
    assert knn["k"] == 3 and len(knn["vector"]) == 64
    assert knn["filter"]["bool"]["filter"] == [
        {"term": {"tenant": "t1"}},
        {"term": {"influencer_id": "i1"}},
        {"term": {"category": "美妆"}},
    ]


async def test_concurrent_index_creation_is_tolerated(opensearch_emulator: OpenSearchEmulator) -> None:
    """Two replicas starting together both see no index; the loser's 400 already-exists is fine."""
    index = f"race-{uuid.uuid4().hex[:8]}"
    a, b = new_store(opensearch_emulator, index), new_store(opensearch_emulator, index)
    opensearch_emulator.head_says_missing = True
    try:
        await a.ensure_index()
        await b.ensure_index()  # HEAD says missing, PUT answers 400 resource_already_exists
        assert await b.count() == 0
    finally:
        opensearch_emulator.head_says_missing = False
        await a.aclose()
        await b.aclose()
    puts = [r for r in opensearch_emulator.requests if r[:2] == ("PUT", f"/{index}")]
    assert len(puts) == 2
