"""Build every state store from settings: memory, SQLite (on disk) or Redis per component.

`auto` (the default for each component) means Redis exactly when REDIS_URL is set. All Redis-backed
components share one connection pool and one fail-fast guard. The in-memory lock and checkpoint
store share one FenceRegistry so a stale holder's checkpoint is rejected in embedded mode too; the
in-memory stores are capped, and evicting a session takes its checkpoints and fence with it.
"""

from __future__ import annotations

from script_agent.config.settings import Settings
from script_agent.stores.bundle import StoreBundle
from script_agent.stores.memory import (
    FenceRegistry,
    MemoryCheckpointStore,
    MemoryIdempotencyStore,
    MemoryRateLimiter,
    MemorySessionLock,
    MemorySessionStore,
)
from script_agent.stores.memory.bounded import Caps

__all__ = ["StoreBundle", "build_stores", "memory_stores"]  # StoreBundle re-exported for callers


def memory_stores(settings: Settings | None = None) -> StoreBundle:
    """All in-memory (embedded mode and tests), whatever REDIS_URL says."""
    s = settings or Settings()
    fence_caps = Caps("fences", s.lock.memory_max_fences, s.lock.memory_max_fence_bytes)
    fences = FenceRegistry(fence_caps)  # its InFlight pins (held locks) shield sessions from the caps
    checkpoints = MemoryCheckpointStore(s.checkpoint, fences=fences)
    sessions = MemorySessionStore(
        s.session, in_flight=fences.in_flight, on_evict=(checkpoints.forget, fences.forget)
    )
    return StoreBundle(
        sessions=sessions,
        checkpoints=checkpoints,
        lock=MemorySessionLock(s.lock, fences=fences),
        limiter=MemoryRateLimiter(s.rate_limit),
        idempotency=MemoryIdempotencyStore(s.idempotency),
    )


def build_stores(settings: Settings) -> StoreBundle:
    """Choose each component's backend with `settings.uses_redis(<component's store setting>)`."""
    bundle = memory_stores(settings)
    choices = {
        "sessions": settings.uses_redis(settings.session.store),
        "checkpoints": settings.uses_redis(settings.checkpoint.store),
        "lock": settings.uses_redis(settings.lock.backend),
        "limiter": settings.uses_redis(settings.rate_limit.backend),
        "idempotency": settings.uses_redis(settings.idempotency.store),
    }
    on_disk = {
        "sessions": settings.session.store,
        "checkpoints": settings.checkpoint.store,
        "lock": settings.lock.backend,
    }
    sqlite = {name for name, kind in on_disk.items() if kind == "sqlite"}
    if sqlite:
        from script_agent.stores.sqlite.bundle import attach_sqlite  # stdlib sqlite3, loaded on demand

        bundle = attach_sqlite(bundle, settings, sqlite)
    if not any(choices.values()):
        return bundle
    from script_agent.stores.redis.bundle import attach_redis  # imported only when Redis is used

    return attach_redis(bundle, settings, choices)
