"""Gateway overhead: a full orchestrated /generate vs a direct call to the same zero-delay upstream.

Three processes: the fake upstream (script_agent/testing/llm_upstream.py, uvloop + httptools), one gateway
(`script-agent serve`, embedded defaults: in-memory stores, lock, limiter, long-term memory unless
--no-memory), and this load generator (a minimal keep-alive HTTP/1.1 client on raw asyncio streams,
so the generator itself costs little CPU). Measured in the same run:

  c=1   added latency of POST /api/v1/generate over its upstream call (p50 / p99)
  c=1   added time-to-first-delta of POST /api/v1/generate/stream over the upstream's first chunk
  c=32  saturated requests/s of one gateway process and its CPU time per request, sync and stream
        (`--concurrency`; CPU of the gateway process from /proc, the write-behind memory drain included)

    python bench/gateway.py [--requests 1500] [--seconds 10] [--concurrency 32] [--no-memory] [--profile]

Targets (2-core machine): <= 2 ms p50 added at c=1, <= 2 ms added TTFD, <= 2 ms CPU per request at c=32.
`--profile` samples the gateway with py-spy (in the dev lock) in the sync saturation phase: inclusive shares.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from script_agent.testing.gateway import GOOD_REPLY, PRODUCT  # noqa: E402
from script_agent.testing.support import delete_prefixed  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _loadgen import Conn, get, interleaved, pct, sequential  # noqa: E402
from _profile import cprofile_shares, profile_shares  # noqa: E402

UPSTREAM_SERVER = f"""
import sys, uvicorn
sys.path.insert(0, {str(ROOT)!r})
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from script_agent.testing.llm_upstream import FakeLLMUpstream
fake = FakeLLMUpstream(reply={GOOD_REPLY!r}, chunk_chars=8)
async def last(request):
    chats = fake.chat_requests()
    return JSONResponse(chats[-1].body if chats else {{}})
app = Starlette(routes=[Route("/_last", last), Mount("/", app=fake.app)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), loop="uvloop", http="httptools",
            log_level="warning", access_log=False, lifespan="off")
"""
LIVE = "/api/v1/health/live"
STREAM = "/api/v1/generate/stream"
GENERATE_BODY = json.dumps({"query": "帮我写一段开场话术", "scene": "opening", "product": PRODUCT}).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} never opened")


@contextlib.contextmanager
def process(
    cmd: list[str], port: int, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL)
    try:
        wait_port(port, proc)
        yield proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and its live children (the workers of `serve --workers N`)."""
    total = 0.0
    for one in (pid, *_children(pid)):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


async def saturate(
    port: int, pid: int, seconds: float, concurrency: int, path: str = "/api/v1/generate"
) -> tuple[float, float, dict[int, int]]:
    statuses: collections.Counter[int] = collections.Counter()
    stop_at = time.perf_counter() + seconds
    body, method = (GENERATE_BODY, "POST") if path.startswith("/api/v1/generate") else (b"", "GET")

    async def worker() -> None:
        conn = Conn(port)
        while time.perf_counter() < stop_at:
            status, _, _ = await conn.request(path, body, method=method)
            statuses[status] += 1

    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    done = sum(statuses.values())
    return done / elapsed, cpu / max(done, 1) * 1000, dict(statuses)


