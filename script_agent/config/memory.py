"""LONGTERM_MEMORY_* settings: embedder, vector store, recall bounds."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from script_agent.config.base import Section, section


class MemorySettings(Section):
    model_config = section("LONGTERM_MEMORY_")

    enabled: bool = True
    # hash: model-free, the embedded default; use: multilingual USE v3 (numpy, extra `use`);
    # sentence-transformers: extra `st`, model from `model_name`, loaded offline.
    embedder: Literal["hash", "sentence-transformers", "use"] = "hash"
    # Feature family of the hashing embedder; jieba+char recalled best on tests/memory/data.
    hash_features: Literal["jieba+char", "jieba-search", "jieba", "char", "char-bigram"] = "jieba+char"
    dim: int = Field(default=512, ge=16, le=8192)  # hashing embedder only; model embedders fix their own
    model_name: str = "all-MiniLM-L6-v2"
    vector_store: Literal["memory", "opensearch"] = "memory"
    top_k: int = Field(default=3, ge=1, le=20)
    # None = the chosen embedder's calibrated threshold (hash jieba+char 0.18, use 0.36, st MiniLM 0.75).
    min_similarity: float | None = Field(default=None, ge=-1, le=1)
    max_example_chars: int = Field(default=300, ge=20)
    max_items: int = Field(default=200_000, ge=1)
    opensearch_url: SecretStr | None = None
    opensearch_index: str = "script-agent-memory"
    opensearch_timeout_s: float = Field(default=2.0, gt=0)
