"""One Redis connection pool per process, with short timeouts, no hidden retries and a fail-fast guard.

- connect and socket timeouts come from settings (default 0.5 s) and an overall deadline wraps
  every call, so a paused or partitioned Redis can never hang a request;
- redis-py's own retries are switched off: a retry loop inside the client would multiply the
  timeouts and hide the outage from the caller;
- the pool is bounded (BlockingConnectionPool) and waiting for a free connection is bounded too
  (in cluster mode each node's pool is capped and a full one fails at once);
- REDIS_MODE picks redis-py's own client: one server, RedisCluster or a Sentinel-managed master
  (clients.py); Lua scripts are loaded on first use and called by SHA afterwards;
- every failure becomes StoreUnavailable (a domain error the entrypoints map) and is counted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from redis.asyncio.cluster import RedisCluster
from redis.commands.core import AsyncScript
from redis.exceptions import ClusterDownError, ReadOnlyError, SlotNotCoveredError, TryAgainError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from script_agent.config.state import CheckpointSettings, RedisSettings
from script_agent.domain.errors import StoreUnavailable
from script_agent.observability.metrics import STORE_ERRORS
from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus
from script_agent.stores.keys import KeySpace
from script_agent.stores.redis.clients import build_client
from script_agent.stores.redis.guard import RedisGuard
from script_agent.stores.redis.prefetch import Prefetched

T = TypeVar("T")
ScriptArg = bytes | str | int | float  # what a Lua script's ARGV accepts
# the last four are a Cluster or Sentinel mid-failover: a slot without a master, a demoted master
UNAVAILABLE = (
    RedisConnectionError,
    RedisTimeoutError,
    OSError,
    TimeoutError,
    ClusterDownError,
    SlotNotCoveredError,
    TryAgainError,
    ReadOnlyError,
)
PING_CACHE_S = 1.0


class RedisConnection:
    def __init__(self, settings: RedisSettings, checkpoint: CheckpointSettings | None = None) -> None:
        if settings.url is None:
            raise ValueError("REDIS_URL is not set")
        self.mode = settings.mode
        self.client, self.pool = build_client(settings)
        self.guard = RedisGuard(settings.breaker_failures, settings.breaker_cooldown_s)
        self.keys = KeySpace(settings.key_prefix, (checkpoint or CheckpointSettings()).key_prefix)
        self.prefetched = Prefetched()
        # pool wait + connect + one command, plus a little slack for the event loop
        self.deadline_s = (
            settings.pool_timeout_s + settings.connect_timeout_s + settings.socket_timeout_s + 0.1
        )
        cluster = settings.mode == "cluster"
        self._first_extra_s = self.deadline_s if cluster else settings.socket_timeout_s
        self._ping: tuple[float, ComponentHealth] | None = None
        self._scripts: list[AsyncScript] = []
        self._loaded = 0

    def script(self, source: str) -> AsyncScript:
        """Register a Lua script; it is loaded with the others on the first call (see preload)."""
        script = self.client.register_script(source)
        self._scripts.append(script)
        return script

    async def preload(self) -> None:
        """SCRIPT LOAD every registered script not loaded yet, all in one round trip (standalone,
        sentinel) or one per primary in parallel (cluster): later calls are a bare EVALSHA. A server
        that lost them (restart, failover to a replica) answers NOSCRIPT and redis-py's Script object
        reloads that one script and retries, so this is an optimisation, never a correctness step."""
        start = self._loaded
        pending = self._scripts[start:]
        if not pending:
            return
        if isinstance(self.client, RedisCluster):
            await asyncio.gather(*(self.client.script_load(s.script) for s in pending))
        else:
            async with self.client.pipeline(transaction=False) as pipe:
                for s in pending:
                    pipe.script_load(s.script)
                await pipe.execute()
        self._loaded = max(self._loaded, start + len(pending))  # concurrent first calls: both load

    async def call(self, component: str, op: Callable[[], Awaitable[T]]) -> T:
        """Run one Redis operation under the guard and the deadline; failures -> StoreUnavailable."""
        self.guard.before()
        first = self._loaded < len(self._scripts)
        try:
            # the first call also loads the scripts (and discovers a Cluster's slots): more time
            async with asyncio.timeout(self.deadline_s + (self._first_extra_s if first else 0)):
                if first:
                    await self.preload()
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
        if self.pool is not None:
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