async def run(args: argparse.Namespace) -> None:
    up_port, gw_port = free_port(), free_port()
    env = {
        "AUTH_MODE": "dev",
        "LLM_PRIMARY_BASE_URL": f"http://127.0.0.1:{up_port}",
        "LLM_PRIMARY_MODEL": "base",
        "LLM_FALLBACK_ENABLED": "false",
        "RATE_LIMIT_QPS": "1000000",
        "RATE_LIMIT_BURST": "1000000",
        "RATE_LIMIT_TOKENS_PER_MINUTE": "1000000000",
        "LONGTERM_MEMORY_ENABLED": "false" if args.no_memory else "true",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    gw_cmd = [sys.executable, "-m", "script_agent.cli.main", "serve", "--port", str(gw_port)]
    if args.redis:
        env |= {"REDIS_URL": args.redis, "REDIS_KEY_PREFIX": f"bench-gw-{os.getpid()}"}
    if args.workers > 1:
        gw_cmd += ["--workers", str(args.workers)]
    if args.cprofile:  # the whole gateway run under cProfile, written when it stops cleanly (SIGINT)
        gw_cmd[1:1] = ["-m", "cProfile", "-o", args.cprofile]
    with (
        process([sys.executable, "-c", UPSTREAM_SERVER, str(up_port)], up_port) as upstream,
        process(gw_cmd, gw_port, env) as gateway,
    ):
        await sequential(gw_port, "/api/v1/generate", GENERATE_BODY, 200)  # warm-up (and learn the prompt)
        conn = Conn(up_port)
        reader_body = json.loads(await get(up_port, "/_last"))
        direct_sync = json.dumps({**reader_body, "stream": False}, ensure_ascii=False).encode()
        direct_stream = json.dumps({**reader_body, "stream": True}, ensure_ascii=False).encode()
        del conn
        await sequential(up_port, "/v1/chat/completions", direct_sync, 200)
        n = args.requests
        d_sync, g_sync = await interleaved(
            [
                (up_port, "/v1/chat/completions", direct_sync, None),
                (gw_port, "/api/v1/generate", GENERATE_BODY, None),
            ],
            n,
        )
        d_ttf, g_ttfd = await interleaved(
            [
                (up_port, "/v1/chat/completions", direct_stream, b'"content"'),
                (gw_port, "/api/v1/generate/stream", GENERATE_BODY, b"event: delta"),
            ],
            n,
        )
        venv_bin = str(Path(sys.executable).parent)  # py-spy on PATH, else in a venv not activated
        py_spy = (shutil.which("py-spy") or shutil.which("py-spy", path=venv_bin)) if args.profile else None
        raw = Path(args.profile_out) if args.profile_out else Path(tempfile.mkdtemp()) / "gateway.txt"
        spy = None
        if py_spy:
            spy = subprocess.Popen(  # noqa: ASYNC220 - fork+exec, nothing else runs on the loop yet
                [
                    py_spy,
                    "record",
                    "--pid",
                    str(gateway.pid),
                    "--format",
                    "raw",
                    "--output",
                    str(raw),
                    "--rate",
                    "250",
                    "--duration",
                    str(int(args.seconds)),
                    "--nonblocking",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        c = args.concurrency
        s_rps, s_cpu_ms, s_statuses = 0.0, 0.0, dict[int, int]()
        if args.profile_stream:  # the stream phase first, so py-spy samples it instead
            s_rps, s_cpu_ms, s_statuses = await saturate(gw_port, gateway.pid, args.seconds, c, STREAM)
        rps, cpu_ms, statuses = await saturate(gw_port, gateway.pid, args.seconds, c)
        if spy is not None:
            spy.wait(timeout=60)
            spy = None
        if not args.profile_stream:
            s_rps, s_cpu_ms, s_statuses = await saturate(gw_port, gateway.pid, args.seconds, c, STREAM)
        floor_rps, floor_cpu_ms, _ = await saturate(gw_port, gateway.pid, min(args.seconds, 5), c, LIVE)
        up_cpu0 = cpu_seconds(upstream.pid)
        direct_rps, _, _ = await _saturate_direct(up_port, direct_sync, min(args.seconds, 5))
        up_cpu = cpu_seconds(upstream.pid) - up_cpu0
        llm_cpu_ms = await llm_client_cpu_ms(up_port, reader_body)

    if args.redis:
        delete_prefixed(env["REDIS_KEY_PREFIX"], args.redis)
    print(
        f"requests per side at c=1: {n}   memory: {'off' if args.no_memory else 'on'}   "
        f"workers: {args.workers}   state: {'redis' if args.redis else 'in-memory'}"
    )
    print(f"{'':34}{'p50 ms':>9}{'p99 ms':>9}")
    for label, values in (
        ("direct upstream (sync)", d_sync),
        ("gateway /generate", g_sync),
        ("direct upstream first chunk", d_ttf),
        ("gateway /generate/stream TTFD", g_ttfd),
    ):
        print(f"{label:34}{pct(values, 0.5):9.2f}{pct(values, 0.99):9.2f}")
    print(
        f"added by gateway, sync:            p50 {pct(g_sync, 0.5) - pct(d_sync, 0.5):6.2f} ms   "
        f"p99 {pct(g_sync, 0.99) - pct(d_sync, 0.99):6.2f} ms   (target p50 <= 2 ms)"
    )
    print(
        f"added by gateway, first delta:     p50 {pct(g_ttfd, 0.5) - pct(d_ttf, 0.5):6.2f} ms   "
        f"p99 {pct(g_ttfd, 0.99) - pct(d_ttf, 0.99):6.2f} ms   (target p50 <= 2 ms)"
    )
    print(
        f"c={c} gateway sync:   {rps:7.0f} req/s  CPU {cpu_ms:.2f} ms/request (gateway process)  "
        f"statuses {statuses}   (target <= 2 ms)"
    )
    print(
        f"c={c} gateway stream: {s_rps:7.0f} req/s  CPU {s_cpu_ms:.2f} ms/request (gateway process)  "
        f"statuses {s_statuses}   (target <= 2 ms)"
    )
    print(f"c=64 direct upstream alone: {direct_rps:7.0f} req/s (upstream CPU {up_cpu:.1f} s over the phase)")
    print(f"one core's ceiling for the gateway at the sync CPU cost: {1000 / cpu_ms:.0f} req/s")
    print(
        f"c={c} HTTP floor (GET {LIVE}, same app and middleware, no work): {floor_rps:7.0f} req/s  "
        f"CPU {floor_cpu_ms:.2f} ms/request"
    )
    print(f"LLM client alone (in this process, c=64, same upstream): {llm_cpu_ms:.2f} ms CPU/call")
    orch_ms = await orchestrator_cpu_ms(args)
    print(f"in-process Orchestrator.run, instant LLM, no HTTP at all: {orch_ms:.2f} ms CPU/run")
    if args.cprofile:
        print("\ncProfile of the gateway's event-loop thread, whole run (share of busy time):")
        for frame, share in cprofile_shares(Path(args.cprofile)):
            print(f"  {share:5.1f}%  {frame}")
    if args.profile:
        if not py_spy:
            print("profile: py-spy is not installed (not a project dependency); nothing sampled")
            return
        if not raw.exists():
            print("profile: py-spy produced nothing (ptrace not permitted?)")
            return
        phase = "stream" if args.profile_stream else "sync"
        print(f"\nprofile of the gateway under c={c}, {phase} (inclusive share of samples):")
        for frame, share in profile_shares(raw):
            print(f"  {share:5.1f}%  {frame}")


class InstantLLM:
    """An LLMPort that answers at once: isolates the orchestrator's own CPU cost (no process boundary)."""

    async def generate(self, request: object) -> object:
        from script_agent.domain.models import TokenUsage
        from script_agent.ports.llm import LLMResult

        return LLMResult(
            GOOD_REPLY, "instant", "primary", usage=TokenUsage(prompt_tokens=11, completion_tokens=12)
        )

    async def health(self) -> list[object]:
        return []

    async def aclose(self) -> None:
        return None


async def orchestrator_cpu_ms(args: argparse.Namespace, runs: int = 1000) -> float:
    from script_agent.bootstrap import build_container
    from script_agent.config import Settings
    from script_agent.config.memory import MemorySettings
    from script_agent.config.state import RedisSettings
    from script_agent.domain.models import ScriptRequest

    settings = Settings(redis=RedisSettings(url=None), memory=MemorySettings(enabled=not args.no_memory))
    container = build_container(settings, llm=InstantLLM())  # type: ignore[arg-type]
    if container.memory is not None:
        await container.memory.warmup()  # type: ignore[attr-defined]
    request = ScriptRequest.model_validate({"tenant": "bench", **json.loads(GENERATE_BODY)})
    for _ in range(50):
        await container.orchestrator.run(request)
    flush = getattr(container.memory, "flush", None)
    if flush is not None:
        await flush()
    cpu0 = time.process_time()
    for _ in range(runs):
        await container.orchestrator.run(request)
    if flush is not None:  # the queued write-backs are this phase's work too
        await flush()
    spent = time.process_time() - cpu0
    await container.aclose()
    return spent / runs * 1000


async def llm_client_cpu_ms(port: int, body: dict[str, list[dict[str, str]]], calls: int = 2000) -> float:
    """CPU per call of the project's LLM client (retries, breakers, httpx) at 64 concurrent calls."""
    from script_agent.config import Settings
    from script_agent.config.llm import LLMSettings
    from script_agent.llm.factory import build_llm
    from script_agent.ports.llm import ChatMessage, LLMRequest

    llm = build_llm(
        Settings(
            llm=LLMSettings(
                primary_base_url=f"http://127.0.0.1:{port}", primary_model="base", fallback_enabled=False
            )
        )
    )
    messages = [ChatMessage(m["role"], m["content"]) for m in body.get("messages", [])]
    messages = messages or [ChatMessage("user", "hi")]
    sem = asyncio.Semaphore(64)

    async def one(i: int) -> None:
        # distinct keys: identical in-flight calls would otherwise share one upstream call
        async with sem:
            await llm.generate(LLMRequest(messages=messages, idempotency_key=f"bench-{i}", trace_id=f"t{i}"))

    await asyncio.gather(*(one(-i - 1) for i in range(200)))
    cpu0 = time.process_time()
    await asyncio.gather(*(one(i) for i in range(calls)))
    spent = time.process_time() - cpu0
    await llm.aclose()
    return spent / calls * 1000


async def _saturate_direct(port: int, body: bytes, seconds: float) -> tuple[float, float, dict[int, int]]:
    done = 0
    stop_at = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        conn = Conn(port)
        while time.perf_counter() < stop_at:
            await conn.request("/v1/chat/completions", body)
            done += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(64)))
    return done / (time.perf_counter() - t0), 0.0, {}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1500, help="sequential requests per side at c=1")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each saturation phase")
    parser.add_argument("--concurrency", type=int, default=32, help="connections in the saturation phases")
    parser.add_argument("--no-memory", action="store_true", help="LONGTERM_MEMORY_ENABLED=false")
    parser.add_argument("--workers", type=int, default=1, help="serve --workers N (needs --redis)")
    parser.add_argument("--redis", default=None, help="REDIS_URL for the gateway's state")
    parser.add_argument("--profile", action="store_true", help="py-spy the gateway during the sync phase")
    parser.add_argument("--profile-out", default=None, help="keep py-spy's collapsed stacks here")
    parser.add_argument("--profile-stream", action="store_true", help="py-spy the stream phase instead")
    parser.add_argument(
        "--cprofile", default=None, metavar="FILE", help="run the gateway under cProfile (no py-spy needed)"
    )
    args = parser.parse_args()
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
