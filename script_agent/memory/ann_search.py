"""Which rows to re-score on the graph path, with filters exact in effect.

Tenant and category are structural: each (tenant, category) partition has its own graph, so those two
filters never cost recall. Influencer / product are code masks inside the partition; a graph cannot
skip non-matching nodes without a per-node callback (usearch's Python API has none, and a Python
callback per visited node would cost more than it saves), so they are post-filters with over-fetch:

- a filter matching few rows (cheaper to gather and score than to walk the graph) -> exact over them;
- otherwise fetch k / selectivity x OVERFETCH candidates, keep the matching ones; if fewer than k
  survive, fetch 4x more, up to MAX_FETCH, then fall back to exact over the matching rows.

So a filtered search never returns a non-matching item and never returns fewer than min(k, matching)
items; only the choice among matching near neighbours is approximate, as it is without a filter.
"""

from __future__ import annotations

import math

import numpy as np

from script_agent.memory.ann_index import AnnIndex

EXACT_MAX_FLOPS = 2_000_000  # ~4k rows at dim 512: a gathered product here beats the graph walk
MIN_FETCH = 32  # candidates re-scored exactly even for k=1: cheap, and lifts recall at small k
OVERFETCH = 2.0  # margin over the expected k matches among the candidates
MAX_FETCH = 4096  # a wider walk costs more than exact over a selective filter's rows


def ann_rows(
    ann: AnnIndex,
    query: np.ndarray,
    k: int,
    n: int,
    mask: np.ndarray | None,
    row_of_label: dict[int, int],
    dim: int,
) -> np.ndarray:
    """Rows (all passing `mask`) among which the exact top-k is taken."""
    matching = n if mask is None else int(np.count_nonzero(mask))
    if matching == 0:
        return np.empty(0, dtype=np.int64)
    if mask is not None and matching * dim <= EXACT_MAX_FLOPS:
        return np.flatnonzero(mask)
    want = min(k, matching)
    fetch = max(MIN_FETCH, math.ceil(want * OVERFETCH * n / matching))
    while fetch <= MAX_FETCH or mask is None:
        rows = _lookup(ann.candidates(query, fetch), row_of_label)
        if mask is not None:
            rows = rows[mask[rows]]
        if rows.size >= want or mask is None:
            return rows
        fetch *= 4
    return np.flatnonzero(mask)


def _lookup(labels: np.ndarray, row_of_label: dict[int, int]) -> np.ndarray:
    get = row_of_label.get
    rows = np.fromiter((get(int(label), -1) for label in labels), dtype=np.int64, count=len(labels))
    return rows[rows >= 0]
