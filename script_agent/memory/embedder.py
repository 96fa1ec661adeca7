"""The Embedder port inside the memory package: texts in, unit vectors out.

Every implementation returns L2-normalised float32 rows so that the vector stores can rank by a plain
dot product (cosine) and a similarity threshold means the same thing whichever store holds the vectors.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Batch text embedder. `embed` never blocks the event loop (work goes to a thread)."""

    @property
    def name(self) -> str:
        """Stable identifier, shown in health and used to pick the calibrated threshold."""
        ...

    @property
    def dim(self) -> int: ...

    @property
    def default_min_similarity(self) -> float:
        """Threshold calibrated on the labelled Chinese set for this embedder (see tests/memory)."""
        ...

    async def warmup(self) -> None:
        """Load dictionaries or models once, off the event loop, before the first request needs them."""
        ...

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dim), float32, each row L2-normalised (or all zero)."""
        ...


def l2_normalize(matrix: np.ndarray) -> np.ndarray:
    """Normalise rows in place-safe fashion; all-zero rows (empty text) stay zero instead of NaN."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    normalized: np.ndarray = matrix / norms
    return normalized


class ThreadedModelEmbedder:
    """Shared entry points of embedders backed by a loaded model: loading and encoding are blocking,
    so both run in a worker thread. Subclasses provide `_load()` and `embed_sync()`."""

    def _load(self) -> Any:
        raise TypeError(f"{type(self).__name__} must implement _load()")

    def embed_sync(self, texts: Sequence[str]) -> np.ndarray:
        raise TypeError(f"{type(self).__name__} must implement embed_sync()")

    async def warmup(self) -> None:
        await asyncio.to_thread(self._load)

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        return await asyncio.to_thread(self.embed_sync, list(texts))
