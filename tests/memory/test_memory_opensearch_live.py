"""OpenSearch against a real server. Runs only when OPENSEARCH_URL is set; otherwise SKIPPED (not run).

The rest of the OpenSearch contract runs through the `opensearch` param of test_memory_store_contract.py.
"""

from __future__ import annotations

import pytest

from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.opensearch_store import OpenSearchVectorStore
from script_agent.memory.service import MemoryService
from script_agent.ports.memory import MemoryItem, MemoryQuery
from tests.memory.conftest import NO_OPENSEARCH, OPENSEARCH_URL, opensearch_store_ctx

pytestmark = [pytest.mark.opensearch, pytest.mark.skipif(OPENSEARCH_URL is None, reason=NO_OPENSEARCH)]


async def test_index_is_created_with_the_knn_mapping() -> None:
    async for store in opensearch_store_ctx():
        assert isinstance(store, OpenSearchVectorStore)
        await store.ensure_index()
        mapping = await store.client.indices.get_mapping(index=store.index)
        props = next(iter(mapping.values()))["mappings"]["properties"]
        assert props["embedding"]["type"] == "knn_vector"


async def test_service_dedups_and_recalls_through_opensearch() -> None:
    async for store in opensearch_store_ctx():
        memory = MemoryService(HashingEmbedder(dim=32), store)
        item = MemoryItem(id="s1", tenant="t1", text="这支口红显白不拔干，丝绒雾面", category="美妆")
        assert await memory.remember(item) is True
        assert await memory.remember(item.model_copy(update={"id": "s2"})) is False
        hits = await memory.recall(MemoryQuery(tenant="t1", text="口红 显白 丝绒", category="美妆"))
        assert [h.id for h in hits] == ["s1"]
        assert await memory.recall(MemoryQuery(tenant="t2", text="口红 显白 丝绒")) == []
