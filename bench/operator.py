"""Operator throughput: N ScriptJobs created at once, run by the real kopf runtime to Succeeded.

Against the Kubernetes API emulator (script_agent/testing/k8s, real HTTP on loopback), a real Redis
(127.0.0.1:6379, a throw-away key prefix) and the zero-delay fake LLM upstream over HTTP. Measured
in the same run:

  operator   this project's operator (orchestrator steps, Redis checkpoints under the session lock,
             one /status patch and one Event per state) — wall time until all N are Succeeded,
             jobs/s, per-job latency (p50/p95 from creation to Succeeded), API calls per job;
  baseline   bare kopf: the same daemon shape and cap on jobs in flight, doing only the same /status
             patches per job (no orchestrator, no Redis, no LLM, no Events) — what kopf and the API
             round trips cost alone.

    python bench/operator.py [--jobs 200] [--concurrency 32] [--timeout 300] [--memory]

Everything runs in this one process (emulator, upstream and kopf in threads), so the figures are
bounded by the emulator (~7 ms per validated write) and the GIL; compare the two lines, not the
absolute numbers with a real API server. Long-term memory is off unless --memory.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the stdlib module: never let its folder shadow `operator` on sys.path.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import concurrent.futures  # noqa: E402
import copy  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402
import kopf  # noqa: E402
import redis  # noqa: E402
import yaml  # noqa: E402

from script_agent.testing.k8s import SCRIPTJOBS, EmulatorThread, K8sApi, KopfThread, write_kubeconfig  # noqa: E402
from script_agent.testing.k8s.samples import EXAMPLE, REPLY  # noqa: E402
from script_agent.testing.llm_upstream import FakeLLMUpstream  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/0"
STATES_PER_JOB = 7  # CONTEXT_LOADING .. COMPLETED: one /status patch each
CRD = yaml.safe_load((ROOT / "crds" / "scriptjob.yaml").read_text(encoding="utf-8"))


def manifest(name: str) -> dict[str, Any]:
    body = copy.deepcopy(EXAMPLE)
    body["metadata"] = {"name": name, "namespace": "default"}
    body["spec"].pop("ttlSecondsAfterFinished", None)
    return body


def run_jobs(api: K8sApi, n: int, timeout: float) -> tuple[float, list[float]]:
    """Create n jobs at once (16 client threads); wall time until all Succeeded, per-job latencies."""
    names = [f"bench-{i:04d}" for i in range(n)]
    created: dict[str, float] = {}
    done: dict[str, float] = {}
    start = time.perf_counter()

    def create(name: str) -> None:
        api.create(manifest(name))
        created[name] = time.perf_counter()

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(create, names))
    deadline = start + timeout
    while len(done) < n:
        now = time.perf_counter()
        if now > deadline:
            raise TimeoutError(f"only {len(done)}/{n} jobs Succeeded after {timeout}s")
        time.sleep(0.2)
        try:
            items = api.list(SCRIPTJOBS, "default")
        except httpx.TimeoutException:
            continue  # the emulator is saturated by the operator under test; poll again
        for obj in items:
            name, phase = obj["metadata"]["name"], obj.get("status", {}).get("phase")
            if phase in ("Failed", "Degraded"):
                raise RuntimeError(f"{name} ended {phase}: {obj['status'].get('message')}")
            if phase == "Succeeded" and name not in done:
                done[name] = now
    wall = time.perf_counter() - start
    return wall, [done[name] - created[name] for name in names]


def per_job(api: K8sApi, n: int) -> dict[str, float]:
    patches = len(api.requests("PATCH", SCRIPTJOBS, subresource="status"))
    main_patches = len([r for r in api.requests("PATCH", SCRIPTJOBS) if not r[1].endswith("/status")])
    reads = len(api.requests("GET", SCRIPTJOBS, subresource="status"))
    events = len(api.list("v1/events", "default"))
    return {"status": patches / n, "kopf": main_patches / n, "get": reads / n, "events": events / n}


def bench_operator(n: int, concurrency: int, timeout: float, memory: bool) -> dict[str, Any]:
    from scriptjob_operator.app import build_app
    from scriptjob_operator.handlers import build_registry

    from script_agent.config import Settings

    prefix = f"bench-op-{uuid.uuid4().hex[:8]}"
    with FakeLLMUpstream(reply=REPLY) as upstream, EmulatorThread(crds=[CRD]) as server:
        api = K8sApi(server)
        # The jobs' tenant, granted by the Namespace label as an admin would: one Namespace GET per job
        # (OPERATOR_TENANT_MAP in the environment skips that read).
        label = {"metadata": {"labels": {"scriptagent.dev/tenant": EXAMPLE["spec"]["tenant"]}}}
        api.patch("v1/namespaces", "default", label, namespace=None)
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "KUBECONFIG": str(write_kubeconfig(Path(tmp) / "kubeconfig", server.url)),
                "REDIS_URL": REDIS_URL,
                "REDIS_KEY_PREFIX": prefix,
                "LLM_PRIMARY_BASE_URL": upstream.url,
                "OPERATOR_MAX_CONCURRENT_JOBS": str(concurrency),
                "LONGTERM_MEMORY_ENABLED": "true" if memory else "false",
                "OPERATOR_METRICS_PORT": "0",
                "OPERATOR_LIVENESS_PORT": "0",
            }
            os.environ.update(env)
            app = build_app(Settings())
            operator = KopfThread(build_registry(app), server_url=server.url).start()
            try:
                wall, latencies = run_jobs(api, n, timeout)
                time.sleep(1.5)  # let kopf's event poster drain before counting Events
                counts = per_job(api, n)
            finally:
                operator.stop()
                api.close()
                _drop_keys(prefix)
        return {"wall": wall, "latencies": latencies, "calls": counts, "llm": len(upstream.chat_requests())}


def baseline_registry(patches: int, concurrency: int) -> kopf.OperatorRegistry:
    """Bare kopf, same shape as the operator: one daemon per job, the same cap on jobs in flight (a
    `Pending` patch while waiting for a slot), then `patches` sequential /status merge patches."""
    from scriptjob_operator import kopfconf
    from scriptjob_operator.kube import KubeClient
    from scriptjob_operator.resource import GROUP, PLURAL, VERSION

    from script_agent.config.app import OperatorSettings

    registry = kopf.OperatorRegistry()
    client = KubeClient(10.0)
    slots: list[asyncio.Semaphore] = []

    @kopf.on.startup(registry=registry)
    def _startup(settings: kopf.OperatorSettings, **_: Any) -> None:
        kopfconf.configure(settings, OperatorSettings())
        slots.append(asyncio.Semaphore(concurrency))

    @kopf.on.login(registry=registry)
    def _login(**kwargs: Any) -> kopf.ConnectionInfo | None:
        info = kopf.login_with_kubeconfig(**kwargs)
        if info is not None:
            client.configure(info)
        return info

    def unfinished(status: Any, **_: Any) -> bool:
        return status.get("phase") != "Succeeded"

    @kopf.daemon(GROUP, VERSION, PLURAL, registry=registry, when=unfinished)
    async def _job(body: kopf.Body, **_: Any) -> None:
        ns, name = body["metadata"]["namespace"], body["metadata"]["name"]
        if slots[0].locked() and not body.get("status", {}).get("phase"):
            await client.patch_status(ns, name, {"phase": "Pending"})
        async with slots[0]:
            for i in range(patches - 1):
                await client.patch_status(ns, name, {"phase": "Running", "checkpointVersion": i + 1})
            await client.patch_status(ns, name, {"phase": "Succeeded", "checkpointVersion": patches})

    return registry


def bench_baseline(n: int, patches: int, concurrency: int, timeout: float) -> dict[str, Any]:
    with EmulatorThread(crds=[CRD]) as server:
        api = K8sApi(server)
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["KUBECONFIG"] = str(write_kubeconfig(Path(tmp) / "kubeconfig", server.url))
            operator = KopfThread(baseline_registry(patches, concurrency), server_url=server.url).start()
            try:
                wall, latencies = run_jobs(api, n, timeout)
                counts = per_job(api, n)
            finally:
                operator.stop()
                api.close()
        return {"wall": wall, "latencies": latencies, "calls": counts}


def _drop_keys(prefix: str) -> None:
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        for i in range(0, len(keys), 500):
            client.delete(*keys[i : i + 500])
    finally:
        client.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(label: str, n: int, result: dict[str, Any]) -> None:
    lat, calls = result["latencies"], result["calls"]
    print(
        f"{label:<9} {n} jobs in {result['wall']:6.2f} s  {n / result['wall']:7.1f} jobs/s  "
        f"latency p50 {statistics.median(lat):5.2f} s  p95 {pct(lat, 0.95):5.2f} s  "
        f"per job: {calls['status']:.1f} status patches, {calls['kopf']:.1f} kopf patches, "
        f"{calls['get']:.1f} GETs, {calls['events']:.1f} events"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=32, help="OPERATOR_MAX_CONCURRENT_JOBS")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--memory", action="store_true", help="long-term memory on (recall + write-back)")
    args = parser.parse_args()
    redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()

    ours = bench_operator(args.jobs, args.concurrency, args.timeout, args.memory)
    base = bench_baseline(args.jobs, STATES_PER_JOB, args.concurrency, args.timeout)
    print(
        f"ScriptJobs: {args.jobs} created at once; OPERATOR_MAX_CONCURRENT_JOBS={args.concurrency}; "
        f"zero-delay upstream, {ours['llm']} LLM calls"
    )
    report("operator", args.jobs, ours)
    report("baseline", args.jobs, base)
    print(
        f"overhead of the orchestrated operator over bare kopf: x{ours['wall'] / base['wall']:.2f} wall time "
        f"({(ours['wall'] - base['wall']) / args.jobs * 1000:.1f} ms per job)"
    )


if __name__ == "__main__":
    main()
