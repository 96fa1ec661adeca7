"""In-memory store implementations: the embedded default, one concept per module."""

from script_agent.stores.memory.checkpoints import MemoryCheckpointStore
from script_agent.stores.memory.fences import FenceRegistry
from script_agent.stores.memory.idempotency import MemoryIdempotencyStore
from script_agent.stores.memory.locks import MemorySessionLock
from script_agent.stores.memory.rate_limit import MemoryRateLimiter
from script_agent.stores.memory.sessions import MemorySessionStore

__all__ = [
    "FenceRegistry",
    "MemoryCheckpointStore",
    "MemoryIdempotencyStore",
    "MemoryRateLimiter",
    "MemorySessionLock",
    "MemorySessionStore",
]
