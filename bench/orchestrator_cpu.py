"""CPU of one full orchestrated generate, in process: per-request median and a per-stage breakdown.

The same request bench/gateway.py sends (GOOD_REPLY / PRODUCT, embedded defaults, long-term memory
on unless --no-memory), driven through `Orchestrator.run` (sync) or `Orchestrator.stream`, with the
real layered LLM client whose httpx transport is swapped for an in-process zero-delay stand-in: the
client's retry/breaker/httpx layers are counted, the socket and the upstream process are not (no
process boundary is needed for a CPU profile). Wall-clock CPU on a shared machine swings +-30 %:

    python bench/orchestrator_cpu.py [--runs 2000] [--stream] [--no-memory]    # medians + stages
    python bench/orchestrator_cpu.py --callgrind [--runs 30]   # instructions/request under valgrind

Every run writes back the same reply, so after the first the store refuses it as a duplicate: the
write-back's embedding (jieba) is counted, the ANN insert of a new row is not.

`--callgrind` re-runs this script under `valgrind --tool=callgrind` with collection switched on only
around the measured requests (a tiny callgrind.h shim built with cc), so the count excludes start-up
and warm-up and repeats to within a fraction of a percent whatever the machine's load: the number
to compare two trees by (PYTHONPATH=/tmp/perf-base python bench/orchestrator_cpu.py --callgrind).
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

if not os.environ.get("PYTHONPATH"):  # a baseline tree is run with PYTHONPATH=<its root>
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from script_agent.testing.gateway import GOOD_REPLY, PRODUCT

QUERY = {"query": "帮我写一段开场话术", "scene": "opening", "product": PRODUCT}
SHIM = r"""
#include <valgrind/callgrind.h>
void bench_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
"""


def upstream_handler(chunk_chars: int = 8) -> Callable[[httpx.Request], httpx.Response]:
    """A zero-delay OpenAI-compatible upstream answering inside the client's own transport."""
    usage = {"prompt_tokens": 11, "completion_tokens": 12, "total_tokens": 23}
    sync_body = json.dumps(
        {
            "id": "c1",
            "model": "base",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": GOOD_REPLY}, "finish_reason": "stop"}
            ],
            "usage": usage,
        },
        ensure_ascii=False,
    ).encode()
    chunks = [GOOD_REPLY[i : i + chunk_chars] for i in range(0, len(GOOD_REPLY), chunk_chars)]
    events = [{"model": "base", "choices": [{"index": 0, "delta": {"content": c}}]} for c in chunks]
    events.append(
        {"model": "base", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": usage}
    )
    sse = (
        b"".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n".encode() for e in events)
        + b"data: [DONE]\n\n"
    )

    def handle(request: httpx.Request) -> httpx.Response:
        if b'"stream":true' in request.content:
            return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=sse)
        return httpx.Response(200, headers={"content-type": "application/json"}, content=sync_body)

    return handle


def build(memory: bool) -> Any:
    from script_agent.bootstrap import build_container
    from script_agent.config import Settings
    from script_agent.config.llm import LLMSettings
    from script_agent.config.memory import MemorySettings
    from script_agent.config.state import RedisSettings

    settings = Settings(
        redis=RedisSettings(url=None),
        memory=MemorySettings(enabled=memory),
        llm=LLMSettings(
            primary_base_url="http://upstream.invalid", primary_model="base", fallback_enabled=False
        ),
    )
    container = build_container(settings)
    transport = httpx.MockTransport(upstream_handler())
    for upstream in (container.llm.plan.primary, container.llm.plan.fallback):
        if upstream is not None:
            upstream.backend._client._transport = transport
    return container


class Stages:
    """Inclusive process CPU per stage, by wrapping each dependency the workflow calls. A wrapped
    coroutine that suspends is charged for whatever runs meanwhile, so the write-behind drainer (the
    one other task) is charged by its thread-side functions' own thread CPU instead."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.on = False

    def wrap(self, owner: Any, attr: str, stage: str) -> None:
        inner = getattr(owner, attr)

        async def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return await inner(*args, **kwargs)
            finally:
                if self.on:
                    self.cpu[stage] += time.process_time() - t0

        setattr(owner, attr, timed)

    def wrap_sync(self, owner: Any, attr: str, stage: str) -> None:
        """A plain function, maybe run on a worker thread (asyncio.to_thread): its own thread's CPU."""
        inner = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.thread_time()
            try:
                return inner(*args, **kwargs)
            finally:
                if self.on:
                    self.cpu[stage] += time.thread_time() - t0

        setattr(owner, attr, timed)

    def wrap_gen(self, owner: Any, attr: str, stage: str) -> None:
        inner = getattr(owner, attr)
        stages = self

        async def timed(*args: Any, **kwargs: Any) -> Any:
            gen = inner(*args, **kwargs)
            while True:
                t0 = time.process_time()
                try:
                    item = await gen.__anext__()
                except StopAsyncIteration:
                    return
                finally:
                    if stages.on:
                        stages.cpu[stage] += time.process_time() - t0
                yield item

        setattr(owner, attr, timed)

    def install(self, container: Any) -> None:
        from script_agent.orchestrator import checkpoints, steps

        deps = container.orchestrator.deps
        self.wrap(deps.intent, "recognize", "intent")
        self.wrap(deps.profile, "fetch", "profile")
        self.wrap(deps.product, "build", "product")
        self.wrap(deps.writer, "write", "writer + LLM client")
        self.wrap_gen(deps.writer, "stream", "writer + LLM client")
        self.wrap(deps.quality, "check", "quality")
        self.wrap(checkpoints.CheckpointWriter, "write", "checkpoint writes")
        self.wrap(deps.sessions, "get", "session get/save")
        self.wrap(deps.sessions, "save", "session get/save")
        self.wrap(steps, "remember", "memory remember (enqueue)")
        if deps.memory is not None:
            self.wrap(deps.memory, "recall", "memory recall")
            service = deps.memory.service
            self.wrap_sync(service.embedder, "embed_sync", "write-behind embed (thread)")
            self.wrap_sync(service.store, "add_sync", "write-behind store (thread)")


