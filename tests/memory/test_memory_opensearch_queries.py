"""The OpenSearch request builders, checked against the k-NN plugin's documented request format."""

from __future__ import annotations

import json

import numpy as np

from script_agent.memory.opensearch_queries import (
    VECTOR_FIELD,
    bulk_create_body,
    filter_clause,
    hit_to_item,
    index_body,
    knn_search_body,
    parse_bulk_created,
)
from script_agent.memory.records import MemoryFilter, StoredEntry
from script_agent.ports.memory import MemoryItem


def test_index_body_is_a_knn_index_with_hnsw_cosine() -> None:
    body = index_body(384)
    assert body["settings"]["index"]["knn"] is True
    props = body["mappings"]["properties"]
    vec = props[VECTOR_FIELD]
    assert vec["type"] == "knn_vector" and vec["dimension"] == 384
    assert vec["method"]["name"] == "hnsw"
    assert vec["method"]["space_type"] == "cosinesimil"
    assert vec["method"]["engine"] == "lucene"  # the engine that filters inside the graph search
    assert set(vec["method"]["parameters"]) == {"m", "ef_construction"}
    for field in ("tenant", "influencer_id", "category", "product_id"):
        assert props[field] == {"type": "keyword"}  # exact-match term filters
    json.dumps(body)  # serialisable as sent


def test_knn_query_puts_the_filter_inside_the_knn_clause() -> None:
    flt = MemoryFilter(tenant="t1", category="美妆", product_id="p9")
    body = knn_search_body(np.array([0.5, 0.25], dtype=np.float32), flt, 4)
    assert body["size"] == 4
    assert list(body["query"]) == ["knn"]  # no outer bool: that would post-filter the k results
    knn = body["query"]["knn"][VECTOR_FIELD]
    assert knn["vector"] == [0.5, 0.25] and knn["k"] == 4
    assert knn["filter"] == {
        "bool": {
            "filter": [
                {"term": {"tenant": "t1"}},
                {"term": {"category": "美妆"}},
                {"term": {"product_id": "p9"}},
            ]
        }
    }
    assert VECTOR_FIELD in body["_source"]["includes"]
    json.dumps(body)


def test_filter_always_carries_the_tenant() -> None:
    assert filter_clause(MemoryFilter(tenant="only")) == {"bool": {"filter": [{"term": {"tenant": "only"}}]}}


def test_bulk_body_uses_create_with_the_dedup_key_as_id() -> None:
    item = MemoryItem(id="script-1", tenant="t1", text="口红开场", category="美妆", scene="opening")
    body = bulk_create_body(
        "idx", [StoredEntry(key="k1", item=item, vector=np.ones(3))], "2026-01-01T00:00:00Z"
    )
    assert body[0] == {"create": {"_index": "idx", "_id": "k1"}}
    doc = body[1]
    assert doc["tenant"] == "t1" and doc["item_id"] == "script-1" and doc["text"] == "口红开场"
    assert doc[VECTOR_FIELD] == [1.0, 1.0, 1.0] and doc["created_at"] == "2026-01-01T00:00:00Z"
    assert set(doc) <= set(index_body(3)["mappings"]["properties"])  # strict mapping accepts it
    "\n".join(json.dumps(line, ensure_ascii=False) for line in body)


def test_parse_bulk_response_maps_statuses() -> None:
    response = {
        "errors": True,
        "items": [
            {"create": {"_id": "a", "status": 201}},
            {"create": {"_id": "b", "status": 409, "error": {"type": "version_conflict_engine_exception"}}},
            {"create": {"_id": "c", "status": 429}},
        ],
    }
    assert parse_bulk_created(response) == [True, False, None]


def test_hit_to_item_round_trips_a_document() -> None:
    item = MemoryItem(id="s1", tenant="t1", text="文本", influencer_id="i1", product_id="p1")
    doc = bulk_create_body("idx", [StoredEntry(key="k", item=item, vector=np.array([0.6, 0.8]))], "now")[1]
    back, vec = hit_to_item({"_id": "k", "_score": 1.9, "_source": doc})
    assert back == item
    np.testing.assert_allclose(vec, [0.6, 0.8], rtol=1e-6)
