"""Benchmark: Redis round trips per state operation, and limiter decisions per second.

    python bench/redis_state.py [--url redis://127.0.0.1:6379/0] [--ops 500] [--seconds 3]

By default it starts a private redis-server on a free port, so INFO commandstats deltas count only
this benchmark's commands (pass --url to use a server you run; other clients then add noise).

Round trips per operation (target: checkpoint append 1, limiter decision 1, lock acquire+release 2):
  - server side: the INFO commandstats delta over N operations, split into top-level calls (EVALSHA,
    EVAL and any direct command) and the commands Lua ran inside those scripts;
  - client side, as a cross-check: every command redis-py sent (a pipeline counts once).
Top-level calls = commands the server received over the wire = round trips (nothing is pipelined here).

Round trips per orchestrated generate (target: checkpointed states + 4), counted on the wire by a
counting connection class (stores/redis/wire.py) and cross-checked with the server's commandstats;
the baseline in the same run is the same generate with the lock's acquire prefetch switched off.

Limiter throughput, one process, same run: the Redis limiter sequentially and with 32 concurrent
callers, against two baselines — a bare PING (one round trip with no work: the floor for any Redis
call) and the in-memory limiter (the same GCRA arithmetic with no network).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from script_agent.bootstrap import build_container
from script_agent.config.settings import Settings
from script_agent.config.state import (
    CheckpointSettings,
    LockSettings,
    RateLimitSettings,
    RedisSettings,
)
from script_agent.domain.checkpoint import CheckpointDraft
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import RunStatus, WorkflowState
from script_agent.llm.template import TemplateBackend
from script_agent.stores.factory import build_stores
from script_agent.stores.memory.rate_limit import MemoryRateLimiter
from script_agent.stores.redis.checkpoints import RedisCheckpointStore
from script_agent.stores.redis.connection import RedisConnection
from script_agent.stores.redis.locks import RedisSessionLock
from script_agent.stores.redis.rate_limit import RedisRateLimiter
from script_agent.stores.redis.wire import count_wire
from script_agent.testing.support import example_request

TOP_LEVEL = {"evalsha", "eval", "script|load"}
BIG = RateLimitSettings(qps=1e9, burst=1_000_000_000, tokens_per_minute=1_000_000_000)


def start_private_redis() -> tuple[str, subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workdir = tempfile.mkdtemp(prefix="bench-redis-")
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    args = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen([*args, "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return f"redis://127.0.0.1:{port}/0", proc, workdir
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("redis-server did not start")


class CountingConn(RedisConnection):
    """Counts client-side commands by wrapping the client's execute_command."""

    def __init__(self, settings: RedisSettings) -> None:
        super().__init__(settings)
        self.sent = 0
        original = self.client.execute_command

        async def counted(*args: object, **kwargs: object) -> object:
            self.sent += 1
            return await original(*args, **kwargs)

        self.client.execute_command = counted  # type: ignore[method-assign]


async def commandstats(conn: RedisConnection) -> Counter[str]:
    stats = await conn.client.info("commandstats")
    return Counter({k.removeprefix("cmdstat_"): int(v["calls"]) for k, v in stats.items()})


async def measure(conn: CountingConn, n: int, op: Callable[[int], Awaitable[object]]) -> dict[str, float]:
    before, sent_before = await commandstats(conn), conn.sent
    for i in range(n):
        await op(i)
    sent = conn.sent - sent_before - 1  # minus the INFO that read `before`
    delta = await commandstats(conn) - before
    delta["info"] -= 1
    top = sum(c for cmd, c in delta.items() if cmd in TOP_LEVEL)
    inner = sum(delta.values()) - top
    return {"server_top": top / n, "server_inner": inner / n, "client": sent / n}


def draft(i: int) -> CheckpointDraft:
    return CheckpointDraft(
        tenant="bench",
        session_id=f"s{i % 50}",
        trace_id=f"trace-{i}",
        state=WorkflowState.SCRIPT_GENERATING,
        status=RunStatus.RUNNING,
        created_at=datetime.now(UTC),
        payload={"script": "家人们看过来，这款面霜" * 10, "step": i},
        fence=None,
    )


async def round_trips(conn: CountingConn, n: int) -> list[tuple[str, dict[str, float], float]]:
    store = RedisCheckpointStore(conn, CheckpointSettings(history_limit=20))
    lock = RedisSessionLock(conn, LockSettings(lease_ms=30_000))
    limiter = RedisRateLimiter(conn, BIG)
    await store.append(draft(0))  # warm-up: scripts loaded (SCRIPT LOAD happens once per script)
    await lock.release(await lock.acquire("bench", "warm"))
    await limiter.admit("bench", 1)

    async def lock_cycle(i: int) -> None:
        await lock.release(await lock.acquire("bench", f"s{i % 50}", wait_s=1))

    return [
        ("checkpoint append", await measure(conn, n, lambda i: store.append(draft(i))), 1),
        ("limiter decision", await measure(conn, n, lambda i: limiter.admit(f"t{i % 20}", 100)), 1),
        ("lock acquire+release", await measure(conn, n, lock_cycle), 2),
    ]


