"""The VectorStore port: every backend (in-memory, OpenSearch) passes the same contract suite."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from script_agent.memory.records import MemoryFilter, SearchHit, StoredEntry
from script_agent.ports.health import ComponentHealth


@runtime_checkable
class VectorStore(Protocol):
    @property
    def backend(self) -> str:
        """Bounded label for metrics and health: "memory" or "opensearch"."""
        ...

    async def add(self, entries: Sequence[StoredEntry]) -> list[bool]:
        """Insert; per entry False when its key already exists (the existing item is kept)."""
        ...

    async def search(self, vector: np.ndarray, flt: MemoryFilter, k: int) -> list[SearchHit]:
        """Top-k by cosine among items matching `flt` (filters applied before ranking), best first."""
        ...

    async def delete(self, keys: Sequence[str]) -> int:
        """Remove by key; returns how many existed."""
        ...

    async def count(self) -> int: ...

    async def health(self) -> ComponentHealth: ...

    async def aclose(self) -> None: ...
