"""One partition's vectors: a contiguous, preallocated float32 matrix with swap-delete.

The store keeps one shard per (tenant, category): tenant is mandatory on every search, so another
tenant's vectors are never in the array being ranked (isolation is structural), and category is what
the orchestrator nearly always sends, so a filtered search reads one contiguous block proportional to
that slice, not the whole store. Remaining filters (influencer, product) are integer-code columns.
Above `ann_threshold` rows the shard also keeps HNSW graphs (ann_graphs.py) and answers from them;
below it (and after deletes take it under half the threshold) it searches exactly. See ann_search.py
for how filters stay exact in effect on the graph path.
Not thread-safe by itself: the owning store holds `lock` around every call.
"""

from __future__ import annotations

import threading

import numpy as np

from script_agent.memory.ann_graphs import ShardGraphs
from script_agent.memory.ann_index import AnnIndex, AnnParams
from script_agent.memory.ann_search import ann_rows
from script_agent.memory.records import SearchHit
from script_agent.ports.memory import MemoryItem

_INITIAL_ROWS = 64


class MatrixShard:
    def __init__(
        self,
        dim: int,
        n_codes: int,
        initial_rows: int = _INITIAL_ROWS,
        ann_threshold: int = 0,
        ann_params: AnnParams | None = None,
    ) -> None:
        self.dim = dim
        self.lock = threading.Lock()
        params = ann_params or AnnParams()
        self.graphs = ShardGraphs(dim, ann_threshold, params, self.lock, self._snapshot)  # 0: exact
        self._labels: list[int] = []  # stable id per row for the graph; moves with the row
        self._row_of_label: dict[int, int] = {}
        self._next_label = 0
        self._vectors = np.zeros((initial_rows, dim), dtype=np.float32)
        self._codes = np.zeros((initial_rows, n_codes), dtype=np.int32)  # one column per code field
        self._keys: list[str] = []
        self._items: list[MemoryItem] = []
        self._row_of: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._row_of

    @property
    def ann(self) -> AnnIndex | None:
        """The partition graph, or None while the shard searches exactly."""
        return self.graphs.main

    def add(
        self, key: str, item: MemoryItem, vector: np.ndarray, codes: tuple[int, ...], flush: bool = True
    ) -> None:
        """`flush=False` queues the graph insert; the caller must `flush()` before releasing the lock."""
        row = len(self._keys)
        if row == self._vectors.shape[0]:
            self._resize(row * 2)  # doubling: amortised O(1) per insert
        self._vectors[row] = vector
        self._codes[row] = codes
        self._keys.append(key)
        self._items.append(item)
        self._row_of[key] = row
        label = self._next_label
        self._next_label += 1
        self._labels.append(label)
        self._row_of_label[label] = row
        self.graphs.added(row, codes)
        if flush:
            self.flush()

    def flush(self) -> None:
        """Put queued rows into the graphs in one batch (or build them at the switch-over)."""
        n = len(self._keys)
        self.graphs.flush(self._vectors, self._codes, self._labels, n)

    def delete(self, key: str) -> bool:
        """Swap-delete: the last row moves into the hole, so rows [0, n) stay dense (no tombstones)."""
        row = self._row_of.pop(key, None)
        if row is None:
            return False
        last = len(self._keys) - 1
        label = self._labels[row]
        del self._row_of_label[label]
        self.graphs.removed(label, tuple(int(c) for c in self._codes[row]), last)
        if row != last:
            self._vectors[row] = self._vectors[last]
            self._codes[row] = self._codes[last]
            self._keys[row] = self._keys[last]
            self._items[row] = self._items[last]
            self._labels[row] = self._labels[last]
            self._row_of[self._keys[row]] = row
            self._row_of_label[self._labels[row]] = row
        self._keys.pop()
        self._items.pop()
        self._labels.pop()
        capacity = self._vectors.shape[0]
        if capacity > _INITIAL_ROWS and last < capacity // 4:
            self._resize(max(_INITIAL_ROWS, capacity // 2))  # give memory back after mass deletes
        return True

    def search(self, query: np.ndarray, wanted: dict[int, int], k: int) -> list[SearchHit]:
        """Exact cosine top-k over rows whose codes match `wanted` (column -> code), best first."""
        n = len(self._keys)
        if n == 0:
            return []
        if self.ann is not None:
            return self._ann_search(query, wanted, k, n)
        if wanted:
            rows = np.flatnonzero(self._mask(wanted, n))
            if rows.size == 0:
                return []
            scores = self._filtered_scores(query, rows, n)
        else:
            rows = None
            scores = self._vectors[:n] @ query
        top = _top_k(scores, k)
        picked = top if rows is None else rows[top]
        return [
            SearchHit(item=self._items[r], score=float(s)) for r, s in zip(picked, scores[top], strict=True)
        ]

    def _ann_search(self, query: np.ndarray, wanted: dict[int, int], k: int, n: int) -> list[SearchHit]:
        graph, covered = self.graphs.choose(wanted)
        mask = None if covered else self._mask(wanted, n)
        rows = ann_rows(graph, query, k, len(graph), mask, self._row_of_label, self.dim)
        if rows.size == 0:
            return []
        scores = self._vectors[rows] @ query  # exact re-score of the candidates
        top = _top_k(scores, k)
        return [
            SearchHit(item=self._items[r], score=float(s))
            for r, s in zip(rows[top], scores[top], strict=True)
        ]

    def _snapshot(self, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For a background build, under the lock: the labels still present and a copy of their rows."""
        get = self._row_of_label.get
        rows = np.fromiter((get(int(label), -1) for label in labels), dtype=np.int64, count=len(labels))
        keep = rows >= 0
        return labels[keep], self._vectors[rows[keep]]

    def _mask(self, wanted: dict[int, int], n: int) -> np.ndarray:
        mask = np.ones(n, dtype=bool)
        for col, code in wanted.items():
            mask &= self._codes[:n, col] == code
        return mask

    def _filtered_scores(self, query: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
        """Score only the surviving rows. A selective filter gathers them (reads only those rows); when
        most rows survive, one contiguous product is cheaper than copying nearly the whole matrix."""
        gathered = rows.size * 3 <= n
        scores: np.ndarray = self._vectors[rows] @ query if gathered else (self._vectors[:n] @ query)[rows]
        return scores

    def _resize(self, rows: int) -> None:
        n = len(self._keys)
        vectors = np.zeros((rows, self.dim), dtype=np.float32)
        vectors[:n] = self._vectors[:n]
        codes = np.zeros((rows, self._codes.shape[1]), dtype=np.int32)
        codes[:n] = self._codes[:n]
        self._vectors, self._codes = vectors, codes


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best scores, best first: argpartition is O(n), only the k winners get sorted."""
    part = np.argpartition(-scores, k - 1)[:k] if scores.size > k else np.arange(scores.size)
    return part[np.argsort(-scores[part], kind="stable")]
