"""LONGTERM_MEMORY_* settings: embedder, vector store, recall bounds."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from script_agent.config.base import Section, section


class MemorySettings(Section):
    model_config = section("LONGTERM_MEMORY_")

    enabled: bool = True
    embedder: Literal["hash", "sentence-transformers"] = "hash"
    dim: int = Field(default=512, ge=16, le=8192)
    model_name: str = "all-MiniLM-L6-v2"
    vector_store: Literal["memory", "opensearch"] = "memory"
    top_k: int = Field(default=3, ge=1, le=20)
    min_similarity: float = Field(default=0.3, ge=-1, le=1)
    max_example_chars: int = Field(default=300, ge=20)
    max_items: int = Field(default=200_000, ge=1)
    opensearch_url: SecretStr | None = None
    opensearch_index: str = "script-agent-memory"
    opensearch_timeout_s: float = Field(default=2.0, gt=0)
