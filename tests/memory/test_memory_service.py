"""LongTermMemory service: dedup on write, tenant-first recall, threshold, fail-open, health, factory."""

from __future__ import annotations

import socket

import pytest

from script_agent.config import Settings
from script_agent.config.memory import MemorySettings
from script_agent.memory.factory import build_memory
from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.opensearch_store import OpenSearchVectorStore
from script_agent.memory.service import MemoryService
from script_agent.memory.write_behind import WriteBehindMemory
from script_agent.observability.metrics import MEMORY_WRITES, REGISTRY
from script_agent.ports.health import FailMode, HealthStatus
from script_agent.ports.memory import LongTermMemory, MemoryItem, MemoryQuery

LIPSTICK = "家人们！这支丝绒口红上嘴显白又不拔干，豆沙色温柔，黄皮姐妹闭眼入。"
NOODLES = "嗦粉爱好者集合！正宗柳州螺蛳粉，酸笋够味汤底浓郁，宿舍夜宵必备。"


def make_memory(**kw: object) -> MemoryService:
    embedder = HashingEmbedder(dim=512)
    return MemoryService(embedder, InMemoryVectorStore(dim=512), **kw)  # type: ignore[arg-type]


def item(i: str, text: str, tenant: str = "t1", **kw: str) -> MemoryItem:
    return MemoryItem(id=i, tenant=tenant, text=text, **kw)


def writes(outcome: str) -> float:
    return REGISTRY.get_sample_value("script_agent_memory_writes_total", {"outcome": outcome}) or 0.0


def test_service_implements_the_port() -> None:
    assert isinstance(make_memory(), LongTermMemory)


async def test_same_tenant_same_normalised_text_is_stored_once() -> None:
    memory = make_memory()
    before = writes("duplicate")
    assert await memory.remember(item("a", LIPSTICK)) is True
    variant = "  家人们!这支丝绒口红上嘴显白又不拔干,豆沙色温柔,黄皮姐妹闭眼入  "  # half-width punctuation
    assert await memory.remember(item("b", variant)) is False
    assert await memory.remember(item("c", LIPSTICK)) is False
    assert await memory.remember(item("d", LIPSTICK, tenant="t2")) is True  # other tenant: its own copy
    assert await memory.store.count() == 2
    assert writes("duplicate") - before == 2
    MEMORY_WRITES.labels(outcome="stored")  # label exists; bounded vocabulary


async def test_empty_text_is_rejected() -> None:
    assert await make_memory().remember(item("a", "   ")) is False
    assert await make_memory().remember(item("a", "！！…")) is False


async def test_recall_is_tenant_first_and_sets_scores() -> None:
    memory = make_memory()
    await memory.remember(item("mine", NOODLES, tenant="t1"))
    await memory.remember(item("theirs", LIPSTICK, tenant="t2"))
    got = await memory.recall(MemoryQuery(tenant="t1", text="口红开场，显白不拔干"))
    assert all(h.tenant == "t1" for h in got)
    assert "theirs" not in {h.id for h in got}
    got2 = await memory.recall(MemoryQuery(tenant="t2", text="口红开场，显白不拔干"))
    assert [h.id for h in got2] == ["theirs"] and got2[0].score is not None and got2[0].score > 0.18


async def test_a_repeated_query_is_embedded_once_and_still_sees_new_scripts() -> None:
    class Counting(HashingEmbedder):
        calls = 0

        async def embed(self, texts):  # type: ignore[no-untyped-def]
            Counting.calls += 1
            return await super().embed(texts)

    memory = MemoryService(Counting(dim=512), InMemoryVectorStore(dim=512))
    query = MemoryQuery(tenant="t1", text="口红开场，显白不拔干")
    assert await memory.recall(query) == []
    await memory.remember(item("later", LIPSTICK))
    embeds = Counting.calls
    got = await memory.recall(query)
    assert [h.id for h in got] == ["later"]  # the store is searched again; only the query vector is kept
    assert Counting.calls == embeds


