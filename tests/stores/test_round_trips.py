"""Redis round trips of one orchestrated generate, counted on the wire (deterministic, no timing):
at most (checkpointed states + 4), and what the lock's acquire prefetches is served safely."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from script_agent.bootstrap import build_container
from script_agent.config.settings import Settings
from script_agent.config.state import LockSettings, RedisSettings
from script_agent.domain.checkpoint import CheckpointDraft
from script_agent.domain.models import ScriptRequest
from script_agent.domain.session import Session
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.llm.template import TemplateBackend
from script_agent.stores.factory import StoreBundle, build_stores
from script_agent.stores.redis.wire import WireCounter, count_wire
from script_agent.testing.support import example_request
from tests.contracts.conftest import REDIS_URL
from tests.stores.redis_proc import RedisProcess


@pytest.fixture
async def counted(prefix: str) -> AsyncIterator[tuple[StoreBundle, WireCounter, Settings]]:
    settings = Settings(
        redis=RedisSettings(url=REDIS_URL, key_prefix=prefix, socket_timeout_s=2, connect_timeout_s=2),
        lock=LockSettings(lease_ms=60_000),  # no renewal inside the counted window
    )
    stores = build_stores(settings)
    counter = count_wire(stores.redis)
    try:
        yield stores, counter, settings
    finally:
        await stores.aclose()


def _request(session_id: str) -> ScriptRequest:
    return example_request("t1", session_id)


async def test_one_generate_costs_checkpointed_states_plus_four_round_trips(counted) -> None:
    """Connection set-up (HELLO, CLIENT SETINFO) is counted apart: it is paid per pooled connection,
    not per generate, and a reconnect must not make this test depend on the machine's load."""
    stores, counter, settings = counted
    orchestrator = build_container(
        settings, llm=TemplateBackend(), stores=stores, use_memory=False
    ).orchestrator
    warm = await orchestrator.run(_request("warm"))
    # the first call of the process loads every script in one pipelined batch: one round trip more
    assert counter.commands["SCRIPT LOAD"] == len(stores.redis._scripts)
    assert counter.round_trips == warm.checkpoint_version + 4 + 1
    counter.reset()

    outcome = await orchestrator.run(_request("counted"))
    trips, commands = counter.snapshot()

    states = outcome.checkpoint_version  # a fresh session: one version per checkpointed state
    assert states == len(await stores.checkpoints.list("t1", "counted", limit=50)) >= 7
    assert trips <= states + 4, commands
    # acquire (+ latest checkpoint + session), one per state, the finaliser's session read,
    # the session CAS pipelined with its index, release
    assert trips == 1 + states + 1 + 1 + 1
    assert commands == Counter({"EVALSHA": 1 + states + 1 + 1, "HGET": 1, "ZADD": 1, "PEXPIRE": 1})


async def test_acquire_prefetch_is_what_a_direct_read_returns_and_is_served_once(counted) -> None:
    stores, counter, _ = counted
    await stores.checkpoints.append(_draft("s", 1, None))
    await stores.sessions.save(Session(tenant="t1", id="s"))
    lease = await stores.lock.acquire("t1", "s")
    counter.reset()
    latest, session = await stores.checkpoints.latest("t1", "s"), await stores.sessions.get("t1", "s")
    assert counter.round_trips == 0, "both reads come from the acquire's reply"
    assert latest is not None and latest.version == 1 and latest.payload == {"step": 1}
    assert session is not None and session.version == 1
    again = await stores.checkpoints.latest("t1", "s")
    assert counter.round_trips == 1 and again == latest, "served once, then read from Redis"
    await stores.lock.release(lease)


async def test_writes_through_this_process_drop_the_prefetched_copy(counted) -> None:
    stores, _, _ = counted
    await stores.sessions.save(Session(tenant="t1", id="w"))
    lease = await stores.lock.acquire("t1", "w")
    await stores.checkpoints.append(_draft("w", 1, lease.fence))  # history was empty at acquire
    latest = await stores.checkpoints.latest("t1", "w")
    assert latest is not None and latest.version == 1
    current = await stores.sessions.get("t1", "w")
    assert current is not None
    await stores.sessions.save(current)
    await stores.lock.release(lease)
    lease = await stores.lock.acquire("t1", "w")
    await stores.sessions.save(Session(tenant="t1", id="w", version=2))  # same process: drops it
    fresh = await stores.sessions.get("t1", "w")
    assert fresh is not None and fresh.version == 3
    await stores.lock.release(lease)


async def test_release_drops_the_prefetch_and_a_second_append_expires_the_session_copy(counted) -> None:
    stores, counter, _ = counted
    lease = await stores.lock.acquire("t1", "r")
    await stores.lock.release(lease)
    assert len(stores.redis.prefetched) == 0
    lease = await stores.lock.acquire("t1", "r")
    for version in (1, 2):
        await stores.checkpoints.append(_draft("r", version, lease.fence))
    counter.reset()
    assert await stores.sessions.get("t1", "r") is None
    assert counter.round_trips == 1, "two appends after the acquire: the session is read again"
    await stores.lock.release(lease)


def _draft(session_id: str, step: int, fence: int | None) -> CheckpointDraft:
    return CheckpointDraft(
        tenant="t1",
        session_id=session_id,
        trace_id="tr",
        state=WorkflowState.CONTEXT_LOADING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload={"step": step},
        fence=fence,
    )


async def test_scripts_flushed_on_the_server_are_reloaded_on_noscript() -> None:
    """A restarted or failed-over server has no scripts: every store call still works (the pipelined
    session save included, which handles NOSCRIPT itself), and costs one reload once."""
    server = RedisProcess()
    server.start()
    stores = build_stores(Settings(redis=RedisSettings(url=server.url, key_prefix="nos")))
    try:
        saved = await stores.sessions.save(Session(tenant="t1", id="n"))
        await stores.redis.client.script_flush()
        lease = await stores.lock.acquire("t1", "n2")
        await stores.checkpoints.append(_draft("n2", 1, lease.fence))
        again = await stores.sessions.save(saved)
        assert again.version == 2
        assert [s.id for s in await stores.sessions.list("t1")] == ["n"]
        assert (await stores.limiter.admit("t1", 1)).allowed
        assert await stores.lock.release(lease)
    finally:
        await stores.aclose()
        server.close()
