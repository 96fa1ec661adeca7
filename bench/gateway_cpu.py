"""CPU of the gateway layer around the orchestrator: one request through the ASGI app vs Orchestrator.run.

bench/gateway.py measures a whole process (uvicorn, httptools, sockets, the upstream connection); this
isolates what the app itself adds. The same container (bench/orchestrator_cpu.py's `build`: embedded
defaults, the real LLM client over an in-process zero-delay upstream) serves both modes:

  direct   Orchestrator.run / Orchestrator.stream on a validated ScriptRequest (what the route calls)
  asgi     POST /api/v1/generate[/stream] driven through `create_app(...)` with a raw ASGI driver:
           CORS (when on), GatewayMiddleware, routing, FastAPI's dependency and body handling, the
           route, admission, response building and the send path, with no server and no socket

The difference is the gateway layer per request. Under `--callgrind` both modes run under valgrind
(orchestrator_cpu's shim toggles collection around the measured requests only), so the figure
repeats to within a fraction of a percent whatever the load:

    python bench/gateway_cpu.py [--stream] [--runs 2000]            # wall-clock CPU medians
    python bench/gateway_cpu.py --callgrind [--stream] [--runs 30]  # instructions/request
    PYTHONPATH=/tmp/perf2-base python bench/gateway_cpu.py --callgrind   # a baseline tree
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import orjson

if not os.environ.get("PYTHONPATH"):  # a baseline tree is run with PYTHONPATH=<its root>
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from orchestrator_cpu import QUERY, build, instructions, parse_args, tree

# What bench/gateway.py runs the gateway with: dev auth, a limiter that never refuses.
ENV = {
    "AUTH_MODE": "dev",
    "RATE_LIMIT_QPS": "1000000",
    "RATE_LIMIT_BURST": "1000000",
    "RATE_LIMIT_TOKENS_PER_MINUTE": "1000000000",
    "LOG_LEVEL": "WARNING",
}
BODY = orjson.dumps(QUERY)


class Driver:
    """A minimal ASGI HTTP client: one request, the body in one message, the response collected."""

    def __init__(self, app: Any, path: str) -> None:
        self.app = app
        self.path = path
        self.headers = [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(BODY)).encode()),
        ]

    async def request(self) -> int:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": self.path,
            "raw_path": self.path.encode(),
            "root_path": "",
            "query_string": b"",
            "headers": list(self.headers),
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        sent = False
        hang: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        status = 0

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": BODY, "more_body": False}
            await hang  # no disconnect: sse-starlette's listener is cancelled when the stream ends
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await self.app(scope, receive, send)
        hang.cancel()
        return status


async def prepare(args: argparse.Namespace) -> tuple[Any, Any]:
    os.environ.update(ENV)
    container = build(not args.no_memory)
    if container.memory is not None:
        await container.memory.warmup()
    if args.mode == "direct":
        from script_agent.domain.models import ScriptRequest

        request = ScriptRequest.model_validate({"tenant": "dev", **QUERY})

        async def one() -> None:
            if args.stream:
                async for _ in container.orchestrator.stream(request, trace_id="t" * 32):
                    pass
            else:
                await container.orchestrator.run(request, trace_id="t" * 32)

        return container, one
    from script_agent.gateway.app import create_app

    app = create_app(container=container)
    app.state.container = container  # what the lifespan does for a container passed in
    driver = Driver(app, "/api/v1/generate/stream" if args.stream else "/api/v1/generate")

    async def one_asgi() -> None:
        status = await driver.request()
        if status != 200:
            raise SystemExit(f"gateway answered {status}")

    return container, one_asgi


async def measure(args: argparse.Namespace) -> None:
    container, one = await prepare(args)
    flush = getattr(container.memory, "flush", None)

    async def step() -> None:
        await one()
        await asyncio.sleep(0)  # let the write-behind drainer run (see orchestrator_cpu.one)

    for _ in range(args.warmup):
        await step()
    if flush is not None:
        await flush()
    if args.callgrind_child:
        shim = ctypes.CDLL(args.callgrind_child)
        shim.bench_toggle()
        for _ in range(args.runs):
            await step()
        if flush is not None:
            await flush()
        shim.bench_toggle()
        await container.aclose()
        return
    per = []
    for i in range(args.runs):
        t0 = time.process_time()
        await step()
        per.append(time.process_time() - t0)
        if flush is not None and i % 200 == 199:
            await flush()
    await container.aclose()
    kind = "stream" if args.stream else "sync"
    print(f"{args.mode} {kind}: median {statistics.median(per) * 1e3:.3f} ms CPU/request ({args.runs} runs)")


def callgrind_count(args: argparse.Namespace, mode: str) -> float:
    total, out = instructions(__file__, ["--mode", mode], args)
    print(f"  {mode:6} {total / args.runs / 1e6:7.3f} M instructions/request   profile: {out}")
    return total / args.runs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=("both", "direct", "asgi"), default="both")
    args = parse_args(parser, "the SSE route / Orchestrator.stream")
    modes = ("direct", "asgi") if args.mode == "both" else (args.mode,)
    if args.callgrind:
        kind = "stream" if args.stream else "sync"
        print(
            f"callgrind, {kind}, memory {'off' if args.no_memory else 'on'}, {args.runs} runs, tree {tree()}"
        )
        counts = {mode: callgrind_count(args, mode) for mode in modes}
        if len(counts) == 2:
            print(f"  gateway layer {(counts['asgi'] - counts['direct']) / 1e6:7.3f} M instructions/request")
        return
    if args.callgrind_child:
        asyncio.run(measure(args))
        return
    for mode in modes:
        args.mode = mode
        asyncio.run(measure(args))


if __name__ == "__main__":
    main()
