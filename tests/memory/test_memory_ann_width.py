"""The graph the store walks: dense enough for big partitions, its width set per search.

bench/ann_sweep.py at 1M clustered rows: connectivity 16 held recall@5 at 0.675 (0.836 even at width
512); connectivity 32 reached 0.977 at the default width 128, within the 10 ms p95 budget.
"""

from __future__ import annotations

import numpy as np

from script_agent.memory.ann_index import AnnIndex, AnnParams


def test_the_default_graph_is_the_dense_one_measured_at_1m() -> None:
    assert (AnnParams().connectivity, AnnParams().expansion_search) == (32, 128)


def test_a_search_walks_at_the_width_asked_then_back_at_the_default() -> None:
    index = AnnIndex(8, AnnParams())
    vectors = np.random.default_rng(1).standard_normal((50, 8)).astype(np.float32)
    index.add(np.arange(50), vectors)
    assert len(index.candidates(vectors[0], 5, width=300)) == 5
    assert index.expansion == 300
    assert len(index.candidates(vectors[0], 5)) == 5
    assert index.expansion == 128