async def one(container: Any, request: Any, stream: bool) -> None:
    if stream:
        async for _ in container.orchestrator.stream(request):
            pass
    else:
        await container.orchestrator.run(request)
    # In-memory stores and the in-process upstream never suspend, so without this the write-behind
    # drainer would hardly get the loop back and its queue would fill (write-backs dropped, uncounted).
    await asyncio.sleep(0)


async def measure(args: argparse.Namespace) -> None:
    from script_agent.domain.models import ScriptRequest

    container = build(not args.no_memory)
    if container.memory is not None:
        await container.memory.warmup()
    stages = Stages()
    if not args.callgrind_child:
        stages.install(container)
    request = ScriptRequest.model_validate({"tenant": "bench", **QUERY})
    flush = getattr(container.memory, "flush", None)
    for _ in range(args.warmup):
        await one(container, request, args.stream)
    if flush is not None:
        await flush()
    if args.callgrind_child:
        shim = ctypes.CDLL(args.callgrind_child)
        shim.bench_toggle()
        for _ in range(args.runs):
            await one(container, request, args.stream)
        if flush is not None:
            await flush()
        shim.bench_toggle()
        await container.aclose()
        return
    stages.on = True
    per: list[float] = []
    cpu0 = time.process_time()
    for i in range(args.runs):
        t0 = time.process_time()
        await one(container, request, args.stream)
        per.append(time.process_time() - t0)
        if flush is not None and i % 200 == 199:  # the drainer can still fall behind: never drop
            await flush()
    if flush is not None:  # the queued write-backs are this phase's work too
        await flush()
    total = time.process_time() - cpu0
    await container.aclose()
    runs = args.runs
    mode = "stream" if args.stream else "sync"
    print(f"{runs} runs, {mode}, memory {'off' if args.no_memory else 'on'}, tree {tree()}")
    print(f"per-request CPU: median {statistics.median(per) * 1e3:.3f} ms   mean incl. write-behind "
          f"{total / runs * 1e3:.3f} ms")  # fmt: skip
    accounted = sum(stages.cpu.values())
    for stage, cpu in sorted(stages.cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:28} {cpu / runs * 1e3:7.3f} ms  {cpu / total:6.1%}")
    rest = total - accounted
    print(f"  {'orchestration (the rest)':28} {rest / runs * 1e3:7.3f} ms  {rest / total:6.1%}")


def tree() -> str:
    import script_agent

    return str(Path(script_agent.__file__).resolve().parents[1])


def instructions(script: str, extra: list[str], args: argparse.Namespace) -> tuple[int, Path]:
    """Total instructions of `script` re-run under callgrind with the measured requests only (the shim
    toggles collection around them), and the profile's path; shared with bench/gateway_cpu.py."""
    work = Path(tempfile.mkdtemp(prefix="orch-cg-"))
    shim = work / "shim.so"
    (work / "shim.c").write_text(SHIM)
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-o", str(shim), str(work / "shim.c")], check=True)
    out = work / "callgrind.out"
    cmd = [
        "valgrind", "--tool=callgrind", "--collect-atstart=no", f"--callgrind-out-file={out}",
        sys.executable, script, *extra, "--runs", str(args.runs), "--warmup", str(args.warmup),
        "--callgrind-child", str(shim),
    ]  # fmt: skip
    cmd += ["--stream"] if args.stream else []
    cmd += ["--no-memory"] if args.no_memory else []
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = re.search(r"^(?:summary|totals):\s*(\d+)", out.read_text(), re.MULTILINE)
    if found is None:
        raise SystemExit(f"no totals in {out}")
    return int(found.group(1)), out


def callgrind(args: argparse.Namespace) -> None:
    total, out = instructions(__file__, [], args)
    mode = "stream" if args.stream else "sync"
    print(
        f"callgrind: {total / args.runs / 1e6:.2f} M instructions/request ({args.runs} runs, {mode}, "
        f"memory {'off' if args.no_memory else 'on'}, tree {tree()})   profile: {out}"
    )


def parse_args(parser: argparse.ArgumentParser, stream_help: str) -> argparse.Namespace:
    """The options this bench and bench/gateway_cpu.py share (runs, warm-up, stream, memory, callgrind)."""
    parser.add_argument("--runs", type=int, default=None, help="measured requests (2000; 30 under callgrind)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--stream", action="store_true", help=stream_help)
    parser.add_argument("--no-memory", action="store_true", help="long-term memory off")
    parser.add_argument("--callgrind", action="store_true", help="instructions per request under valgrind")
    parser.add_argument("--callgrind-child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs is None:
        args.runs = 30 if args.callgrind or args.callgrind_child else 2000
    return args


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    args = parse_args(parser, "Orchestrator.stream instead of run")
    if args.callgrind:
        callgrind(args)
        return
    asyncio.run(measure(args))


if __name__ == "__main__":
    main()
