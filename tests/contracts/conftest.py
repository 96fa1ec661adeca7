"""One contract suite per store port, run against the in-memory and the Redis implementation.

Redis is the real server at 127.0.0.1:6379 (REDIS_TEST_URL overrides), and a real 3-master Redis
Cluster on loopback (`cluster`: six redis-servers started once per test session, on first use, by
tests/stores/redis_cluster.py, and stopped at the session's end). Every test gets its own key
prefix and its keys are deleted afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from script_agent.config.settings import Settings
from script_agent.config.state import (
    CheckpointSettings,
    EmbeddedSettings,
    IdempotencySettings,
    LockSettings,
    RateLimitSettings,
    RedisSettings,
    SessionSettings,
)
from script_agent.ports.stores import Lease
from script_agent.stores.factory import StoreBundle, build_stores, memory_stores
from tests.stores.redis_cluster import delete_prefixed, shared_cluster, stop_shared_cluster

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
BACKENDS = ["memory", "redis", "cluster"]
# Ports the CLI keeps on disk between runs also run against the embedded SQLite store; a suite opts
# in by setting HARNESS_BACKENDS = EMBEDDED_BACKENDS.
EMBEDDED_BACKENDS = [*BACKENDS, "sqlite"]
SQLITE_ROOT = Path(tempfile.gettempdir()) / "script-agent-contracts"


def contract_settings(kind: str, prefix: str, **overrides: object) -> Settings:
    """Small limits so behaviour shows within milliseconds; explicit values beat the environment."""
    store = "redis" if kind in ("redis", "cluster") else "memory"
    on_disk = "sqlite" if kind == "sqlite" else store  # sessions, checkpoints, lock
    parts: dict[str, object] = {
        "redis": _redis_settings(kind, prefix),
        "embedded": EmbeddedSettings(data_dir=SQLITE_ROOT / prefix),
        "session": SessionSettings(store=on_disk, max_turns_persisted=4, max_scripts_persisted=2),
        "checkpoint": CheckpointSettings(store=on_disk, history_limit=5),
        "lock": LockSettings(backend=on_disk, lease_ms=300, retry_interval_ms=10, wait_timeout_s=1.0),
        "rate_limit": RateLimitSettings(backend=store, qps=2, burst=5, tokens_per_minute=1000),
        "idempotency": IdempotencySettings(store=store, in_flight_ttl_s=1),
    }
    parts.update(overrides)
    return Settings(**parts)  # type: ignore[arg-type]


def _redis_settings(kind: str, prefix: str) -> RedisSettings:
    if kind == "cluster":
        # generous timeouts: a cold cluster client connects to every master, on a shared, busy box
        # (timeouts themselves are the fault tests' subject, against a single server)
        return RedisSettings(
            url=shared_cluster().url,
            mode="cluster",
            key_prefix=prefix,
            connect_timeout_s=2.0,
            socket_timeout_s=2.0,
            pool_timeout_s=2.0,
        )
    return RedisSettings(url=REDIS_URL if kind == "redis" else None, key_prefix=prefix)


@dataclass
class Harness:
    kind: str
    stores: StoreBundle
    settings: Settings
    corrupt_checkpoint: Callable[[str, str, int], Awaitable[None]]
    drop_lock: Callable[[Lease], Awaitable[None]]


def _memory_harness(settings: Settings) -> Harness:
    stores = memory_stores(settings)

    async def corrupt(tenant: str, session_id: str, version: int) -> None:
        history = stores.checkpoints._histories[(tenant, session_id)]  # type: ignore[attr-defined]
        history.records[version] = history.records[version].replace('"trace_id":"', '"trace_id":"X')

    async def drop(lease: Lease) -> None:
        stores.lock._holds.pop(lease.key, None)  # type: ignore[attr-defined]

    return Harness("memory", stores, settings, corrupt, drop)


def _redis_harness(settings: Settings, kind: str = "redis") -> Harness:
    stores = build_stores(settings)
    client = stores.redis.client  # type: ignore[attr-defined]
    keys = stores.redis.keys  # type: ignore[attr-defined]

    async def corrupt(tenant: str, session_id: str, version: int) -> None:
        rec_key = keys.checkpoint_keys(tenant, session_id)[1]
        body = await client.hget(rec_key, str(version))
        await client.hset(rec_key, str(version), body.replace(b'"trace_id":"', b'"trace_id":"X'))

    async def drop(lease: Lease) -> None:
        await client.delete(lease.key)

    return Harness(kind, stores, settings, corrupt, drop)


def _sqlite_harness(settings: Settings) -> Harness:
    stores = build_stores(settings)
    db = stores.sqlite

    async def corrupt(tenant: str, session_id: str, version: int) -> None:
        sql = 'UPDATE checkpoints SET body = replace(body, \'"trace_id":"\', \'"trace_id":"X\') '
        sql += "WHERE tenant = ? AND session_id = ? AND version = ?"
        await db.write(lambda c: c.execute(sql, (tenant, session_id, version)))

    async def drop(lease: Lease) -> None:
        await db.write(lambda c: c.execute("DELETE FROM locks WHERE key = ?", (lease.key,)))

    return Harness("sqlite", stores, settings, corrupt, drop)


async def cleanup_prefix(prefix: str) -> None:
    """Delete a test run's keys. SCAN is fine here: test cleanup, never product code."""
    import redis.asyncio as aioredis

    client = aioredis.from_url(REDIS_URL, socket_timeout=2)
    try:
        batch = [k async for k in client.scan_iter(match=f"{prefix}:*", count=500)]
        for i in range(0, len(batch), 500):
            await client.delete(*batch[i : i + 500])
    finally:
        await client.aclose()


@pytest.fixture
def prefix() -> str:
    return f"t-{uuid.uuid4().hex[:12]}"


@contextlib.asynccontextmanager
async def open_harness(kind: str, prefix: str, **overrides: object) -> AsyncIterator[Harness]:
    """A harness with tweaked settings; closed and its keys deleted afterwards."""
    settings = contract_settings(kind, prefix, **overrides)
    builders = {
        "redis": _redis_harness,
        "cluster": lambda s: _redis_harness(s, "cluster"),
        "sqlite": _sqlite_harness,
        "memory": _memory_harness,
    }
    h = builders[kind](settings)
    try:
        if h.stores.redis is not None:  # topology discovered and scripts loaded before the test
            await h.stores.redis.preload()
        yield h
    finally:
        await h.stores.aclose()
        if kind == "redis":
            await cleanup_prefix(prefix)
        if kind == "cluster":
            delete_prefixed(shared_cluster(), prefix)
        if kind == "sqlite":
            shutil.rmtree(SQLITE_ROOT / prefix, ignore_errors=True)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "harness" in metafunc.fixturenames:
        kinds = getattr(metafunc.module, "HARNESS_BACKENDS", BACKENDS)
        metafunc.parametrize("harness", kinds, indirect=True)


@pytest.fixture
async def harness(request: pytest.FixtureRequest, prefix: str) -> AsyncIterator[Harness]:
    async with open_harness(request.param, prefix) as h:
        yield h


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    stop_shared_cluster()  # its processes also die with this one (setpriv --pdeathsig)
