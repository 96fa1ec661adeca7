"""One Redis connection pool per process, with short timeouts, no hidden retries and a fail-fast guard.

- connect and socket timeouts come from settings (default 0.5 s) and an overall deadline wraps
  every call, so a paused or partitioned Redis can never hang a request;
- redis-py's own retries are switched off: a retry loop inside the client would multiply the
  timeouts and hide the outage from the caller;
- the pool is bounded (BlockingConnectionPool) and waiting for a free connection is bounded too;
- every failure becomes StoreUnavailable (a domain error the entrypoints map) and is counted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from script_agent.config.state import CheckpointSettings, RedisSettings
from script_agent.domain.errors import StoreUnavailable
from script_agent.observability.metrics import STORE_ERRORS
from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus
from script_agent.stores.keys import KeySpace
from script_agent.stores.redis.guard import RedisGuard

T = TypeVar("T")
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError, TimeoutError)
PING_CACHE_S = 1.0


class RedisConnection:
    def __init__(self, settings: RedisSettings, checkpoint: CheckpointSettings | None = None) -> None:
        if settings.url is None:
            raise ValueError("REDIS_URL is not set")
        self.pool = BlockingConnectionPool.from_url(
            settings.url.get_secret_value(),
            max_connections=settings.max_connections,
            timeout=settings.pool_timeout_s,
            socket_connect_timeout=settings.connect_timeout_s,
            socket_timeout=settings.socket_timeout_s,
            health_check_interval=settings.health_check_interval_s,
            retry=Retry(NoBackoff(), 0),
        )
        self.client = Redis(connection_pool=self.pool)
        self.guard = RedisGuard(settings.breaker_failures, settings.breaker_cooldown_s)
        self.keys = KeySpace(settings.key_prefix, (checkpoint or CheckpointSettings()).key_prefix)
        # pool wait + connect + one command, plus a little slack for the event loop
        self.deadline_s = (
            settings.pool_timeout_s + settings.connect_timeout_s + settings.socket_timeout_s + 0.1
        )
        self._ping: tuple[float, ComponentHealth] | None = None

    async def call(self, component: str, op: Callable[[], Awaitable[T]]) -> T:
        """Run one Redis operation under the guard and the deadline; failures -> StoreUnavailable."""
        self.guard.before()
        try:
            async with asyncio.timeout(self.deadline_s):
                result = await op()
        except UNAVAILABLE as exc:
            _reraise_pending_cancel()
            self.guard.failure()
            STORE_ERRORS.labels(component=component, kind=_kind(exc)).inc()
            raise StoreUnavailable(f"redis unavailable for {component}", error=type(exc).__name__) from exc
        except BaseException:
            self.guard.release_probe()
            raise
        self.guard.success()
        return result

    async def ping(self) -> ComponentHealth:
        """Shared, cached for a second: five components' health checks cost one PING."""
        now = time.monotonic()
        if self._ping is not None and now - self._ping[0] < PING_CACHE_S:
            return self._ping[1]
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.deadline_s):
                await self.client.ping()
            health = ComponentHealth(
                name="redis", status=HealthStatus.OK, latency_ms=(time.perf_counter() - started) * 1000
            )
        except UNAVAILABLE as exc:
            health = ComponentHealth(
                name="redis", status=HealthStatus.DOWN, detail={"error": type(exc).__name__}
            )
        self._ping = (time.monotonic(), health)
        return health

    async def health(
        self, name: str, fail_mode: FailMode, *, required: bool = True, **detail: Any
    ) -> ComponentHealth:
        ping = await self.ping()
        return ping.model_copy(
            update={
                "name": name,
                "fail_mode": fail_mode,
                "required": required,
                "detail": {"backend": "redis", "breaker": self.guard.state, **ping.detail, **detail},
            }
        )

    async def aclose(self) -> None:
        await self.client.aclose()
        await self.pool.disconnect()


def _reraise_pending_cancel() -> None:
    """A timeout raised while our task is being cancelled from outside hides that cancellation
    (a timeout context can turn it into TimeoutError); re-raise it so cancel() keeps working."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def _kind(exc: BaseException) -> str:
    if isinstance(exc, RedisTimeoutError | TimeoutError):
        return "timeout"
    return "connection"
