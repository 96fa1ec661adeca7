"""Long-term memory adapters: embedders, vector stores and the LongTermMemory service composing them."""

from script_agent.memory.embedder import Embedder
from script_agent.memory.factory import build_memory
from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.inmemory_store import InMemoryVectorStore
from script_agent.memory.records import MemoryFilter, SearchHit, StoredEntry
from script_agent.memory.service import MemoryService
from script_agent.memory.vector_store import VectorStore

__all__ = [
    "Embedder",
    "HashingEmbedder",
    "InMemoryVectorStore",
    "MemoryFilter",
    "MemoryService",
    "SearchHit",
    "StoredEntry",
    "VectorStore",
    "build_memory",
]
