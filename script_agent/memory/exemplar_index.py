"""Exemplar index adapter: the compliance exemplar bank embedded once by a sentence encoder.

Why a plain matrix: the bank is a few hundred sentences, so an exact cosine over one float32 matrix
is microseconds and needs no vector store. The bank ships as package data (the tuning split of the
evaluation corpus, never the held-out split) and is read here, in the adapter, not in the domain.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from script_agent.domain.compliance.semantic import Exemplar, Neighbour
from script_agent.domain.compliance.taxonomy import Category
from script_agent.ports.semantic import SentenceEncoder

BANK = "compliance_exemplars.jsonl"
MAX_BANK = 5000


def load_exemplars(path: Path | None = None) -> list[Exemplar]:
    """The packaged bank, or a user's JSONL file of {text, category, violation} rows."""
    raw = (
        path.read_text(encoding="utf-8")
        if path
        else resources.files("script_agent.data").joinpath(BANK).read_text(encoding="utf-8")
    )
    rows = [json.loads(line) for line in raw.splitlines() if line.strip()][:MAX_BANK]
    return [Exemplar(r["text"], Category(r["category"]), bool(r["violation"])) for r in rows]


class EncoderExemplarIndex:
    """ExemplarIndex port over any SentenceEncoder."""

    def __init__(self, encoder: SentenceEncoder, exemplars: Sequence[Exemplar]) -> None:
        self._encoder = encoder
        self._exemplars = list(exemplars)
        self._matrix: np.ndarray | None = None
        self._lock = asyncio.Lock()

    @property
    def name(self) -> str:
        return f"exemplars:{self._encoder.name}:{len(self._exemplars)}"

    async def warmup(self) -> None:
        async with self._lock:
            if self._matrix is None:
                await self._encoder.warmup()
                self._matrix = await self._encoder.embed([e.text for e in self._exemplars])

    async def nearest(self, texts: Sequence[str], k: int = 5) -> list[list[Neighbour]]:
        if not texts:
            return []
        if self._matrix is None:
            await self.warmup()
        assert self._matrix is not None
        vectors = await self._encoder.embed(list(texts))
        sims = vectors @ self._matrix.T
        k = min(k, sims.shape[1])
        top = np.argsort(-sims, axis=1)[:, :k]
        return [[Neighbour(self._exemplars[j], float(sims[i, j])) for j in row] for i, row in enumerate(top)]
