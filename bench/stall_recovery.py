"""Time to a usable script when the upstream stalls, with the shipped default timeouts.

One fake upstream (script_agent/testing/llm_upstream.py) and one in-process gateway with the DEFAULT LLM
settings (only the upstream URL is set; no fallback backend, so the template is the next layer).
Measured in the same run, each case on a fresh session, sync and stream:

  healthy        baseline: a normal answer from the upstream
  stall-first    the upstream holds its first byte for 60 s (sync: headers; stream: first chunk)
  stall-mid      stream only: three chunks, then silence for 60 s (reset, then the template)

Each line prints the time to the terminal event and the script's backend. The issue's target: a
stalled upstream yields the fallback script within about 15 s.

    python bench/stall_recovery.py
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from script_agent.config.llm import LLMSettings  # noqa: E402
from script_agent.testing.gateway import (  # noqa: E402
    GOOD_REPLY,
    KEYS,
    ServerThread,
    gateway_settings,
    generate_body,
    read_sse,
)
from script_agent.testing.llm_faults import Fault  # noqa: E402
from script_agent.testing.llm_upstream import FakeLLMUpstream  # noqa: E402

STALL_S = 60.0
CASES: list[tuple[str, str, Fault]] = [
    ("healthy", "sync", Fault.ok()),
    ("healthy", "stream", Fault.ok()),
    ("stall-first", "sync", Fault.slow_first_byte(STALL_S)),
    ("stall-first", "stream", Fault.slow_first_byte(STALL_S)),
    ("stall-mid", "stream", Fault.stall(after_chunks=3, delay_s=STALL_S)),
]


async def one(client: httpx.AsyncClient, mode: str, session: str) -> tuple[float, dict[str, Any]]:
    body = generate_body(session_id=session)
    started = time.perf_counter()
    if mode == "sync":
        resp = await client.post("/api/v1/generate", json=body, headers=KEYS["a"].headers)
        return time.perf_counter() - started, resp.json()
    async with client.stream("POST", "/api/v1/generate/stream", json=body, headers=KEYS["a"].headers) as r:
        events = await read_sse(r)
    resets = sum(e.event == "reset" for e in events)
    return time.perf_counter() - started, {**events[-1].data, "resets": resets}


async def main() -> None:
    d = LLMSettings()
    print(
        f"defaults: request deadline {d.request_deadline_s}s, sync read {d.sync_read_timeout_s}s,"
        f" stream first chunk {d.stream_first_chunk_timeout_s}s, idle {d.stream_idle_timeout_s}s,"
        f" retries {d.max_retries}"
    )
    with FakeLLMUpstream(reply=GOOD_REPLY, chunk_chars=8) as upstream:
        llm = LLMSettings(primary_base_url=upstream.url, primary_model="base", fallback_enabled=False)
        server = ServerThread(gateway_settings(upstream.url, llm=llm)).start()
        try:
            async with httpx.AsyncClient(base_url=server.url, timeout=STALL_S + 30) as client:
                for n, (name, mode, fault) in enumerate(CASES):
                    upstream.reset()
                    upstream.fault_for_model("base", fault)
                    took, out = await one(client, mode, f"bench-stall-{n}")
                    result = out.get("result") or {}
                    print(
                        f"{name:12} {mode:6} {took:6.2f} s  status={out.get('status')}"
                        f" backend={result.get('backend')} resets={out.get('resets', 0)}"
                        f" upstream calls={len(upstream.chat_requests())}"
                    )
        finally:
            server.stop()


if __name__ == "__main__":
    asyncio.run(main())