async def test_min_similarity_drops_unrelated_scripts() -> None:
    memory = make_memory()
    await memory.remember(item("lip", LIPSTICK, category="美妆"))
    await memory.remember(item("noodle", NOODLES, category="食品"))
    got = await memory.recall(MemoryQuery(tenant="t1", text="帮我写一段口红的话术"))
    assert [h.id for h in got] == ["lip"]
    assert await memory.recall(MemoryQuery(tenant="t1", text="二手房中介带看讲解")) == []


async def test_optional_filters_reach_the_store() -> None:
    memory = make_memory(min_similarity=-1.0)
    await memory.remember(item("a", LIPSTICK, influencer_id="i1", category="美妆", product_id="p1"))
    await memory.remember(
        item("b", LIPSTICK + "再来一段", influencer_id="i2", category="美妆", product_id="p2")
    )
    got = await memory.recall(MemoryQuery(tenant="t1", text="口红", influencer_id="i2"))
    assert [h.id for h in got] == ["b"]
    got = await memory.recall(MemoryQuery(tenant="t1", text="口红", product_id="p1", top_k=5))
    assert [h.id for h in got] == ["a"]


async def test_threshold_defaults_to_the_embedders_calibrated_value() -> None:
    assert make_memory().min_similarity == HashingEmbedder().default_min_similarity == 0.18
    assert make_memory(min_similarity=0.5).min_similarity == 0.5


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_unreachable_opensearch_fails_open_and_shows_in_health() -> None:
    """A real connection refused on loopback: recall yields nothing, remember says False, health DOWN."""
    store = OpenSearchVectorStore(f"http://127.0.0.1:{_closed_port()}", "idx", 512, timeout_s=0.5)
    memory = MemoryService(HashingEmbedder(dim=512), store)
    try:
        assert await memory.recall(MemoryQuery(tenant="t1", text="口红")) == []
        assert await memory.remember(item("a", LIPSTICK)) is False
        health = await memory.health()
        assert health.status == HealthStatus.DOWN and health.fail_mode == FailMode.OPEN
        assert health.required is False
        assert health.detail["backend"] == "opensearch" and health.detail["reachable"] is False
    finally:
        await memory.aclose()


async def test_health_names_backend_items_embedder() -> None:
    memory = make_memory()
    await memory.remember(item("a", LIPSTICK))
    health = await memory.health()
    assert health.status == HealthStatus.OK
    assert health.detail["backend"] == "memory" and health.detail["items"] == 1
    assert health.detail["reachable"] is True and health.detail["embedder"] == "hash-jieba+char"


def test_factory_disabled_gives_none() -> None:
    assert build_memory(Settings(memory=MemorySettings(enabled=False))) is None


def test_factory_default_is_hash_plus_in_memory_behind_a_write_queue() -> None:
    memory = build_memory(Settings(memory=MemorySettings(_env_file=None)))  # type: ignore[call-arg]
    assert isinstance(memory, WriteBehindMemory) and isinstance(memory.service, MemoryService)
    assert memory.service.embedder.name == "hash-jieba+char" and memory.store.backend == "memory"


def test_factory_without_write_behind_gives_the_service() -> None:
    memory = build_memory(Settings(memory=MemorySettings(_env_file=None, write_behind=False)))  # type: ignore[call-arg]
    assert isinstance(memory, MemoryService)


def test_factory_opensearch_needs_a_url() -> None:
    with pytest.raises(RuntimeError, match="OPENSEARCH_URL"):
        build_memory(Settings(memory=MemorySettings(vector_store="opensearch", opensearch_url=None)))


def test_env_selects_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LONGTERM_MEMORY_MIN_SIMILARITY", "0.4")
    monkeypatch.setenv("LONGTERM_MEMORY_HASH_FEATURES", "char")
    monkeypatch.setenv("LONGTERM_MEMORY_WRITE_QUEUE_SIZE", "7")
    memory = build_memory(Settings())
    assert isinstance(memory, WriteBehindMemory)
    assert memory.service.min_similarity == 0.4 and memory.service.embedder.name == "hash-char"
    assert memory._max_queue == 7
