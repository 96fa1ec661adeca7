"""`script-agent serve --workers N`: several processes behind one port, state shared through Redis."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from script_agent.testing.gateway import KEYS, ROOT, free_port, generate_body, key_table, serve_command
from script_agent.testing.llm_upstream import FakeLLMUpstream
from script_agent.testing.support import stop_process
from tests.contracts.conftest import REDIS_URL, cleanup_prefix


def _env(upstream: FakeLLMUpstream, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    return {
        **env,
        "PYTHONPATH": str(ROOT),
        "AUTH_MODE": "api_key",
        "AUTH_API_KEYS": key_table(),
        "LLM_PRIMARY_BASE_URL": upstream.url,
        "LLM_PRIMARY_MODEL": "base",
        "LLM_FALLBACK_ENABLED": "false",
        "LLM_BREAKER_MIN_CALLS": "10000",
        "RATE_LIMIT_QPS": "1000",
        "RATE_LIMIT_BURST": "1000",
        "LONGTERM_MEMORY_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def _children(pid: int) -> list[int]:
    """The supervisor's worker processes (multiprocessing's resource tracker is a child too)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [int(p) for p in path.read_text().split()] if path.exists() else []
    return [p for p in pids if b"spawn_main" in _cmdline(p)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_several_workers_with_in_memory_state_are_refused(upstream: FakeLLMUpstream) -> None:
    done = subprocess.run(
        serve_command(free_port(), "--workers", "2"),
        env=_env(upstream),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "--allow-unshared-state" in done.stderr and "REDIS_URL" in done.stderr
    assert "sessions" in done.stderr and "checkpoints" in done.stderr


@pytest.fixture
def two_workers(upstream: FakeLLMUpstream) -> Iterator[tuple[str, subprocess.Popen[bytes], str]]:
    prefix = f"workers-{uuid.uuid4().hex[:10]}"
    port = free_port()
    env = _env(upstream, REDIS_URL=REDIS_URL, REDIS_KEY_PREFIX=prefix)
    proc = subprocess.Popen(
        serve_command(port, "--workers", "2"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 or not _live(url):
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "two workers did not come up"
            time.sleep(0.1)
        yield url, proc, prefix
    finally:
        stop_process(proc)
        asyncio.run(cleanup_prefix(prefix))


def _live(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v1/health/live", timeout=0.5).status_code == 200
    except httpx.HTTPError:
        return False


def test_two_workers_serve_one_port_and_share_sessions(
    two_workers: tuple[str, subprocess.Popen[bytes], str],
) -> None:
    url, proc, _ = two_workers
    workers = _children(proc.pid)
    assert len(workers) == 2
    headers = KEYS["a"].headers
    sessions = [f"s-{uuid.uuid4().hex[:10]}" for _ in range(8)]

    async def run_all() -> list[httpx.Response]:
        # a fresh connection per request, so the kernel spreads them over both workers' accepts
        async def one(session: str) -> httpx.Response:
            async with httpx.AsyncClient(timeout=30) as c:
                return await c.post(
                    f"{url}/api/v1/generate", json=generate_body(session_id=session), headers=headers
                )

        return await asyncio.gather(*(one(s) for s in sessions))

    results = asyncio.run(run_all())
    assert [r.status_code for r in results] == [200] * len(sessions), [r.text for r in results]
    with httpx.Client(timeout=10) as c:  # each session is readable whichever worker answers
        for session in sessions:
            for _ in range(2):
                doc = httpx.get(f"{url}/api/v1/sessions/{session}", headers=headers, timeout=10)
                assert doc.status_code == 200 and doc.json()["script_count"] == 1
        del c
    proc.terminate()
    assert proc.wait(timeout=30) == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)
