"""Added latency of the reliable LLM client over a bare httpx call to the same upstream.

Both sides talk to the same zero-delay fake upstream (script_agent/testing/llm_upstream.py, run as a separate
process so that it does not share our GIL), with the same pooled httpx settings, in interleaved rounds
within one run. Figures: p50 / p99 per call for sync generation and stream time-to-first-chunk, at
concurrency 1 and 64. Target: <= 0.5 ms added at p50.

    python bench/llm_client.py [--calls 2000] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import json
import os
import pstats
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from script_agent.config.llm import LLMSettings  # noqa: E402
from script_agent.llm.backends.base import Probe, make_transport  # noqa: E402
from script_agent.llm.breaker import BreakerPolicy, BreakerRegistry  # noqa: E402
from script_agent.llm.factory import build_client  # noqa: E402
from script_agent.ports.llm import ChatMessage, LLMDelta, LLMDone, LLMRequest, LLMResult  # noqa: E402

MODEL = "qwen-base"
Timed = Callable[[int], Awaitable[float]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def upstream_process():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "script_agent.testing.llm_upstream", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=0.5).status_code == 200:
                    break
            time.sleep(0.05)
        else:
            raise RuntimeError("fake upstream did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _body(i: int, stream: bool) -> dict[str, object]:
    body: dict[str, object] = {
        "model": MODEL,
        "messages": [{"role": "user", "content": f"写一段开场话术 #{i}"}],
        "max_tokens": 800,
        "temperature": 0.8,
        "stream": stream,
    }
    if stream:
        body["stream_options"] = {"include_usage": True}
    return body


def bare(http: httpx.AsyncClient) -> tuple[Timed, Timed]:
    """The baseline: what any caller would write with httpx and no reliability at all."""

    async def sync(i: int) -> float:
        started = time.perf_counter()
        response = await http.post("/v1/chat/completions", content=json.dumps(_body(i, False)).encode())
        response.raise_for_status()
        assert response.json()["choices"][0]["message"]["content"]
        return time.perf_counter() - started

    async def stream(i: int) -> float:
        started = time.perf_counter()
        first = None
        body = json.dumps(_body(i, True)).encode()
        async with http.stream("POST", "/v1/chat/completions", content=body) as response:
            response.raise_for_status()
            async for line in response.aiter_lines():
                if first is None and line.startswith("data:") and '"content"' in line:
                    json.loads(line[5:])
                    first = time.perf_counter() - started
        assert first is not None
        return first

    return sync, stream


def reliable(client) -> tuple[Timed, Timed]:  # type: ignore[no-untyped-def]
    def request(i: int) -> LLMRequest:
        return LLMRequest(messages=[ChatMessage("user", f"写一段开场话术 #{i}")], category="美妆")

    async def sync(i: int) -> float:
        started = time.perf_counter()
        result = await client.generate(request(i))
        assert result.text
        return time.perf_counter() - started

    async def stream(i: int) -> float:
        started = time.perf_counter()
        first = None
        async for item in client.stream(request(i)):
            if first is None and isinstance(item, LLMDelta):
                first = time.perf_counter() - started
        assert first is not None
        return first

    return sync, stream


async def paired(base_fn: Timed, cli_fn: Timed, calls: int, concurrency: int, offset: int):
    """Each worker alternates bare and client calls, so both sides see the same load and noise."""
    base: list[float] = []
    cli: list[float] = []
    counter = iter(range(offset, offset + calls))

    async def worker(turn: int) -> None:
        for i in counter:
            if turn:
                base.append(await base_fn(i))
            else:
                cli.append(await cli_fn(i))
            turn ^= 1

    await asyncio.gather(*(worker(w % 2) for w in range(concurrency)))
    return base, cli


async def cpu_per_call(fn: Timed, calls: int, concurrency: int, offset: int) -> float:
    """Process CPU seconds per call: the client's own cost, much less sensitive to other processes."""
    counter = iter(range(offset, offset + calls))

    async def worker() -> None:
        for i in counter:
            await fn(i)

    started = time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return (time.process_time() - started) / calls


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


Row = tuple[str, int, list[float], list[float], float, float]


