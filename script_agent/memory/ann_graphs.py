"""The HNSW graphs of one partition: its lifecycle (switch-over, incremental adds, deletes, hysteresis).

Two kinds of graph:
- the partition graph, over every row, built once the partition reaches `threshold` rows and dropped
  again when deletes take it under half of that;
- per-code graphs, one per influencer / product value holding at least `sub_min` rows of the partition
  (the rows where an exact gather costs more than a graph walk). A filter on such a value walks its own
  graph, so the filter costs no recall: post-filtering a big partition's graph cannot reach matching rows
  that sit deep in its ranking. Values with fewer rows are served exactly (ann_search.py). Each row is
  in at most 1 + len(code columns) graphs, int8 storage keeps that a fraction of the float32 matrix.

New graphs are built in the background (ann_build.py): the partition graph first, then the per-code
ones, so the partition is searchable through its graph as soon as possible; while a per-code graph is
missing, its filter walks the partition graph with a mask. `AnnParams.background_build=False` builds
inline instead (inside the add that crossed the threshold, as before).
Adds to live graphs are queued and inserted in one multi-threaded call per batch (`flush`), under the
shard's lock, so a search never sees a row that is in the matrix but not yet in its live graphs.
"""

from __future__ import annotations

import threading
from collections import Counter, deque

import numpy as np

from script_agent.memory.ann_build import BuildQueue, Code, GraphBuild, Key, Snapshot
from script_agent.memory.ann_index import AnnIndex, AnnParams
from script_agent.memory.ann_search import EXACT_MAX_FLOPS

BULK_MIN = 16  # rows per insert worth a multi-threaded call; fewer cost more in thread start-up


class ShardGraphs:
    def __init__(
        self, dim: int, threshold: int, params: AnnParams, lock: threading.Lock, snapshot: Snapshot
    ) -> None:
        self.dim = dim
        self.threshold = threshold  # 0: never build
        self.params = params
        self.sub_min = params.sub_graph_min_rows or max(1, EXACT_MAX_FLOPS // dim)
        self.main: AnnIndex | None = None
        self.sub: dict[Code, AnnIndex] = {}
        self.queue = BuildQueue(lock, snapshot, self._install)
        self._counts: Counter[Code] = Counter()
        self._pending: list[int] = []  # rows added since the last flush

    def added(self, row: int, codes: tuple[int, ...]) -> None:
        for col, code in enumerate(codes):
            if code:
                self._counts[(col, code)] += 1
        self._pending.append(row)

    def flush(self, vectors: np.ndarray, codes: np.ndarray, labels: list[int], n: int) -> None:
        """Insert queued rows into live graphs, queue them on running builds, start builds that are due.
        Arrays are the shard's, rows [0, n)."""
        pending, self._pending = np.asarray(self._pending, dtype=np.int64), []
        if pending.size:
            # Labels of the new rows only: converting the whole label list cost ~40 ms per flush at 1M.
            labs = np.fromiter((labels[r] for r in pending), dtype=np.int64, count=pending.size)
            self._replay(labs, codes, pending)
            if self.main is not None:
                self.main.add(labs, vectors[pending], bulk=pending.size >= BULK_MIN)
            for col, code in self._codes_of(codes, pending):
                graph = self.sub.get((col, code))
                if graph is not None:
                    sel = codes[pending, col] == code
                    graph.add(labs[sel], vectors[pending[sel]], bulk=int(sel.sum()) >= BULK_MIN)
        if self.threshold and n >= self.threshold // 2:
            self._start_due(vectors, codes, labels, n)

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
            build = self.queue.builds.get(key)
            if build is not None:
                build.removed.add(label)
        if None in self.queue.builds:
            self.queue.builds[None].removed.add(label)
        if self.main is not None:
            self.main.remove(label)
        if (self.main is not None or self.queue.builds) and n_after < self.threshold // 2:
            self.main, self.sub = None, {}  # small again: exact is cheaper and needs no graph memory
            self.queue.cancel()

    def choose(self, wanted: dict[int, int]) -> tuple[AnnIndex, bool]:
        """The graph to walk for this filter (smallest matching per-code graph, else the partition's),
        and whether every row of it already satisfies the whole filter (then no mask is needed)."""
        subs = [(len(g), g) for col, code in wanted.items() if (g := self.sub.get((col, code)))]
        if subs:
            return min(subs, key=lambda s: s[0])[1], len(wanted) == 1
        assert self.main is not None
        return self.main, not wanted

    @property
    def building(self) -> bool:
        return bool(self.queue.builds)

    def wait(self, timeout: float) -> bool:
        """Block until background builds are done (tests, benchmarks); False on timeout."""
        return self.queue.wait(timeout)

    def _replay(self, labs: np.ndarray, codes: np.ndarray, pending: np.ndarray) -> None:
        """Rows added while a graph is being built go into that graph too (the worker inserts them).
        `labs` are the labels of `pending`, position for position."""
        for key, build in self.queue.builds.items():
            picked = labs if key is None else labs[codes[pending, key[0]] == key[1]]
            if picked.size:
                build.todo.append(picked)

    def _start_due(self, vectors: np.ndarray, codes: np.ndarray, labels: list[int], n: int) -> None:
        builds = self.queue.builds
        if self.main is None and None not in builds:
            if n < self.threshold or None in self.queue.failed:
                return
            labs = np.asarray(labels, dtype=np.int64)
            self._start(None, labs[:n], vectors, codes, labs, n)
        for key, count in list(self._counts.items()):
            due = count >= self.sub_min and key not in self.sub and key not in builds
            if due and key not in self.queue.failed:
                labs = np.asarray(labels, dtype=np.int64)
                rows = np.flatnonzero(codes[:n, key[0]] == key[1])
                self._start(key, labs[rows], vectors, codes, labs, n)

    def _start(
        self, key: Key, members: np.ndarray, vectors: np.ndarray, codes: np.ndarray, labs: np.ndarray, n: int
    ) -> None:
        build = GraphBuild(key, AnnIndex(self.dim, self.params), deque([members]))
        if self.params.background_build:
            self.queue.start(build)
            return
        rows = np.arange(n) if key is None else np.flatnonzero(codes[:n, key[0]] == key[1])
        build.graph.add(labs[rows], vectors[rows], bulk=True)
        self._install(build)

    def _install(self, build: GraphBuild) -> None:
        if build.key is None:
            self.main = build.graph
        else:
            self.sub[build.key] = build.graph

    @staticmethod
    def _codes_of(codes: np.ndarray, rows: np.ndarray) -> set[Code]:
        return {(c, int(v)) for c in range(codes.shape[1]) for v in np.unique(codes[rows, c]) if v}
