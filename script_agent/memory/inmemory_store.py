"""In-memory VectorStore: exact cosine over contiguous matrices partitioned by (tenant, category).

Filters are applied before ranking: the tenant (mandatory) and the category pick the partitions, the
influencer / product filters become integer-code masks inside them, and only surviving rows are scored.
Without a category filter every partition of the tenant is searched and the per-partition top-k merged.
A partition holding at least `ann_threshold` items switches to an HNSW graph (matrix_shard.py,
ann_index.py); smaller ones stay exact. Large searches, graph builds and every write run in a worker
thread so the event loop never waits on a matrix product, a graph walk or a matrix copy.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import threading
import time
from collections.abc import Sequence

import numpy as np

from script_agent.memory.ann_index import AnnParams
from script_agent.memory.blas import single_blas_thread
from script_agent.memory.errors import MemoryCapacityError
from script_agent.memory.matrix_shard import MatrixShard
from script_agent.memory.records import MemoryFilter, SearchHit, StoredEntry
from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus
from script_agent.ports.memory import MemoryItem

# Below this many multiply-adds a search costs less than a thread hop (~50-100 us), so it runs inline.
INLINE_SEARCH_MAX_FLOPS = 1_000_000
# Below this many multiply-adds OpenBLAS computes a matrix-vector product on the calling thread anyway
# (gemv goes threaded from 2304 x GEMM_MULTITHREAD_THRESHOLD = 9216): entering the one-thread limit
# (~10-25 us of threadpoolctl bookkeeping) would buy nothing for a small tenant's few hundred rows.
BLAS_THREADED_MIN_FLOPS = 9216
CODE_FIELDS = ("influencer_id", "product_id")  # filtered by mask inside a partition

Partitions = dict[str | None, MatrixShard]  # category -> shard, for one tenant


class InMemoryVectorStore:
    def __init__(
        self,
        dim: int,
        max_items: int = 200_000,
        ann_threshold: int = 0,
        ann_params: AnnParams | None = None,
    ) -> None:
        """`ann_threshold` = partition size at which search switches to the graph; 0 = always exact."""
        self._dim = dim
        self._max_items = max_items
        self._ann_threshold = ann_threshold
        self._ann_params = ann_params or AnnParams()
        self._lock = threading.Lock()  # guards the dicts below; each shard has its own lock for rows
        self._tenants: dict[str, Partitions] = {}
        self._codes: list[dict[str, int]] = [{} for _ in CODE_FIELDS]
        self._where: dict[str, tuple[str, str | None]] = {}  # key -> (tenant, category)

    @property
    def backend(self) -> str:
        return "memory"

    @property
    def dim(self) -> int:
        return self._dim

    async def add(self, entries: Sequence[StoredEntry]) -> list[bool]:
        return await asyncio.to_thread(self.add_sync, entries)

    def add_sync(self, entries: Sequence[StoredEntry]) -> list[bool]:
        """Blocking insert (threads, benchmarks). Refuses the whole batch if it would exceed max_items."""
        with self._lock:
            fresh = {e.key for e in entries if e.key not in self._where}
            if len(self._where) + len(fresh) > self._max_items:
                raise MemoryCapacityError(f"memory store is full ({self._max_items} items)")
            out: list[bool] = []
            groups: dict[int, tuple[MatrixShard, list[StoredEntry]]] = {}
            for entry in entries:
                if entry.key in self._where:
                    out.append(False)
                    continue
                self._check_vector(entry.vector)
                item = entry.item
                parts = self._tenants.setdefault(item.tenant, {})
                shard = parts.get(item.category)
                if shard is None:
                    shard = parts[item.category] = self._new_shard()
                groups.setdefault(id(shard), (shard, []))[1].append(entry)
                self._where[entry.key] = (item.tenant, item.category)
                out.append(True)
            for shard, group in groups.values():
                self._fill(shard, group)
            return out

    def _fill(self, shard: MatrixShard, group: list[StoredEntry]) -> None:
        """One lock hold per shard per batch: rows land, then their graph inserts go in one call."""
        with shard.lock:
            for e in group:
                shard.add(e.key, e.item, self._check_vector(e.vector), self._intern(e.item), flush=False)
            shard.flush()

    async def search(self, vector: np.ndarray, flt: MemoryFilter, k: int) -> list[SearchHit]:
        rows = sum(len(s) for s in self._partitions(flt))
        if rows == 0:
            return []
        if rows * self._dim <= INLINE_SEARCH_MAX_FLOPS:
            return self.search_sync(vector, flt, k)
        return await asyncio.to_thread(self.search_sync, vector, flt, k)

    def search_sync(self, vector: np.ndarray, flt: MemoryFilter, k: int) -> list[SearchHit]:
        shards = self._partitions(flt)
        if not shards:
            return []
        wanted: dict[int, int] = {}
        for col, field in enumerate(CODE_FIELDS):
            value = getattr(flt, field)
            if value is not None:
                code = self._codes[col].get(value)
                if code is None:
                    return []  # no item ever had this value: nothing can match
                wanted[col] = code
        query = self._check_vector(vector)
        hits: list[SearchHit] = []
        small = sum(len(s) for s in shards) * self._dim < BLAS_THREADED_MIN_FLOPS
        with contextlib.nullcontext() if small else single_blas_thread():
            for shard in shards:
                with shard.lock:
                    hits.extend(shard.search(query, wanted, k))
        return hits if len(shards) == 1 else heapq.nlargest(k, hits, key=lambda h: h.score)

    async def delete(self, keys: Sequence[str]) -> int:
        return await asyncio.to_thread(self._delete_sync, keys)

    def _delete_sync(self, keys: Sequence[str]) -> int:
        removed = 0
        with self._lock:
            for key in keys:
                where = self._where.pop(key, None)
                if where is None:
                    continue
                tenant, category = where
                parts = self._tenants[tenant]
                shard = parts[category]
                with shard.lock:
                    shard.delete(key)
                removed += 1
                if len(shard) == 0:
                    del parts[category]
                    if not parts:
                        del self._tenants[tenant]
        return removed

    async def count(self) -> int:
        return len(self._where)

    async def health(self) -> ComponentHealth:
        start = time.perf_counter()
        shards = self._shards()
        return ComponentHealth(
            name="memory",
            status=HealthStatus.OK,
            latency_ms=(time.perf_counter() - start) * 1000,
            fail_mode=FailMode.NONE,
            required=False,
            detail={
                "backend": self.backend,
                "reachable": True,
                "items": len(self._where),
                "tenants": len(self._tenants),
                "capacity": self._max_items,
                "ann_partitions": sum(s.ann is not None for s in shards),
                "ann_building": sum(s.graphs.building for s in shards),
            },
        )

    async def aclose(self) -> None:
        """Cancel background graph builds (their worker threads exit after the chunk in flight)."""
        for shard in self._shards():
            with shard.lock:
                shard.graphs.queue.cancel()

    def wait_for_graphs(self, timeout: float) -> bool:
        """Block until no partition is building a graph in the background (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        return all(s.graphs.wait(max(0.0, deadline - time.monotonic())) for s in self._shards())

    def _shards(self) -> list[MatrixShard]:
        with self._lock:
            return [s for parts in self._tenants.values() for s in parts.values()]

    def _new_shard(self) -> MatrixShard:
        return MatrixShard(
            self._dim, len(CODE_FIELDS), ann_threshold=self._ann_threshold, ann_params=self._ann_params
        )

    def _partitions(self, flt: MemoryFilter) -> list[MatrixShard]:
        """The shards a search may read: only this tenant's, and only the category asked for."""
        parts = self._tenants.get(flt.tenant)
        if not parts:
            return []
        if flt.category is not None:
            shard = parts.get(flt.category)
            return [shard] if shard is not None else []
        return list(parts.values())

    def _intern(self, item: MemoryItem) -> tuple[int, ...]:
        """Map optional field values to small ints (0 = unset) so filtering is a vector compare."""
        codes = []
        for col, field in enumerate(CODE_FIELDS):
            value = getattr(item, field)
            table = self._codes[col]
            codes.append(0 if value is None else table.setdefault(value, len(table) + 1))
        return tuple(codes)

    def _check_vector(self, vector: np.ndarray) -> np.ndarray:
        arr = np.asarray(vector, dtype=np.float32).reshape(-1)
        if arr.shape[0] != self._dim:
            raise ValueError(f"vector has dim {arr.shape[0]}, store expects {self._dim}")
        return arr