async def measure(url: str, calls: int, dedup: bool = True) -> list[Row]:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    http = httpx.AsyncClient(
        base_url=url,
        headers={"content-type": "application/json"},
        # The same connection layer the client uses (LLM_HTTP_TRANSPORT), so only the client's own
        # work differs between the two sides.
        transport=make_transport(LLMSettings().http_transport, limits),
        timeout=httpx.Timeout(30.0),
    )
    settings = LLMSettings(
        primary_base_url=url,
        primary_model=MODEL,
        fallback_enabled=False,
        pool_max_connections=100,
        pool_max_keepalive=100,
        inflight_dedup=dedup,
    )
    client = build_client(settings, last_resort=None, breakers=BreakerRegistry(BreakerPolicy()))
    base_sync, base_stream = bare(http)
    cli_sync, cli_stream = reliable(client)
    rows: list[Row] = []
    offset = 0
    try:
        await paired(base_sync, cli_sync, 400, 16, offset)  # warm pools and code paths
        await paired(base_stream, cli_stream, 400, 16, offset + 400)
        offset = 1000
        for mode, base_fn, cli_fn in (
            ("sync", base_sync, cli_sync),
            ("stream TTFC", base_stream, cli_stream),
        ):
            for concurrency in (1, 64):
                base, cli = await paired(base_fn, cli_fn, calls, concurrency, offset)
                offset += calls
                base_cpu = await cpu_per_call(base_fn, calls // 2, concurrency, offset)
                offset += calls
                cli_cpu = await cpu_per_call(cli_fn, calls // 2, concurrency, offset)
                offset += calls
                rows.append((mode, concurrency, base, cli, base_cpu, cli_cpu))
    finally:
        await http.aclose()
        await client.aclose()
    return rows


def report(rows: list[Row]) -> None:
    print(
        f"{'mode':<12} {'conc':>4} {'bare p50':>9} {'client p50':>10} {'added p50':>9} "
        f"{'bare p99':>9} {'client p99':>10} {'added p99':>9} {'added CPU/call':>14}"
    )
    for mode, concurrency, base, cli, base_cpu, cli_cpu in rows:
        b50, c50, b99, c99 = pct(base, 0.5), pct(cli, 0.5), pct(base, 0.99), pct(cli, 0.99)
        print(
            f"{mode:<12} {concurrency:>4} {b50:>9.3f} {c50:>10.3f} {c50 - b50:>+9.3f} "
            f"{b99:>9.3f} {c99:>10.3f} {c99 - b99:>+9.3f} {(cli_cpu - base_cpu) * 1000:>+11.3f} ms"
        )
    print(
        f"(all figures in ms; bare = plain httpx.AsyncClient call, same upstream, same pool settings, "
        f"same transport: {LLMSettings().http_transport})"
    )
    worst = max(pct(cli, 0.5) - pct(base, 0.5) for _, _, base, cli, *_ in rows)
    worst_cpu = max(cli_cpu - base_cpu for *_, base_cpu, cli_cpu in rows) * 1000
    verdict = "meets" if worst <= 0.5 else "MISSES"
    print(
        f"worst added p50: {worst:+.3f} ms, worst added CPU per call: {worst_cpu:+.3f} ms: "
        f"{verdict} the 0.5 ms target"
    )


class _InstantBackend:
    """A backend that answers at once: isolates the client's own machinery from network and upstream noise."""

    kind = "openai"
    base_url = "http://instant"

    async def complete(self, request, model, *, headers, http_timeout):  # type: ignore[no-untyped-def]
        return LLMResult(text="好物推荐", backend=self.kind, layer="", model=model)

    async def stream(self, request, model, *, headers, http_timeout):  # type: ignore[no-untyped-def]
        for _ in range(7):
            yield LLMDelta("家人们看过来")
        yield LLMDone(LLMResult(text="家人们看过来" * 7, backend=self.kind, layer="", model=model))

    async def probe(self, within_s: float) -> Probe:
        return Probe(ok=True, status=200)  # always healthy: health is not what this measures

    async def aclose(self) -> None:
        return None


async def machinery(calls: int) -> None:
    """Client over an instant backend vs that backend called directly: the pure cost of the layers."""
    backend = _InstantBackend()
    settings = LLMSettings(primary_base_url="http://instant", primary_model=MODEL, fallback_enabled=False)
    client = build_client(settings, last_resort=None, breakers=BreakerRegistry(BreakerPolicy()))
    upstream = client.plan.primary
    assert upstream is not None
    object.__setattr__(upstream, "backend", backend)
    client.plan._cache.clear()

    def req(i: int) -> LLMRequest:
        return LLMRequest(messages=[ChatMessage("user", f"写一段开场话术 #{i}")])

    async def direct_sync(i: int) -> float:
        started = time.perf_counter()
        await backend.complete(req(i), MODEL, headers={}, http_timeout=None)
        return time.perf_counter() - started

    async def direct_stream(i: int) -> float:
        started = time.perf_counter()
        first = None
        async for _item in backend.stream(req(i), MODEL, headers={}, http_timeout=None):
            if first is None:
                first = time.perf_counter() - started
        return first or 0.0

    cli_sync, cli_stream = reliable(client)
    print(f"{'machinery':<12} {'direct p50':>10} {'client p50':>10} {'added p50':>9} {'added CPU/call':>14}")
    for mode, base_fn, cli_fn in (
        ("sync", direct_sync, cli_sync),
        ("stream TTFC", direct_stream, cli_stream),
    ):
        await paired(base_fn, cli_fn, 400, 1, 0)
        base, cli = await paired(base_fn, cli_fn, calls, 1, 10_000)
        added_cpu = await cpu_per_call(cli_fn, calls, 1, 20_000) - await cpu_per_call(
            base_fn, calls, 1, 30_000
        )
        print(
            f"{mode:<12} {pct(base, 0.5):>10.3f} {pct(cli, 0.5):>10.3f} "
            f"{pct(cli, 0.5) - pct(base, 0.5):>+9.3f} {added_cpu * 1000:>+11.3f} ms"
        )
    print("(the reliability layers alone, over a backend that answers instantly; concurrency 1)")
    await client.aclose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000, help="per configuration and side")
    parser.add_argument(
        "--no-dedup", action="store_true", help="turn in-flight sharing off (LLM_INFLIGHT_DEDUP)"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the client side, print top 25")
    args = parser.parse_args()
    with upstream_process() as url:
        print(f"fake upstream {url} (separate process), pid {os.getpid()}, calls={args.calls}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
        results = asyncio.run(measure(url, args.calls, dedup=not args.no_dedup))
        if args.profile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        report(results)
    print()
    asyncio.run(machinery(args.calls))


if __name__ == "__main__":
    main()
