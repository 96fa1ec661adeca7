"""The multiprocess metrics directory of `serve --workers N`: created private, removed after a clean
stop, an operator's own left alone, and a dead worker's live gauges dropped from the aggregate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from script_agent.observability import multiprocess
from script_agent.observability.multiprocess import ENV, aggregate_registry, reap, shared_dir
from script_agent.testing.gateway import ROOT, ServerThread, gateway_settings

# A worker in miniature: a fresh interpreter in multiprocess mode that serves one request's worth of
# metrics (one request counted, three in flight), prints its pid and exits without cleaning up.
WORKER = """
import os
from script_agent.observability.metrics import HTTP_INFLIGHT, HTTP_REQUESTS
HTTP_REQUESTS.labels("/api/v1/check", "POST", "200").inc()
HTTP_INFLIGHT.set(3)
print(os.getpid())
"""


def run_worker(metrics_dir: Path) -> int:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), ENV: str(metrics_dir)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return int(done.stdout.strip())


def test_the_private_directory_is_removed_after_a_clean_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    with shared_dir() as path:
        made = Path(path)
        assert made.is_dir() and made.stat().st_mode & 0o777 == 0o700
        assert multiprocess.multiprocess_dir() == path, "workers spawned now inherit it"
        run_worker(made)
        assert list(made.glob("*.db"))
    assert not made.exists()
    assert multiprocess.multiprocess_dir() is None


def test_an_operator_directory_is_used_and_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    with shared_dir() as path:
        assert path == str(tmp_path)
        run_worker(tmp_path)
    assert tmp_path.is_dir() and list(tmp_path.glob("*.db"))


def test_a_dead_worker_keeps_its_counts_and_loses_its_live_gauges(tmp_path: Path) -> None:
    pids = [run_worker(tmp_path) for _ in range(2)]
    registry = aggregate_registry(str(tmp_path))
    requests = (
        "script_agent_http_requests_total",
        {"route": "/api/v1/check", "method": "POST", "status": "200"},
    )
    assert registry.get_sample_value(*requests) == 2
    assert registry.get_sample_value("script_agent_http_requests_in_flight") == 6
    assert reap(str(tmp_path), live_pids={pids[1]}) == [pids[0]]
    assert registry.get_sample_value(*requests) == 2, "a replaced worker's requests still count"
    assert registry.get_sample_value("script_agent_http_requests_in_flight") == 3
    assert reap(str(tmp_path), live_pids={pids[1]}) == []


def test_single_process_metrics_keep_the_process_collectors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    server = ServerThread(gateway_settings()).start()
    try:
        text = httpx.get(f"{server.url}/metrics", timeout=10).text
    finally:
        server.stop()
    assert "process_resident_memory_bytes" in text and "python_info" in text
