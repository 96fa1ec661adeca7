"""Build every state store from settings: memory, SQLite (on disk) or Redis per component.

`auto` (the default for each component) means Redis exactly when REDIS_URL is set. All Redis-backed
components share one connection pool and one fail-fast guard. The in-memory lock and checkpoint
store share one FenceRegistry so a stale holder's checkpoint is rejected in embedded mode too; the
in-memory stores are capped, and evicting a session takes its checkpoints and fence with it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from script_agent.config.settings import Settings
from script_agent.ports.health import ComponentHealth, HealthStatus
from script_agent.ports.stores import (
    CheckpointStore,
    IdempotencyStore,
    RateLimiter,
    SessionLock,
    SessionStore,
)
from script_agent.stores.memory import (
    FenceRegistry,
    MemoryCheckpointStore,
    MemoryIdempotencyStore,
    MemoryRateLimiter,
    MemorySessionLock,
    MemorySessionStore,
)
from script_agent.stores.memory.bounded import Caps

log = logging.getLogger(__name__)
HEALTH_TIMEOUT_S = 2.0


@dataclass
class StoreBundle:
    sessions: SessionStore
    checkpoints: CheckpointStore
    lock: SessionLock
    limiter: RateLimiter
    idempotency: IdempotencyStore
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    redis: Any = None  # the shared RedisConnection when any component uses Redis (tests, bench)
    sqlite: Any = None  # the shared SqliteDatabase when any component uses SQLite (tests)

    async def aclose(self) -> None:
        for close in reversed(self.closers):
            try:
                await close()
            except Exception:  # closing must not mask the caller's own shutdown path
                log.warning("store close failed", exc_info=True)
        self.closers.clear()

    async def health(self) -> list[ComponentHealth]:
        """Every component's health, concurrently; a check that hangs is reported down, not awaited."""
        parts = [self.sessions, self.checkpoints, self.lock, self.limiter, self.idempotency]
        names = ["sessions", "checkpoints", "lock", "rate_limit", "idempotency"]
        results = await asyncio.gather(
            *(asyncio.wait_for(p.health(), HEALTH_TIMEOUT_S) for p in parts), return_exceptions=True
        )
        return [
            r if isinstance(r, ComponentHealth) else _failed(name, r)
            for name, r in zip(names, results, strict=True)
        ]


def _failed(name: str, exc: BaseException) -> ComponentHealth:
    return ComponentHealth(name=name, status=HealthStatus.DOWN, detail={"error": type(exc).__name__})


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
