"""Ports of the compliance checker's optional layers: exemplar search (a sentence encoder behind it)
and the LLM judge. The rule layer needs neither; both are off in the embedded default."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from script_agent.domain.compliance.semantic import Neighbour


@runtime_checkable
class ExemplarIndex(Protocol):
    """Nearest labelled exemplars for each text (cosine over a sentence encoder's vectors)."""

    @property
    def name(self) -> str: ...

    async def warmup(self) -> None:
        """Load the encoder and embed the exemplar bank once, off the event loop."""
        ...

    async def nearest(self, texts: Sequence[str], k: int = 5) -> list[list[Neighbour]]: ...


@runtime_checkable
class SentenceEncoder(Protocol):
    """Texts in, L2-normalised float32 rows out; never blocks the event loop. The memory package's
    model embedders (e.g. USE multilingual v3) satisfy it as they are."""

    @property
    def name(self) -> str: ...

    async def warmup(self) -> None: ...

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Shape (len(texts), dim), each row unit length."""
        ...
