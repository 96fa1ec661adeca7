"""StoreBundle: the five state stores one process uses, closed and health-checked together.

Its own module (not the factory's) so the backend packages that fill a bundle (stores.redis.bundle,
stores.sqlite.bundle) import only this, and the factory imports them: the dependency points one way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from script_agent.ports.health import ComponentHealth, HealthStatus
from script_agent.ports.stores import (
    CheckpointStore,
    IdempotencyStore,
    RateLimiter,
    SessionLock,
    SessionStore,
)

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
        checks = [
            self.sessions.health(),
            self.checkpoints.health(),
            self.lock.health(),
            self.limiter.health(),
            self.idempotency.health(),
        ]
        names = ["sessions", "checkpoints", "lock", "rate_limit", "idempotency"]
        results = await asyncio.gather(
            *(asyncio.wait_for(check, HEALTH_TIMEOUT_S) for check in checks), return_exceptions=True
        )
        return [
            r if isinstance(r, ComponentHealth) else _failed(name, r)
            for name, r in zip(names, results, strict=True)
        ]


def _failed(name: str, exc: BaseException) -> ComponentHealth:
    return ComponentHealth(name=name, status=HealthStatus.DOWN, detail={"error": type(exc).__name__})