def generate_request(session_id: str) -> ScriptRequest:
    return example_request("bench", session_id)


async def generate_trips(url: str, n: int, prefetch: bool) -> tuple[float, float, Counter[str], float]:
    """(round trips, checkpointed states, commands by name, server commands), each per generate."""
    settings = Settings(
        redis=RedisSettings(url=url, key_prefix=f"bench{os.getpid()}g{int(prefetch)}", socket_timeout_s=2),
        lock=LockSettings(lease_ms=60_000),  # no lease renewal inside the counted window
    )
    stores = build_stores(settings)
    if not prefetch:
        stores.lock = RedisSessionLock(stores.redis, settings.lock)
    counter = count_wire(stores.redis)
    probe = RedisConnection(RedisSettings(url=url))  # reads INFO without being counted
    try:
        orchestrator = build_container(settings, llm=TemplateBackend(), stores=stores, use_memory=False)
        await orchestrator.orchestrator.run(generate_request("warm"))
        before = await commandstats(probe)
        counter.reset()
        states = 0
        for i in range(n):
            outcome = await orchestrator.orchestrator.run(generate_request(f"g{i}"))
            states += outcome.checkpoint_version  # fresh session: one version per state
        trips, commands = counter.snapshot()
        server = await commandstats(probe) - before
        server["info"] -= 1
        per = Counter({name: count // n for name, count in commands.items()})
        server_total = sum(server.values()) - sum(counter.setup_commands.values())
        return trips / n, states / n, per, server_total / n
    finally:
        await stores.aclose()
        await probe.aclose()


def print_generate(rows: list[tuple[str, tuple[float, float, Counter[str], float]]]) -> None:
    print("\nRedis round trips per orchestrated generate (template writer, fresh session each)")
    for name, (trips, states, commands, server) in rows:
        target = states + 4
        ok = "yes" if trips <= target else "NO"
        listed = ", ".join(f"{cmd} {count}" for cmd, count in sorted(commands.items()))
        print(f"{name:<34} round trips {trips:5.2f}  target {target:5.2f} (states {states:.0f} + 4)  ok {ok}")
        print(f"{'':<34} commands sent: {listed}; server ran {server:.2f} (Lua's inner calls included)")


async def rate(seconds: float, concurrency: int, call: Callable[[], Awaitable[object]]) -> float:
    done, stop = 0, time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < stop:
            await call()
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done / (time.perf_counter() - started)


async def throughput(conn: RedisConnection, seconds: float) -> list[tuple[str, float]]:
    limiter, memory = RedisRateLimiter(conn, BIG), MemoryRateLimiter(BIG)
    rows = []
    for conc in (1, 32):
        rows.append((f"baseline: PING, {conc} caller(s)", await rate(seconds, conc, conn.client.ping)))
        rows.append(
            (f"redis limiter, {conc} caller(s)", await rate(seconds, conc, lambda: limiter.admit("tp", 10)))
        )
    rows.append(
        ("baseline: memory limiter, 1 caller", await rate(seconds, 1, lambda: memory.admit("tp", 10)))
    )
    return rows


async def main(url: str, n: int, seconds: float) -> None:
    settings = RedisSettings(
        url=url, key_prefix=f"bench{os.getpid()}", socket_timeout_s=2, max_connections=64
    )
    conn = CountingConn(settings)
    try:
        print_generate(
            [
                ("acquire prefetches (default)", await generate_trips(url, max(1, n // 10), True)),
                ("baseline: no acquire prefetch", await generate_trips(url, max(1, n // 10), False)),
            ]
        )
        rows = await round_trips(conn, n)
        print(f"\nRound trips per operation ({n} ops each; server = INFO commandstats delta)")
        print(f"{'operation':<24}{'round trips':>12}{'client sent':>12}{'Lua inner':>11}{'target':>8}  ok")
        for name, m, target in rows:
            ok = "yes" if m["server_top"] <= target else "NO"
            figures = f"{m['server_top']:>12.2f}{m['client']:>12.2f}{m['server_inner']:>11.2f}"
            print(f"{name:<24}{figures}{target:>8}  {ok}")
        print(f"\nLimiter decisions per second, one process ({seconds:.0f} s each)")
        results = await throughput(conn, seconds)
        ping = {
            c: r for name, r in results if name.startswith("baseline: PING") for c in [name.split(", ")[1]]
        }
        for name, value in results:
            ratio = ""
            if name.startswith("redis limiter"):
                ratio = f"  ({value / ping[name.split(', ')[1]]:.0%} of PING)"
            print(f"{name:<38}{value:>12,.0f}/s{ratio}")
    finally:
        await conn.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=None, help="use this Redis instead of a private redis-server")
    parser.add_argument("--ops", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    proc = workdir = None
    url = args.url
    if url is None:
        url, proc, workdir = start_private_redis()
    try:
        asyncio.run(main(url, args.ops, args.seconds))
    finally:
        if proc is not None:
            proc.kill()
            proc.wait()
            shutil.rmtree(workdir or "", ignore_errors=True)
