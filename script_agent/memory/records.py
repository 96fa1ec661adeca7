"""Value types the vector stores exchange: what is stored, what a search asks for, what it returns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from script_agent.ports.memory import MemoryItem

FILTER_FIELDS = ("influencer_id", "category", "product_id")


@dataclass(frozen=True)
class MemoryFilter:
    """Recall filter. `tenant` has no default on purpose: no search can be built without one."""

    tenant: str
    influencer_id: str | None = None
    category: str | None = None
    product_id: str | None = None

    def __post_init__(self) -> None:
        if not self.tenant:
            raise ValueError("tenant is mandatory for every memory search")

    def optional_terms(self) -> dict[str, str]:
        """The optional filters that are set, by field name."""
        return {f: v for f in FILTER_FIELDS if (v := getattr(self, f)) is not None}


@dataclass(frozen=True)
class StoredEntry:
    """One item to store under `key` (the dedup key: same tenant + same normalised text)."""

    key: str
    item: MemoryItem
    vector: np.ndarray


@dataclass(frozen=True)
class SearchHit:
    item: MemoryItem
    score: float  # cosine similarity in [-1, 1]
