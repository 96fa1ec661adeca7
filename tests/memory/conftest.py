"""Store fixtures for the memory contract suite.

`memory` always runs; `memory-ann` is the same store with the switch-over threshold at one item, so
every partition answers from its HNSW graph and the contract is checked on that path too.
`opensearch-emulator` runs the real OpenSearchVectorStore and opensearch-py client over a loopback
socket against tests/memory/opensearch_emulator.py (a REST-subset emulator, not OpenSearch).
`opensearch` runs only against a real server named by OPENSEARCH_URL (or
LONGTERM_MEMORY_OPENSEARCH_URL); without one it is reported as SKIPPED with that reason — never as passed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import numpy as np
import pytest

from script_agent.memory.ann_index import AnnParams
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.vector_store import VectorStore
from tests.memory.opensearch_emulator import OpenSearchEmulator

DIM = 32
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL") or os.environ.get("LONGTERM_MEMORY_OPENSEARCH_URL")
NO_OPENSEARCH = "OpenSearch suite NOT RUN: set OPENSEARCH_URL to a real server to run it"


def unit(seed: int, dim: int = DIM) -> np.ndarray:
    vec = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return vec / np.linalg.norm(vec)


async def opensearch_store_ctx() -> AsyncIterator[VectorStore]:
    from script_agent.memory.opensearch_store import OpenSearchVectorStore

    assert OPENSEARCH_URL is not None
    index = f"script-agent-test-{uuid.uuid4().hex[:10]}"
    store = OpenSearchVectorStore(OPENSEARCH_URL, index, DIM, timeout_s=10.0, refresh="wait_for")
    try:
        yield store
    finally:
        await store.client.indices.delete(index=index, ignore_unavailable=True)
        await store.aclose()


@pytest.fixture(scope="session")
def opensearch_emulator() -> Iterator[OpenSearchEmulator]:
    emulator = OpenSearchEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture(
    params=[
        "memory",
        "memory-ann",
        "opensearch-emulator",
        pytest.param(
            "opensearch",
            marks=[pytest.mark.opensearch, pytest.mark.skipif(OPENSEARCH_URL is None, reason=NO_OPENSEARCH)],
        ),
    ]
)
async def store(request: pytest.FixtureRequest) -> AsyncIterator[VectorStore]:
    if request.param == "memory":
        yield InMemoryVectorStore(dim=DIM, max_items=10_000)
        return
    if request.param == "memory-ann":
        # Inline builds: a background build would leave the partition on its exact path while the
        # contract runs, and this variant exists to check the graph path.
        params = AnnParams(background_build=False)
        yield InMemoryVectorStore(dim=DIM, max_items=10_000, ann_threshold=1, ann_params=params)
        return
    if request.param == "opensearch-emulator":
        from script_agent.memory.opensearch_store import OpenSearchVectorStore

        emulator = request.getfixturevalue("opensearch_emulator")
        index = f"contract-{uuid.uuid4().hex[:10]}"
        store = OpenSearchVectorStore(emulator.url, index, DIM, timeout_s=5.0, refresh="wait_for")
        yield store
        await store.aclose()
        return
    async for s in opensearch_store_ctx():
        yield s
