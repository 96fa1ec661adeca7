"""A model-free embedder: signed feature hashing of Chinese-aware features into a fixed dimension.

Needs no weights and no network, so it is the embedded default. Hashes are stable across processes
(blake2b, not Python's salted `hash`), which matters because vectors outlive the process in OpenSearch.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from script_agent.memory.embedder import l2_normalize
from script_agent.memory.features import FEATURE_SETS
from script_agent.memory.segmenter import segmenter_loaded, warmup_segmenter

# Calibrated on tests/memory/data with tests/memory/eval_recall.py (see the README table / report).
CALIBRATED_MIN_SIMILARITY: dict[str, float] = {
    "char": 0.19,
    "char-bigram": 0.15,
    "jieba": 0.19,
    "jieba-search": 0.25,
    "jieba+char": 0.18,
}
# jieba words + character bigrams recalled best on the labelled set (R@3 0.785 vs 0.743 for char n-grams).
DEFAULT_FEATURES = "jieba+char"
INLINE_EMBED_MAX_CHARS = 64


@lru_cache(maxsize=200_000)
def _bucket(token: str, dim: int) -> tuple[int, float]:
    """Bucket index and sign for one feature; the sign halves the bias that collisions add to cosine."""
    digest = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
    return digest % dim, (1.0 if (digest >> 63) & 1 else -1.0)


class HashingEmbedder:
    """Embedder port implementation; `features` picks one of `FEATURE_SETS`."""

    def __init__(self, dim: int = 512, features: str = DEFAULT_FEATURES) -> None:
        if features not in FEATURE_SETS:
            raise ValueError(f"unknown feature set {features!r}; choose from {sorted(FEATURE_SETS)}")
        self._dim = dim
        self._features = features
        self._extract = FEATURE_SETS[features]

    @property
    def name(self) -> str:
        return f"hash-{self._features}"

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def default_min_similarity(self) -> float:
        return CALIBRATED_MIN_SIMILARITY[self._features]

    @property
    def needs_segmenter(self) -> bool:
        return self._features.startswith("jieba")

    async def warmup(self) -> None:
        if self.needs_segmenter:
            await warmup_segmenter()

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        # jieba segmentation of a few hundred characters costs milliseconds: keep it off the loop.
        # A short query (a recall) costs ~0.2 ms, less than the thread hop itself: embed it inline,
        # once the dictionary is loaded (loading it takes seconds).
        if sum(len(t) for t in texts) <= INLINE_EMBED_MAX_CHARS and self._segmenter_ready():
            return self.embed_sync(texts)
        return await asyncio.to_thread(self.embed_sync, list(texts))

    def _segmenter_ready(self) -> bool:
        return not self.needs_segmenter or segmenter_loaded()

    def embed_sync(self, texts: Sequence[str]) -> np.ndarray:
        """Blocking variant for threads, benchmarks and evaluation scripts."""
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token, weight in self._extract(text).items():
                idx, sign = _bucket(token, self._dim)
                out[row, idx] += sign * weight
        return l2_normalize(out)
