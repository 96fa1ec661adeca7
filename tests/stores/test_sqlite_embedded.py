"""The embedded SQLite stores across processes: what the contract suite (one process) cannot show.

Two SqliteDatabase objects on one file stand for two CLI runs: each has its own connection and its
own renewal tasks, and only the file is shared, exactly as between two terminals.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from script_agent.config.state import CheckpointSettings, LockSettings
from script_agent.domain.errors import LockTimeout, StaleFence
from script_agent.domain.session import Session
from script_agent.stores.sqlite import (
    SqliteCheckpointStore,
    SqliteDatabase,
    SqliteSessionLock,
    SqliteSessionStore,
)
from tests.contracts.test_checkpoint_store import draft

LOCK = LockSettings(lease_ms=300, retry_interval_ms=10, wait_timeout_s=1.0)


@pytest.fixture
async def two_runs(tmp_path: Path):
    dbs = [SqliteDatabase(tmp_path / "state.sqlite3") for _ in range(2)]
    yield dbs
    for db in dbs:
        await db.aclose()


async def test_a_session_saved_by_one_run_is_read_and_versioned_by_the_next(two_runs) -> None:
    first, second = (SqliteSessionStore(db) for db in two_runs)
    saved = await first.save(Session(tenant="t", id="s", summary="第一轮"))
    got = await second.get("t", "s")
    assert got is not None and got.summary == "第一轮" and got.version == saved.version == 1
    assert (await second.save(got.model_copy(update={"summary": "第二轮"}))).version == 2


async def test_the_lock_excludes_another_process_and_fences_its_stale_writes(two_runs) -> None:
    lock_a, lock_b = (SqliteSessionLock(db, LOCK) for db in two_runs)
    store_b = SqliteCheckpointStore(two_runs[1], CheckpointSettings())
    held = await lock_a.acquire("t", "s")
    with pytest.raises(LockTimeout):
        await lock_b.acquire("t", "s", wait_s=0.1)
    waiter = asyncio.create_task(lock_b.acquire("t", "s", wait_s=1.0))
    await asyncio.sleep(0.05)
    assert await lock_a.release(held)
    newer = await waiter
    assert newer.fence > held.fence
    await store_b.append(draft(1, fence=newer.fence))
    with pytest.raises(StaleFence):  # the first run, paused past its lease, may not write any more
        await SqliteCheckpointStore(two_runs[0], CheckpointSettings()).append(draft(2, fence=held.fence))
    await lock_b.release(newer)


async def test_a_crashed_holder_lease_expires_instead_of_blocking_forever(two_runs) -> None:
    crashed = SqliteSessionLock(two_runs[0], LockSettings(lease_ms=150, retry_interval_ms=10))
    lease = await crashed.acquire("t", "s")
    crashed._renewers.pop(lease.token).cancel()  # the process died: nobody renews any more
    later = await SqliteSessionLock(two_runs[1], LOCK).acquire("t", "s", wait_s=1.0)
    assert later.fence == lease.fence + 1
