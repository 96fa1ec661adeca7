"""Redis failures against a private redis-server the tests kill and SIGSTOP: every call fails within
its timeout with StoreUnavailable (or is admitted, for the fail-open limiter), health says so, and
everything works again once Redis is back."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime

import pytest

from script_agent.config.settings import Settings
from script_agent.config.state import LockSettings, RateLimitSettings, RedisSettings
from script_agent.domain.checkpoint import CheckpointDraft
from script_agent.domain.errors import StoreUnavailable
from script_agent.domain.session import Session
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.observability.metrics import REGISTRY
from script_agent.ports.health import FailMode, HealthStatus
from script_agent.stores.factory import StoreBundle, build_stores
from tests.stores.redis_proc import RedisProcess

CALL_BUDGET_S = 1.5  # deadline is pool 0.2 + connect 0.2 + socket 0.2 + 0.1 slack, plus a busy box


def _settings(url: str, *, fail_open: bool = True) -> Settings:
    return Settings(
        redis=RedisSettings(
            url=url,
            key_prefix="fault",
            connect_timeout_s=0.2,
            socket_timeout_s=0.2,
            pool_timeout_s=0.2,
            breaker_failures=2,
            breaker_cooldown_s=0.3,
        ),
        lock=LockSettings(lease_ms=400, retry_interval_ms=10),
        rate_limit=RateLimitSettings(fail_open=fail_open),
    )


@pytest.fixture
def server() -> Iterator[RedisProcess]:
    proc = RedisProcess()
    proc.start()
    try:
        yield proc
    finally:
        proc.close()


@pytest.fixture
async def stores(server: RedisProcess) -> AsyncIterator[StoreBundle]:
    bundle = build_stores(_settings(server.url))
    try:
        yield bundle
    finally:
        await bundle.aclose()


def _draft() -> CheckpointDraft:
    return CheckpointDraft(
        tenant="t",
        session_id="s",
        trace_id="tr",
        state=WorkflowState.CONTEXT_LOADING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload={},
    )


def _closed_ops(stores: StoreBundle) -> dict[str, Callable[[], Awaitable[object]]]:
    return {
        "session.get": lambda: stores.sessions.get("t", "s"),
        "session.save": lambda: stores.sessions.save(Session(tenant="t", id="new")),
        "checkpoint.append": lambda: stores.checkpoints.append(_draft()),
        "checkpoint.latest": lambda: stores.checkpoints.latest("t", "s"),
        "lock.acquire": lambda: stores.lock.acquire("t", "s", wait_s=5),  # must not wait 5 s
        "idempotency.begin": lambda: stores.idempotency.begin("t", "k", "fp"),
    }


async def _assert_all_fail_fast(stores: StoreBundle) -> None:
    for name, op in _closed_ops(stores).items():
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            await op()
        assert time.monotonic() - started < CALL_BUDGET_S, name
    fail_open_before = REGISTRY.get_sample_value("script_agent_rate_limit_fail_open_total") or 0
    started = time.monotonic()
    decision = await stores.limiter.admit("t", 10)
    assert decision.allowed and time.monotonic() - started < CALL_BUDGET_S
    assert REGISTRY.get_sample_value("script_agent_rate_limit_fail_open_total") == fail_open_before + 1


async def _assert_health_down(stores: StoreBundle) -> None:
    started = time.monotonic()
    health = {h.name: h for h in await stores.health()}
    assert time.monotonic() - started < 2 * CALL_BUDGET_S
    assert all(h.status is HealthStatus.DOWN for h in health.values())
    assert health["rate_limit"].fail_mode is FailMode.OPEN and not health["rate_limit"].required
    for name in ("sessions", "checkpoints", "lock", "idempotency"):
        assert health[name].fail_mode is FailMode.CLOSED and health[name].required


async def _assert_recovers(stores: StoreBundle) -> None:
    deadline = time.monotonic() + 5
    while True:
        try:
            await stores.sessions.save(Session(tenant="t", id=f"back-{time.monotonic_ns()}"))
            break
        except StoreUnavailable:
            assert time.monotonic() < deadline, "did not recover within 5 s"
            await asyncio.sleep(0.1)
    await stores.checkpoints.append(_draft())
    lease = await stores.lock.acquire("t", "s2", wait_s=1)
    assert await stores.lock.release(lease)
    assert (await stores.limiter.admit("t", 1)).allowed
    await asyncio.sleep(1.1)  # the health ping is cached for a second
    assert all(h.status is HealthStatus.OK for h in await stores.health())


async def test_killed_redis_fails_fast_then_recovers(server: RedisProcess, stores: StoreBundle) -> None:
    await stores.sessions.save(Session(tenant="t", id="s"))
    server.kill()
    await _assert_all_fail_fast(stores)
    await _assert_health_down(stores)
    server.start()
    await _assert_recovers(stores)


async def test_paused_redis_times_out_then_recovers(server: RedisProcess, stores: StoreBundle) -> None:
    await stores.sessions.save(Session(tenant="t", id="s"))
    server.pause()
    try:
        await _assert_all_fail_fast(stores)
        await _assert_health_down(stores)
    finally:
        server.resume()
    await _assert_recovers(stores)


async def test_lease_lost_while_redis_paused_is_noticed(server: RedisProcess, stores: StoreBundle) -> None:
    lease = await stores.lock.acquire("t", "s")
    server.pause()
    await asyncio.sleep(0.8)  # two leases: renewal cannot reach Redis, the key expires meanwhile
    server.resume()
    deadline = time.monotonic() + 2
    while not stores.lock.is_lost(lease):  # type: ignore[attr-defined]
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    assert await stores.lock.release(lease) is False


async def test_fail_closed_limiter_refuses_when_redis_is_down(server: RedisProcess) -> None:
    bundle = build_stores(_settings(server.url, fail_open=False))
    try:
        assert (await bundle.limiter.admit("t", 1)).allowed
        server.kill()
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            await bundle.limiter.admit("t", 1)
        assert time.monotonic() - started < CALL_BUDGET_S
        health = await bundle.limiter.health()
        assert health.fail_mode is FailMode.CLOSED and health.required and health.status is HealthStatus.DOWN
    finally:
        await bundle.aclose()


async def test_every_call_is_bounded_under_load_while_paused(
    server: RedisProcess, stores: StoreBundle
) -> None:
    server.pause()
    try:
        started = time.monotonic()
        results = await asyncio.gather(
            *(stores.sessions.get("t", f"s{i}") for i in range(200)), return_exceptions=True
        )
        assert time.monotonic() - started < 2 * CALL_BUDGET_S
        assert all(isinstance(r, StoreUnavailable) for r in results)
    finally:
        server.resume()
    await _assert_recovers(stores)
