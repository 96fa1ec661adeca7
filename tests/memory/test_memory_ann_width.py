"""The graph walk widens as the graph grows (bench/ann_sweep.py: a fixed width of 128 held recall@5 at
0.999 on 200k rows but fell to 0.675 at 1M; 512 gave 0.836 there within the 10 ms p95 budget)."""

from __future__ import annotations

import numpy as np

from script_agent.memory.ann_index import MAX_WIDTH, WIDEN_FROM, AnnIndex, AnnParams, search_width


def test_small_graphs_walk_at_the_configured_width() -> None:
    params = AnnParams()
    assert search_width(10_000, params) == search_width(WIDEN_FROM, params) == params.expansion_search


def test_big_graphs_walk_wider_up_to_a_cap() -> None:
    params = AnnParams()
    widths = [search_width(n, params) for n in (300_000, 500_000, 1_000_000, 5_000_000)]
    assert widths == sorted(widths) and widths[0] > params.expansion_search
    assert widths[2] == widths[3] == MAX_WIDTH


def test_a_width_set_above_the_cap_is_kept_and_widening_can_be_turned_off() -> None:
    assert search_width(1_000_000, AnnParams(expansion_search=1024)) == 1024
    assert search_width(1_000_000, AnnParams(widen_with_size=False)) == 128


def test_the_width_reaches_the_real_usearch_index() -> None:
    index = AnnIndex(8, AnnParams())
    vectors = np.random.default_rng(1).standard_normal((50, 8)).astype(np.float32)
    index.add(np.arange(50), vectors)
    assert len(index.candidates(vectors[0], 5, width=300)) == 5
    assert index.expansion == 300
    assert len(index.candidates(vectors[0], 5)) == 5  # back to the width for its size
    assert index.expansion == 128
