"""Pure builders for the OpenSearch k-NN requests (unit-tested against the documented format).

Format follows the OpenSearch k-NN plugin docs: an index with `index.knn: true` and a `knn_vector` field
using method `hnsw`, space `cosinesimil`, engine `lucene` — the engine whose filter runs *inside* the
graph search ("efficient filtering", OpenSearch >= 2.4), so top-k is computed after tenant/category/...
filtering instead of post-filtering k results down to fewer than k.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from script_agent.memory.records import MemoryFilter, StoredEntry
from script_agent.ports.memory import MemoryItem

VECTOR_FIELD = "embedding"
KEYWORD_FIELDS = ("tenant", "item_id", "influencer_id", "category", "product_id", "scene")
SOURCE_FIELDS = (*KEYWORD_FIELDS, "text", VECTOR_FIELD)


def index_body(dim: int, *, m: int = 16, ef_construction: int = 128) -> dict[str, Any]:
    """Settings + mappings for the memory index. `dynamic: strict` keeps stray fields out of the index."""
    properties: dict[str, Any] = {f: {"type": "keyword"} for f in KEYWORD_FIELDS}
    properties["text"] = {"type": "text", "index": False}
    properties["created_at"] = {"type": "date"}
    properties[VECTOR_FIELD] = {
        "type": "knn_vector",
        "dimension": dim,
        "method": {
            "name": "hnsw",
            "space_type": "cosinesimil",
            "engine": "lucene",
            "parameters": {"m": m, "ef_construction": ef_construction},
        },
    }
    return {
        "settings": {"index": {"knn": True}},
        "mappings": {"dynamic": "strict", "properties": properties},
    }


def filter_clause(flt: MemoryFilter) -> dict[str, Any]:
    """`bool.filter` of exact terms; the tenant term is always first and always present."""
    terms = [{"term": {"tenant": flt.tenant}}]
    terms.extend({"term": {field: value}} for field, value in flt.optional_terms().items())
    return {"bool": {"filter": terms}}


def knn_search_body(vector: np.ndarray, flt: MemoryFilter, k: int) -> dict[str, Any]:
    """Filtered k-NN: the filter sits inside `knn.<field>`, not in an outer bool (that would post-filter).

    The stored vector is returned so the caller computes the cosine itself: OpenSearch's score for
    `cosinesimil` has changed between versions (a 2.19 change), and the similarity threshold must mean the
    same thing on every store.
    """
    return {
        "size": k,
        "_source": {"includes": list(SOURCE_FIELDS)},
        "query": {
            "knn": {
                VECTOR_FIELD: {
                    "vector": [float(x) for x in np.asarray(vector, dtype=np.float32)],
                    "k": k,
                    "filter": filter_clause(flt),
                }
            }
        },
    }


def document(entry: StoredEntry, created_at: str) -> dict[str, Any]:
    item = entry.item
    return {
        "tenant": item.tenant,
        "item_id": item.id,
        "influencer_id": item.influencer_id,
        "category": item.category,
        "product_id": item.product_id,
        "scene": item.scene,
        "text": item.text,
        "created_at": created_at,
        VECTOR_FIELD: [float(x) for x in np.asarray(entry.vector, dtype=np.float32)],
    }


def bulk_create_body(index: str, entries: Sequence[StoredEntry], created_at: str) -> list[dict[str, Any]]:
    """NDJSON-ready action/source pairs. `create` (not `index`) with `_id` = dedup key makes the server
    refuse a duplicate with 409 instead of overwriting: dedup is atomic even across replicas."""
    body: list[dict[str, Any]] = []
    for entry in entries:
        body.append({"create": {"_index": index, "_id": entry.key}})
        body.append(document(entry, created_at))
    return body


def parse_bulk_created(response: dict[str, Any]) -> list[bool | None]:
    """Per action: True created, False duplicate (409), None any other failure."""
    out: list[bool | None] = []
    for action in response.get("items", []):
        status = next(iter(action.values())).get("status", 500)
        out.append(True if 200 <= status < 300 else False if status == 409 else None)
    return out


def hit_to_item(hit: dict[str, Any]) -> tuple[MemoryItem, np.ndarray]:
    src = hit["_source"]
    item = MemoryItem(
        id=src.get("item_id") or hit["_id"],
        tenant=src["tenant"],
        text=src["text"],
        influencer_id=src.get("influencer_id"),
        category=src.get("category"),
        product_id=src.get("product_id"),
        scene=src.get("scene"),
    )
    return item, np.asarray(src[VECTOR_FIELD], dtype=np.float32)
