"""LongTermMemory port implementation: an Embedder composed with a VectorStore.

Memory enriches prompts; it never decides whether a script gets written. So it fails open: a store error
makes `recall` return no examples and `remember` return False, counted in metrics and visible in health,
instead of failing the generation that called it.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from script_agent.memory.embedder import Embedder
from script_agent.memory.errors import MemoryCapacityError, MemoryStoreError
from script_agent.memory.records import MemoryFilter, StoredEntry
from script_agent.memory.text import _PUNCT_CATEGORIES as _PUNCT
from script_agent.memory.text import dedup_key, normalize_text
from script_agent.memory.vector_store import VectorStore
from script_agent.observability.metrics import MEMORY_RECALL_SECONDS, MEMORY_WRITES, STORE_ERRORS
from script_agent.ports.health import ComponentHealth
from script_agent.ports.memory import MemoryItem, MemoryQuery

log = logging.getLogger(__name__)
QUERY_CACHE_SIZE = 256


class QueryVectors:
    """Recall query text -> its embedding, LRU-bounded. Embedders are deterministic, and a recall
    query is the request's query plus the product name and category: the same few texts come back
    for every script asked about one product (jieba segmentation of one was ~0.3 ms per request).
    Rows are kept read-only, so no store can change a cached vector in place."""

    def __init__(self, max_entries: int = QUERY_CACHE_SIZE) -> None:
        self._max = max_entries
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()

    async def vector(self, embedder: Embedder, text: str) -> np.ndarray:
        hit = self._items.get(text)
        if hit is not None:
            self._items.move_to_end(text)
            return hit
        row = np.array((await embedder.embed([text]))[0])
        row.setflags(write=False)
        self._items[text] = row
        if len(self._items) > self._max:
            self._items.popitem(last=False)
        return row


class MemoryService:
    def __init__(
        self,
        embedder: Embedder,
        store: VectorStore,
        *,
        min_similarity: float | None = None,
        max_text_chars: int = 4000,
    ) -> None:
        """`min_similarity=None` uses the embedder's calibrated threshold (each embedder's score scale
        differs: 0.18 means "related" for the hashing embedder, 0.36 for USE)."""
        self._embedder = embedder
        self._store = store
        self._min_similarity = embedder.default_min_similarity if min_similarity is None else min_similarity
        self._max_text_chars = max_text_chars
        self._queries = QueryVectors()
        self._recall_seconds = MEMORY_RECALL_SECONDS.labels(store=store.backend)  # looked up once

    @property
    def min_similarity(self) -> float:
        return self._min_similarity

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    @property
    def store(self) -> VectorStore:
        return self._store

    async def warmup(self) -> None:
        await self._embedder.warmup()

    async def recall(self, query: MemoryQuery) -> list[MemoryItem]:
        """Top-k past scripts of this tenant (and influencer/category/product when given) whose cosine
        similarity to the query reaches the threshold, best first, each with `score` set."""
        flt = MemoryFilter(
            tenant=query.tenant,
            influencer_id=query.influencer_id,
            category=query.category,
            product_id=query.product_id,
        )
        if not normalize_text(query.text):
            return []
        text = query.text.strip()[: self._max_text_chars]
        start = time.perf_counter()
        try:
            vector = await self._queries.vector(self._embedder, text)
            hits = await self._store.search(vector, flt, query.top_k)
        except MemoryStoreError as exc:
            STORE_ERRORS.labels(component="memory", kind="recall").inc()
            log.warning("memory recall failed open: %s", exc)
            return []
        finally:
            self._recall_seconds.observe(time.perf_counter() - start)
        return [
            hit.item.model_copy(update={"score": round(hit.score, 4)})
            for hit in hits
            if hit.score >= self._min_similarity and hit.item.tenant == query.tenant
        ]

    def acceptable(self, item: MemoryItem) -> bool:
        """Whether `remember` would try to store it at all (an empty or punctuation-only text is not):
        `strip_punctuation(...)` is non-empty, decided at the first letter instead of a full pass."""
        return any(not unicodedata.category(ch).startswith(_PUNCT) for ch in normalize_text(item.text))

    async def remember(self, item: MemoryItem) -> bool:
        """Store one good script; False when the same tenant already has the same normalised text,
        when the text is empty, or when the store refused it."""
        return (await self.remember_many([item]))[0]

    async def remember_many(self, items: Sequence[MemoryItem], *, checked: bool = False) -> list[bool]:
        """`remember` for a batch: one embedding call and one store write for all of them (the
        write-behind queue's unit of work). A store failure fails the batch open: all False.
        `checked`: the caller already ran `acceptable` on every item."""
        out = [False] * len(items)
        todo = [
            (i, item, item.text.strip()) for i, item in enumerate(items) if checked or self.acceptable(item)
        ]
        if len(todo) < len(items):
            MEMORY_WRITES.labels(outcome="rejected").inc(len(items) - len(todo))
        if not todo:
            return out
        try:
            vectors = await self._embedder.embed([text[: self._max_text_chars] for _, _, text in todo])
            entries = [
                StoredEntry(
                    key=dedup_key(item.tenant, text), item=item.model_copy(update={"score": None}), vector=vec
                )
                for (_, item, text), vec in zip(todo, vectors, strict=True)
            ]
            stored = await self._store.add(entries)
        except MemoryCapacityError as exc:
            MEMORY_WRITES.labels(outcome="full").inc(len(todo))
            log.warning("memory write refused: %s", exc)
            return out
        except MemoryStoreError as exc:
            MEMORY_WRITES.labels(outcome="error").inc(len(todo))
            STORE_ERRORS.labels(component="memory", kind="write").inc()
            log.warning("memory write failed open: %s", exc)
            return out
        for (i, _, _), ok in zip(todo, stored, strict=True):
            out[i] = ok
        fresh = sum(stored)
        MEMORY_WRITES.labels(outcome="stored").inc(fresh)
        MEMORY_WRITES.labels(outcome="duplicate").inc(len(stored) - fresh)
        return out

    async def health(self) -> ComponentHealth:
        health = await self._store.health()
        health.detail.update(embedder=self._embedder.name, min_similarity=self._min_similarity)
        return health

    async def aclose(self) -> None:
        await self._store.aclose()
