"""LONGTERM_MEMORY_* settings: embedder, vector store, recall bounds."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from script_agent.config.base import Section, section


class MemorySettings(Section):
    model_config = section("LONGTERM_MEMORY_")

    enabled: bool = Field(
        default=True, description="recall past scripts into prompts and write good ones back"
    )
    # hash: model-free, the embedded default; use: multilingual USE v3 (numpy, extra `use`);
    # sentence-transformers: extra `st`, model from `model_name`, loaded offline.
    embedder: Literal["hash", "sentence-transformers", "use"] = Field(
        default="hash",
        description="hash (no model) | use (multilingual USE, extra use) | sentence-transformers (extra st)",
    )
    # Feature family of the hashing embedder; jieba+char recalled best on tests/memory/data.
    hash_features: Literal["jieba+char", "jieba-search", "jieba", "char", "char-bigram"] = Field(
        default="jieba+char",
        description="hashing embedder features: jieba+char | jieba | jieba-search | char | char-bigram",
    )
    dim: int = Field(default=512, ge=16, le=8192, description="hashing embedder dimension")
    model_name: str = Field(
        default="all-MiniLM-L6-v2", description="sentence-transformers model name (loaded offline)"
    )
    vector_store: Literal["memory", "opensearch"] = Field(
        default="memory", description="memory (exact cosine) | opensearch (k-NN)"
    )
    top_k: int = Field(default=3, ge=1, le=20, description="examples recalled per generation")
    # None = the chosen embedder's calibrated threshold (hash jieba+char 0.18, use 0.36, st MiniLM 0.75).
    min_similarity: float | None = Field(
        default=None,
        ge=-1,
        le=1,
        description="minimum cosine similarity; unset: the embedder's calibrated value (hash 0.18)",
    )
    max_example_chars: int = Field(
        default=300, ge=20, description="each recalled example is cut to this length in the prompt"
    )
    max_items: int = Field(default=200_000, ge=1, description="capacity of the in-memory vector store")
    # bench/memory.py --ann, dim 512, 2 shared cores: an exact partition scan is p95 1.8 ms at 20k rows and
    # 35 ms at 190k (linear in rows), so ~30k keeps exact under ~5 ms; past it the graph is ~1 ms p50.
    ann_threshold: int = Field(
        default=30_000,
        ge=0,
        description="partition (tenant, category) size that switches to HNSW; 0 = always exact",
    )
    ann_quantization: Literal["i8", "f16", "f32"] = Field(
        default="i8", description="HNSW vector storage (candidates are re-scored exactly in float32)"
    )
    ann_expansion_search: int = Field(
        default=128, ge=16, le=4096, description="HNSW search breadth (higher: better recall, slower)"
    )
    # Write-back runs behind the request: accepted into a bounded queue, embedded and stored in batches
    # by one background task, drained on a clean shutdown (memory/write_behind.py).
    write_behind: bool = Field(
        default=True, description="write good scripts back from a background queue, off the request path"
    )
    write_queue_size: int = Field(
        default=1024, ge=1, le=1_000_000, description="write-behind queue cap; past it write-backs drop"
    )
    write_batch_size: int = Field(default=32, ge=1, le=1024, description="write-backs per embed+store batch")
    write_linger_s: float = Field(
        default=0.0, ge=0, le=60, description="wait up to this long for a batch to fill before writing it"
    )
    write_drain_timeout_s: float = Field(
        default=10.0, gt=0, le=300, description="on shutdown, wait this long for queued write-backs"
    )
    opensearch_url: SecretStr | None = Field(
        default=None, description="OpenSearch URL for vector_store=opensearch"
    )
    opensearch_index: str = Field(default="script-agent-memory", description="OpenSearch index name")
    opensearch_timeout_s: float = Field(default=2.0, gt=0, description="OpenSearch request timeout")
