"""The Redis limiter holds globally: several OS processes racing on one tenant admit exactly the limit."""

from __future__ import annotations

import multiprocessing.context
import time

from tests.stores import _workers
from tests.stores.conftest import collect

PROCS, PER_PROC = 3, 200


def _race(mp: multiprocessing.context.BaseContext, url: str, prefix: str, limits: dict, cost: int) -> int:
    start, out = mp.Event(), mp.Queue()
    procs = [
        mp.Process(target=_workers.hammer_limiter, args=(url, prefix, limits, cost, start, PER_PROC, out))
        for _ in range(PROCS)
    ]
    for p in procs:
        p.start()
    assert all(collect(out, procs, 60) == "ready" for _ in procs)  # all warmed up: start the race
    start.set()
    total = sum(collect(out, procs, 60) for _ in procs)
    for p in procs:
        p.join(timeout=10)
        assert p.exitcode == 0
    return total


def test_request_burst_is_exact_across_processes(mp, redis_url: str, prefix: str) -> None:
    # one request per 1000 s: nothing refills during the race, so exactly `burst` may pass
    limits = {"qps": 0.001, "burst": 57, "tokens_per_minute": 10_000_000, "fail_open": False}
    assert _race(mp, redis_url, prefix, limits, cost=1) == 57


def test_token_budget_is_exact_across_processes(mp, redis_url: str, prefix: str) -> None:
    # 6000 tokens/min refills 100 tokens/s; each request reserves 1000, so refill adds at most
    # one request per 10 s of race: the 6 of the bucket (+1 if the race were slow) pass
    limits = {"qps": 10_000, "burst": 10_000, "tokens_per_minute": 6000, "fail_open": False}
    started = time.monotonic()
    admitted = _race(mp, redis_url, prefix, limits, cost=1000)
    slack = int((time.monotonic() - started) / 10)
    assert 6 <= admitted <= 6 + slack
