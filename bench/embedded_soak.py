"""Benchmark: resident memory of the embedded (in-memory) stores under a long soak.

    python bench/embedded_soak.py [--requests 100000] [--every 10000] [--driver stores|orchestrator]

Every request opens a new session (the worst case for memory: nothing is ever reused, and the 7-day
TTLs outlive any soak), carries its own idempotency key and writes what a real generate writes.
Each mode runs in a fresh interpreter so its RSS starts from the same place; printed in one run:

  - capped:   the embedded defaults (SESSION_/CHECKPOINT_/IDEMPOTENCY_MEMORY_MAX_*, LOCK_MEMORY_MAX_*);
  - uncapped: the same loop with every cap set out of reach, the growth the caps exist to stop.

RSS (VmRSS) is printed every --every requests with the entries and bytes the stores hold and the
evictions so far. "flat" means the capped RSS stops growing once the caps fill: the figure to read
is the growth over the second half of the run (the first half fills the caps).

Drivers:
  - stores (default): the store calls of one generate, replayed: idempotency begin, lock acquire,
    session read, the checkpoint versions a real run wrote (captured once from the orchestrator with
    an instant LLM, so payload sizes are the real ones), session save, idempotency complete, release;
  - orchestrator: the real orchestrator end to end (instant LLM, long-term memory off: its vector
    store is bounded on its own), slower, so pass a smaller --requests on a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT_OF_REACH = 10**15  # every cap at once: the uncapped baseline


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def soak_settings(capped: bool) -> Any:
    from script_agent.config import Settings
    from script_agent.config.memory import MemorySettings
    from script_agent.config.state import (
        CheckpointSettings,
        IdempotencySettings,
        LockSettings,
        RedisSettings,
        SessionSettings,
    )

    caps: dict[str, dict[str, int]] = {"session": {}, "checkpoint": {}, "idempotency": {}, "lock": {}}
    if not capped:
        caps = {
            "session": {"memory_max_sessions": OUT_OF_REACH, "memory_max_bytes": OUT_OF_REACH},
            "checkpoint": {"memory_max_sessions": OUT_OF_REACH, "memory_max_bytes": OUT_OF_REACH},
            "idempotency": {"memory_max_records": OUT_OF_REACH, "memory_max_bytes": OUT_OF_REACH},
            "lock": {"memory_max_fences": OUT_OF_REACH, "memory_max_fence_bytes": OUT_OF_REACH},
        }
    return Settings(
        redis=RedisSettings(url=None),
        memory=MemorySettings(enabled=False),
        session=SessionSettings(store="memory", **caps["session"]),
        checkpoint=CheckpointSettings(store="memory", **caps["checkpoint"]),
        idempotency=IdempotencySettings(store="memory", **caps["idempotency"]),
        lock=LockSettings(backend="memory", **caps["lock"]),
    )


def instant_request(session_id: str, key: str) -> Any:
    from bench.gateway import GENERATE_BODY
    from script_agent.domain.models import ScriptRequest

    body = {"tenant": "soak", **json.loads(GENERATE_BODY), "session_id": session_id}
    return ScriptRequest.model_validate({**body, "idempotency_key": key})


async def capture_one_generate(settings: Any) -> tuple[list[Any], Any]:
    """The checkpoint drafts and the session one real generate leaves behind (template payloads)."""
    from bench.gateway import InstantLLM
    from script_agent.bootstrap import build_container

    container = build_container(settings, llm=InstantLLM(), use_memory=False)  # type: ignore[arg-type]
    await container.orchestrator.run(instant_request("capture", "capture"))
    records = await container.stores.checkpoints.list("soak", "capture", limit=1000)
    session = await container.stores.sessions.get("soak", "capture")
    await container.aclose()
    return sorted(records, key=lambda r: r.version), session


class StoreDriver:
    """One generate's store calls, in a generate's order, against the embedded bundle."""

    def __init__(self, settings: Any, drafts: list[Any], session: Any) -> None:
        from script_agent.stores.factory import memory_stores

        self.stores = memory_stores(settings)
        self._drafts = [r.model_dump(exclude={"version", "checksum"}) for r in drafts]
        self._session = session.model_dump(exclude={"version"})
        self._result = {"script": session.scripts[-1].text if session.scripts else "", "state": "COMPLETED"}

    async def one(self, i: int) -> None:
        from script_agent.domain.checkpoint import CheckpointDraft
        from script_agent.domain.session import Session

        sid, key, s = f"soak-{i}", f"key-{i}", self.stores
        await s.idempotency.begin("soak", key, "fp")
        lease = await s.lock.acquire("soak", sid)
        try:
            await s.sessions.get("soak", sid)
            for fields in self._drafts:
                draft = CheckpointDraft.model_construct(**{**fields, "session_id": sid, "fence": lease.fence})
                await s.checkpoints.append(draft)
            await s.sessions.save(Session.model_validate({**self._session, "id": sid}))
        finally:
            await s.lock.release(lease)
        await s.idempotency.complete("soak", key, "fp", self._result)


class OrchestratorDriver:
    def __init__(self, settings: Any) -> None:
        from bench.gateway import InstantLLM
        from script_agent.bootstrap import build_container

        self.container = build_container(settings, llm=InstantLLM(), use_memory=False)  # type: ignore[arg-type]
        self.stores = self.container.stores

    async def one(self, i: int) -> None:
        await self.container.orchestrator.run(instant_request(f"soak-{i}", f"key-{i}"))


async def held(stores: Any) -> dict[str, Any]:
    parts = {h.name: h.detail for h in await stores.health()}
    return {
        name: (parts[name].get("sessions", parts[name].get("records")), parts[name].get("bytes", 0))
        for name in ("sessions", "checkpoints", "idempotency")
    }


def evicted() -> int:
    from script_agent.observability.metrics import EMBEDDED_EVICTIONS

    return int(sum(s.value for m in EMBEDDED_EVICTIONS.collect() for s in m.samples if s.value > 0))


async def soak(mode: str, driver_name: str, requests: int, every: int) -> dict[str, Any]:
    """Run in a fresh interpreter (see main): prints one JSON line per checkpoint of the run."""
    settings = soak_settings(capped=mode == "capped")
    if driver_name == "stores":
        drafts, session = await capture_one_generate(settings)
        driver: Any = StoreDriver(settings, drafts, session)
    else:
        driver = OrchestratorDriver(settings)
    for i in range(200):  # warm-up: imports, pydantic caches, first allocations
        await driver.one(-i - 1)
    start_rss, started = rss_mb(), time.perf_counter()
    rows = []
    for i in range(requests):
        await driver.one(i)
        if (i + 1) % every == 0:
            row = {"n": i + 1, "rss_mb": round(rss_mb(), 1), "held": await held(driver.stores)}
            row["evictions"] = evicted()
            rows.append(row)
            print(json.dumps({"mode": mode, **row}), flush=True)
    elapsed = time.perf_counter() - started
    return {"mode": mode, "start_rss_mb": round(start_rss, 1), "rows": rows, "req_per_s": requests / elapsed}


def run_mode(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, "--driver", args.driver]
    cmd += ["--requests", str(args.requests), "--every", str(args.every)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=args.timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} soak failed:\n{proc.stderr[-4000:]}")
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return next(line for line in lines if "rows" in line)


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    print(f"embedded soak: {args.requests} requests, driver={args.driver}, one new session each")
    print("columns: RSS, sessions held (s), checkpoint histories held (h), bytes the stores account")
    print(f"{'requests':>9} | " + " | ".join(f"{r['mode']:>36}" for r in results))
    print(f"{'start':>9} | " + " | ".join(f"{r['start_rss_mb']:>33.1f} MB" for r in results))
    for rows in zip(*(r["rows"] for r in results), strict=True):
        cells = []
        for row in rows:
            sessions, sbytes = row["held"]["sessions"]
            histories, cbytes = row["held"]["checkpoints"]
            _, ibytes = row["held"]["idempotency"]
            mib = (sbytes + cbytes + ibytes) / 2**20
            cells.append(f"{row['rss_mb']:>7.1f} MB {sessions:>6}s {histories:>6}h {mib:>6.1f} MiB")
        print(f"{rows[0]['n']:>9} | " + " | ".join(f"{c:>36}" for c in cells))
    for r in results:
        rows = r["rows"]
        half = rows[len(rows) // 2 - 1] if len(rows) >= 2 else rows[0]
        second = rows[-1]["rss_mb"] - half["rss_mb"]
        total = rows[-1]["rss_mb"] - r["start_rss_mb"]
        per_req = second * 1024 / max(rows[-1]["n"] - half["n"], 1)
        print(
            f"{r['mode']}: RSS +{total:.1f} MB over the run, +{second:.1f} MB over the second half "
            f"({per_req:.2f} KB/request), evictions {rows[-1]['evictions']}, {r['req_per_s']:.0f} req/s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--driver", choices=("stores", "orchestrator"), default="stores")
    parser.add_argument("--modes", default="capped,uncapped", help="comma-separated: capped,uncapped")
    parser.add_argument("--timeout", type=float, default=3600, help="per-mode subprocess timeout (s)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = asyncio.run(soak(args.child, args.driver, args.requests, args.every))
        print(json.dumps(result), flush=True)
        return
    report([run_mode(mode, args) for mode in args.modes.split(",")], args)


if __name__ == "__main__":
    main()
