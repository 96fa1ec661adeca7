"""Swap the Redis-backed components into a StoreBundle; all share one RedisConnection."""

from __future__ import annotations

import logging

from script_agent.config.settings import Settings
from script_agent.stores.bundle import StoreBundle
from script_agent.stores.redis.checkpoints import RedisCheckpointStore
from script_agent.stores.redis.connection import RedisConnection
from script_agent.stores.redis.idempotency import RedisIdempotencyStore
from script_agent.stores.redis.locks import RedisSessionLock
from script_agent.stores.redis.rate_limit import RedisRateLimiter
from script_agent.stores.redis.sessions import RedisSessionStore

log = logging.getLogger(__name__)


def attach_redis(bundle: StoreBundle, settings: Settings, choices: dict[str, bool]) -> StoreBundle:
    conn = RedisConnection(settings.redis, settings.checkpoint)
    bundle.redis = conn
    bundle.closers.append(conn.aclose)
    if choices["lock"] != choices["checkpoints"]:
        # the fence check needs the lock's counter next to the checkpoints; mixed backends weaken it
        log.warning("session lock and checkpoint store use different backends: fencing is best-effort")
    if choices["sessions"]:
        bundle.sessions = RedisSessionStore(conn, settings.session)
    if choices["checkpoints"]:
        bundle.checkpoints = RedisCheckpointStore(conn, settings.checkpoint, settings.lock)
    if choices["lock"]:
        lock = RedisSessionLock(
            conn,
            settings.lock,
            prefetch_checkpoint=choices["checkpoints"],
            prefetch_session=choices["sessions"],
        )
        bundle.lock = lock
        bundle.closers.append(lock.aclose)
    if choices["limiter"]:
        bundle.limiter = RedisRateLimiter(conn, settings.rate_limit)
    if choices["idempotency"]:
        bundle.idempotency = RedisIdempotencyStore(conn, settings.idempotency)
    return bundle
