"""Approximate nearest-neighbour graph (usearch HNSW) over one partition's rows.

Why usearch: it installs as a small manylinux wheel for CPython 3.11 (hnswlib ships only an sdist and
needs a compiler; faiss-cpu is a 19 MB wheel whose HNSW index cannot remove vectors), it supports
incremental adds and real removals, releases the GIL while it works, and can store vectors as int8 so a
1M x 512 graph stays a fraction of the float32 matrix it indexes. The graph only proposes candidates:
the owning shard re-scores them exactly against its float32 rows, so the scores returned are exact
cosines and int8 rounding can only affect which candidates are seen, never their order.
Not thread-safe by itself: the owning shard holds its lock around every call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from usearch.index import Index

Quantization = Literal["i8", "f16", "f32"]


@dataclass(frozen=True)
class AnnParams:
    """Graph knobs; defaults measured in bench/memory.py (recall@5 vs exact on clustered data)."""

    # 32, not 16 (bench/ann_sweep.py, 1M clustered rows, width 128): recall@5 0.977 vs 0.675, p95 ~6 vs
    # ~3 ms; walking wider on the sparser graph reached only 0.836 at width 512 (p95 ~8 ms). The cost:
    # builds and adds ~2.1x slower (200k rows: 112 vs 52 s), 128 more bytes of links per row (660 -> 788 B).
    connectivity: int = 32
    # 96, not lower: 48 built no faster measurably on this loaded machine and cost recall at 200k
    # (partition top-5 0.936 vs 0.994 at 96, bench/memory.py --ann --items 200000).
    expansion_add: int = 96
    expansion_search: int = 128
    quantization: Quantization = "i8"
    build_threads: int = 2  # bulk inserts (build, add batches); single adds and searches use 1 thread
    sub_graph_min_rows: int | None = None  # per-code graph size; None: where exact gather stops paying
    background_build: bool = True  # new graphs built by a worker thread while searches stay exact


class AnnIndex:
    def __init__(self, dim: int, params: AnnParams) -> None:
        self.params = params
        self._index = Index(
            ndim=dim,
            metric="cos",
            dtype=params.quantization,
            connectivity=params.connectivity,
            expansion_add=params.expansion_add,
            expansion_search=params.expansion_search,
        )
        self._width = params.expansion_search

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, label: int) -> bool:
        return int(label) in self._index

    def add(self, labels: np.ndarray, vectors: np.ndarray, bulk: bool = False) -> None:
        """Insert rows under stable integer labels (row numbers move on swap-delete; labels do not)."""
        if len(labels) == 0:
            return
        threads = self.params.build_threads if bulk else 1
        self._index.add(np.asarray(labels, dtype=np.uint64), vectors, threads=threads)

    def remove(self, label: int) -> None:
        """Idempotent: a build replays deletes that may precede the row's insert."""
        if int(label) in self._index:
            self._index.remove(int(label))

    @property
    def expansion(self) -> int:
        """The width the last search walked at (usearch's expansion_search)."""
        return int(self._index.expansion_search)

    def candidates(self, query: np.ndarray, count: int, width: int | None = None) -> np.ndarray:
        """Labels of up to `count` approximate nearest rows (unordered use: the shard re-scores them).
        `width`: the walk's width (usearch's expansion_search) for this search, default the params'."""
        count = min(count, len(self._index))
        if count <= 0:
            return np.empty(0, dtype=np.int64)
        width = width or self.params.expansion_search
        if width != self._width:  # the shard's lock makes setting it then searching atomic
            setattr(self._index, "expansion_search", width)  # noqa: B010 - the stubs miss its setter
            self._width = width
        matches = self._index.search(query, count, threads=1)
        return np.asarray(matches.keys, dtype=np.int64)
