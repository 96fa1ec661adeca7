"""`serve --workers N` metrics: every scrape reports all the workers, not whichever one answered."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from script_agent.testing.gateway import KEYS, free_port, serve_command
from script_agent.testing.llm_upstream import FakeLLMUpstream
from script_agent.testing.support import stop_process
from tests.contracts.conftest import REDIS_URL, cleanup_prefix
from tests.gateway.test_serve_workers import _children, _env, _live
from tests.ops.promtool import promtool

ROUTE = "/api/v1/catalogue/products"  # cheap: no upstream call, no state write
REQUESTS = 40
COUNTER = "script_agent_http_requests_total"


@dataclass
class Workers:
    url: str
    proc: subprocess.Popen[bytes]

    @property
    def pids(self) -> list[int]:
        return _children(self.proc.pid)

    @property
    def metrics_dir(self) -> Path:
        """The directory the supervisor handed its workers (read from a worker's environment)."""
        environ = Path(f"/proc/{self.pids[0]}/environ").read_bytes().split(b"\0")
        (value,) = [e.split(b"=", 1)[1] for e in environ if e.startswith(b"PROMETHEUS_MULTIPROC_DIR=")]
        return Path(value.decode())

    def wait_ready(self, exclude: frozenset[int] = frozenset()) -> None:
        deadline = time.monotonic() + 60
        while len(set(self.pids) - exclude) < 2 or not _live(self.url):
            assert self.proc.poll() is None, self.proc.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "two workers did not come up"
            time.sleep(0.1)


@contextlib.contextmanager
def two_workers(upstream: FakeLLMUpstream, **extra: str) -> Iterator[Workers]:
    prefix = f"wmetrics-{uuid.uuid4().hex[:10]}"
    port = free_port()
    env = _env(upstream, REDIS_URL=REDIS_URL, REDIS_KEY_PREFIX=prefix, **extra)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    proc = subprocess.Popen(
        serve_command(port, "--workers", "2"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    workers = Workers(f"http://127.0.0.1:{port}", proc)
    try:
        workers.wait_ready()
        yield workers
    finally:
        stop_process(proc)
        asyncio.run(cleanup_prefix(prefix))


def send_requests(url: str) -> None:
    """REQUESTS at once, each on a fresh connection so the kernel spreads them over both workers."""

    async def one() -> int:
        async with httpx.AsyncClient(timeout=30) as c:
            return (await c.get(f"{url}{ROUTE}", headers=KEYS["a"].headers)).status_code

    async def run_all() -> list[int]:
        return await asyncio.gather(*(one() for _ in range(REQUESTS)))

    assert asyncio.run(run_all()) == [200] * REQUESTS


def load_both(workers: Workers) -> int:
    """Batches of REQUESTS until each worker has served some (the kernel's spread is uneven: 5/35
    was seen); returns how many were sent."""
    sent = 0
    while sent == 0 or min(served_by(workers).values()) == 0:
        assert sent < 5 * REQUESTS, f"one worker served every request: {served_by(workers)}"
        send_requests(workers.url)
        sent += REQUESTS
    return sent


def route_count(exposition: str) -> float:
    for family in text_string_to_metric_families(exposition):
        for s in family.samples:
            if s.name == COUNTER and s.labels == {"route": ROUTE, "method": "GET", "status": "200"}:
                return s.value
    raise AssertionError(f"no {COUNTER} sample for {ROUTE}")


def served_by(workers: Workers) -> dict[int, float]:
    """Requests on ROUTE per worker, from each worker's own counter file."""
    counts: dict[int, float] = {}
    for pid in workers.pids:
        files = [str(workers.metrics_dir / f"counter_{pid}.db")]
        merged = MultiProcessCollector.merge(files)  # type: ignore[no-untyped-call]
        counts[pid] = sum(
            s.value
            for family in merged
            for s in family.samples
            if s.name == COUNTER and s.labels.get("route") == ROUTE
        )
    return counts


def scrape(url: str) -> str:
    response = httpx.get(f"{url}/metrics", timeout=10)  # a fresh connection: any worker may answer
    assert response.status_code == 200
    return response.text


def test_every_scrape_counts_the_requests_of_every_worker(upstream: FakeLLMUpstream) -> None:
    with two_workers(upstream) as workers:
        metrics_dir = workers.metrics_dir
        assert metrics_dir.stat().st_mode & 0o777 == 0o700
        sent = load_both(workers)
        per_worker = served_by(workers)
        assert len(per_worker) == 2 and sum(per_worker.values()) == sent
        scrapes = [scrape(workers.url) for _ in range(8)]  # per-process metrics: each one worker's share
        assert [route_count(text) for text in scrapes] == [sent] * len(scrapes)
        families = list(text_string_to_metric_families(scrapes[-1]))
        assert not any("pid" in s.labels for f in families for s in f.samples), "unbounded pid label"

        # uvicorn replaces a killed worker: its counts stay in the totals, its live gauges go
        victim = workers.pids[0]
        os.kill(victim, signal.SIGKILL)
        workers.wait_ready(exclude=frozenset({victim}))
        assert route_count(scrape(workers.url)) == sent
        deadline = time.monotonic() + 30  # the supervisor reaps right after it spawned the replacement
        while list(metrics_dir.glob(f"gauge_live*_{victim}.db")):
            assert time.monotonic() < deadline, "the killed worker's live gauges were never dropped"
            time.sleep(0.1)

        workers.proc.terminate()
        assert workers.proc.wait(timeout=30) == 0
    assert not metrics_dir.exists(), "the supervisor's metrics directory outlived it"


def test_metrics_port_serves_the_aggregate_of_every_worker(upstream: FakeLLMUpstream) -> None:
    metrics_port = free_port()
    with two_workers(upstream, GATEWAY_METRICS_PORT=str(metrics_port)) as workers:
        sent = load_both(workers)
        assert httpx.get(f"{workers.url}/metrics", timeout=10).status_code == 404
        for _ in range(3):
            response = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10)
            assert response.status_code == 200
            assert route_count(response.text) == sent
        assert promtool("check", "metrics", stdin=response.text).strip() == ""
