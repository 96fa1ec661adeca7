"""Fixtures for the multi-process and fault tests: real Redis, unique prefixes, spawned processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import time
import uuid
from collections.abc import AsyncIterator
from queue import Empty
from typing import Any

import pytest

from tests.contracts.conftest import REDIS_URL, cleanup_prefix


@pytest.fixture
def redis_url() -> str:
    return REDIS_URL


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    value = f"t-{uuid.uuid4().hex[:12]}"
    yield value
    await cleanup_prefix(value)


@pytest.fixture(scope="session")
def mp() -> multiprocessing.context.ForkServerContext:
    """'forkserver' with the worker module preloaded: children start clean (no event loop or sockets
    inherited from the test process) yet fast, since the imports are paid once in the server."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.stores._workers"])
    return ctx


def collect(queue: Any, procs: list[Any], wait_s: float = 30) -> Any:
    """queue.get that fails at once when a child died instead of waiting out the whole timeout."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            return queue.get(timeout=0.1)
        except Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            assert not dead, f"child process failed with exit code {dead}"
    raise AssertionError("no message from child processes in time")
