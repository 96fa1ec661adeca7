"""The HNSW graphs of one partition: its lifecycle (switch-over, incremental adds, deletes, hysteresis).

Two kinds of graph:
- the partition graph, over every row, built once the partition reaches `threshold` rows and dropped
  again when deletes take it under half of that;
- per-code graphs, one per influencer / product value holding at least `sub_min` rows of the partition
  (the rows where an exact gather costs more than a graph walk). A filter on such a value walks its own
  graph, so the filter costs no recall: post-filtering a big partition's graph cannot reach matching rows
  that sit deep in its ranking. Values with fewer rows are served exactly (ann_search.py). Each row is
  in at most 1 + len(code columns) graphs, int8 storage keeps that a fraction of the float32 matrix.

Adds are queued and inserted in one multi-threaded call per batch (`flush`), under the shard's lock, so a
search never sees a row that is in the matrix but not yet in its graphs.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from script_agent.memory.ann_index import AnnIndex, AnnParams
from script_agent.memory.ann_search import EXACT_MAX_FLOPS

Code = tuple[int, int]  # (code column, code value)


class ShardGraphs:
    def __init__(self, dim: int, threshold: int, params: AnnParams) -> None:
        self.dim = dim
        self.threshold = threshold  # 0: never build
        self.params = params
        self.sub_min = params.sub_graph_min_rows or max(1, EXACT_MAX_FLOPS // dim)
        self.main: AnnIndex | None = None
        self.sub: dict[Code, AnnIndex] = {}
        self._counts: Counter[Code] = Counter()
        self._pending: list[int] = []  # rows added since the last flush

    def added(self, row: int, codes: tuple[int, ...]) -> None:
        for col, code in enumerate(codes):
            if code:
                self._counts[(col, code)] += 1
        self._pending.append(row)

    def flush(self, vectors: np.ndarray, codes: np.ndarray, labels: list[int], n: int) -> None:
        """Insert queued rows (or build everything at the switch-over). Arrays are the shard's, [0, n)."""
        pending, self._pending = np.asarray(self._pending, dtype=np.int64), []
        if self.main is None:
            if self.threshold and n >= self.threshold:
                self._build_all(vectors, codes, labels, n)
            return
        if pending.size == 0:
            return
        labs = np.asarray(labels, dtype=np.int64)
        self.main.add(labs[pending], vectors[pending], bulk=pending.size > 1)
        for col, code in {(c, int(v)) for c in range(codes.shape[1]) for v in codes[pending, c] if v}:
            graph = self.sub.get((col, code))
            if graph is not None:
                rows = pending[codes[pending, col] == code]
                graph.add(labs[rows], vectors[rows], bulk=rows.size > 1)
            elif self._counts[(col, code)] >= self.sub_min:
                self._build_sub((col, code), vectors, codes, labs, n)

    def removed(self, label: int, codes: tuple[int, ...], n_after: int) -> None:
        for col, code in enumerate(codes):
            if not code:
                continue
            key = (col, code)
            self._counts[key] -= 1
            if self._counts[key] <= 0:
                del self._counts[key]
            graph = self.sub.get(key)
            if graph is not None:
                graph.remove(label)
                if self._counts[key] < self.sub_min // 2:
                    del self.sub[key]
        if self.main is not None:
            self.main.remove(label)
            if n_after < self.threshold // 2:
                self.main, self.sub = None, {}  # small again: exact is cheaper and needs no graph memory

    def choose(self, wanted: dict[int, int]) -> tuple[AnnIndex, bool]:
        """The graph to walk for this filter (smallest matching per-code graph, else the partition's),
        and whether every row of it already satisfies the whole filter (then no mask is needed)."""
        subs = [(len(g), g) for col, code in wanted.items() if (g := self.sub.get((col, code)))]
        if subs:
            return min(subs, key=lambda s: s[0])[1], len(wanted) == 1
        assert self.main is not None
        return self.main, not wanted

    def _build_all(self, vectors: np.ndarray, codes: np.ndarray, labels: list[int], n: int) -> None:
        labs = np.asarray(labels, dtype=np.int64)
        self.main = AnnIndex(self.dim, self.params)
        self.main.add(labs, vectors[:n], bulk=True)
        for key, count in self._counts.items():
            if count >= self.sub_min:
                self._build_sub(key, vectors, codes, labs, n)

    def _build_sub(self, key: Code, vectors: np.ndarray, codes: np.ndarray, labs: np.ndarray, n: int) -> None:
        rows = np.flatnonzero(codes[:n, key[0]] == key[1])
        graph = AnnIndex(self.dim, self.params)
        graph.add(labs[rows], vectors[rows], bulk=True)
        self.sub[key] = graph
