"""OpenSearch k-NN VectorStore over opensearch-py's async client (extra `opensearch`).

The index is created on first use if missing. Every call carries a request timeout and the client's own
retries are off: memory is an optional enrichment, so a slow cluster must cost one bounded wait, not a
retry storm. Errors surface as MemoryStoreError; the service decides to fail open.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from script_agent.memory.errors import MemoryStoreError
from script_agent.memory.opensearch_queries import (
    bulk_create_body,
    hit_to_item,
    index_body,
    knn_search_body,
    parse_bulk_created,
)
from script_agent.memory.records import MemoryFilter, SearchHit, StoredEntry
from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus


class OpenSearchVectorStore:
    def __init__(
        self,
        url: str,
        index: str,
        dim: int,
        *,
        timeout_s: float = 2.0,
        refresh: bool | str = False,
        client: Any = None,
    ) -> None:
        """`refresh="wait_for"` makes writes visible to the next search (tests); production leaves it off
        because a just-written script does not need to be recallable within the refresh interval."""
        self._index = index
        self._dim = dim
        self._timeout = timeout_s
        self._refresh = refresh
        self._client = client if client is not None else _make_client(url, timeout_s)
        self._ready = False
        self._ready_lock = asyncio.Lock()

    @property
    def backend(self) -> str:
        return "opensearch"

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def index(self) -> str:
        return self._index

    @property
    def client(self) -> Any:
        """The underlying AsyncOpenSearch client (admin calls in tests and tooling)."""
        return self._client

    async def ensure_index(self) -> None:
        """Create the index with the k-NN mapping when missing (idempotent, race-safe)."""
        if self._ready:
            return
        from opensearchpy.exceptions import RequestError

        async with self._ready_lock:
            if self._ready:
                return
            try:
                if not await self._client.indices.exists(index=self._index, request_timeout=self._timeout):
                    await self._client.indices.create(
                        index=self._index, body=index_body(self._dim), request_timeout=self._timeout
                    )
            except RequestError as exc:  # another replica created it between exists and create
                if "resource_already_exists" not in str(exc):
                    raise MemoryStoreError(f"cannot create index: {exc}") from exc
            except Exception as exc:
                raise MemoryStoreError(f"opensearch unavailable: {exc}") from exc
            self._ready = True

    async def add(self, entries: Sequence[StoredEntry]) -> list[bool]:
        if not entries:
            return []
        await self.ensure_index()
        now = datetime.now(UTC).isoformat()
        body = bulk_create_body(self._index, entries, now)
        try:
            response = await self._client.bulk(
                body=body, refresh=self._refresh, request_timeout=self._timeout
            )
        except Exception as exc:
            raise MemoryStoreError(f"bulk write failed: {exc}") from exc
        created = parse_bulk_created(response)
        if any(c is None for c in created) or len(created) != len(entries):
            raise MemoryStoreError("bulk write partially failed")
        return [bool(c) for c in created]

    async def search(self, vector: np.ndarray, flt: MemoryFilter, k: int) -> list[SearchHit]:
        await self.ensure_index()
        query = np.asarray(vector, dtype=np.float32)
        try:
            response = await self._client.search(
                index=self._index, body=knn_search_body(query, flt, k), request_timeout=self._timeout
            )
        except Exception as exc:
            raise MemoryStoreError(f"search failed: {exc}") from exc
        hits: list[SearchHit] = []
        for raw in response.get("hits", {}).get("hits", []):
            item, stored = hit_to_item(raw)
            if item.tenant != flt.tenant:  # defence in depth: never hand out another tenant's script
                continue
            hits.append(SearchHit(item=item, score=_cosine(query, stored)))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]

    async def delete(self, keys: Sequence[str]) -> int:
        if not keys:
            return 0
        await self.ensure_index()
        body = [{"delete": {"_index": self._index, "_id": key}} for key in keys]
        try:
            response = await self._client.bulk(
                body=body, refresh=self._refresh, request_timeout=self._timeout
            )
        except Exception as exc:
            raise MemoryStoreError(f"bulk delete failed: {exc}") from exc
        return sum(1 for a in response.get("items", []) if a.get("delete", {}).get("status") == 200)

    async def count(self) -> int:
        await self.ensure_index()
        try:
            response = await self._client.count(index=self._index, request_timeout=self._timeout)
        except Exception as exc:
            raise MemoryStoreError(f"count failed: {exc}") from exc
        return int(response.get("count", 0))

    async def health(self) -> ComponentHealth:
        start = time.perf_counter()
        detail: dict[str, Any] = {"backend": self.backend, "index": self._index}
        try:
            detail["items"] = await self.count()
            detail["reachable"] = True
            status = HealthStatus.OK
        except MemoryStoreError as exc:
            detail.update(reachable=False, error=str(exc)[:200])
            status = HealthStatus.DOWN
        return ComponentHealth(
            name="memory",
            status=status,
            latency_ms=(time.perf_counter() - start) * 1000,
            fail_mode=FailMode.OPEN,  # recall returns nothing and generation goes on without examples
            required=False,
            detail=detail,
        )

    async def aclose(self) -> None:
        await self._client.close()


def _make_client(url: str, timeout_s: float) -> Any:
    from opensearchpy import AsyncOpenSearch

    return AsyncOpenSearch(
        hosts=[url],
        timeout=timeout_s,
        max_retries=0,
        retry_on_timeout=False,
    )


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    denom = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / denom if denom else 0.0
