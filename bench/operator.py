"""Operator throughput: N ScriptJobs created at once, run by the real kopf runtime to Succeeded.

Against the Kubernetes API emulator (script_agent/testing/k8s, real HTTP on loopback), a real Redis
(127.0.0.1:6379, a throw-away key prefix) and the zero-delay fake LLM upstream over HTTP. Measured
in the same run:

  operator   this project's operator (orchestrator steps, Redis checkpoints under the session lock,
             status writes conditional on resourceVersion with progress coalesced, StateChanged
             Events batched) — wall time until all N are Succeeded (seen on one watch), jobs/s,
             per-job latency (p50/p95 from creation to Succeeded), API calls per job counted from
             the emulator's request log (status patches also per state), progress writes coalesced
             away and 409s from the operator's client;
  baseline   bare kopf: the same daemon shape and cap on jobs in flight, doing one /status patch per
             state in line (no orchestrator, no Redis, no LLM, no Events) — what kopf and the API
             round trips cost alone for the writes the operator is asked to make;
  idle       RSS of `script-agent operator` in its own process with no jobs and watching --idle
             finished jobs: memory per idle job.

    python bench/operator.py [--jobs 500] [--concurrency 32] [--timeout 300] [--memory] [--idle 1000]
                             [--side both|operator|baseline] [--cprofile FILE]

The emulator runs in a process of its own (a fresh one per side, same configuration), and so does
the fake LLM upstream: in threads of this process they shared the GIL with the kopf runtime under
test and their CPU was charged to it. The load generator (16 creating threads, one watch) runs in
a process of its own too, so this process holds the kopf runtime (operator or baseline) alone.
Both sides print CPU per job of every process in the run (this one, the emulator, the upstream,
redis-server — whole-server, others' use included — and the load generator) next to wall time,
and how busy the whole machine was meanwhile: on a shared machine wall time follows the load of
everything else, CPU much less. Compare the lines of one run, not
the absolute numbers with a real API server. Long-term memory is off unless --memory. --cprofile
FILE runs cProfile on the operator's kopf loop.
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
import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402
import kopf  # noqa: E402
import redis  # noqa: E402
import yaml  # noqa: E402

from bench._operator_procs import (  # noqa: E402
    CpuMeter,
    UpstreamProcess,
    manifest,
    per_job,
    run_jobs,
)
from script_agent.testing.k8s import (  # noqa: E402
    SCRIPTJOBS,
    EmulatorProcess,
    EmulatorThread,
    K8sApi,
    KopfProcess,
    KopfThread,
    child_env,
    write_kubeconfig,
)
from script_agent.testing.k8s.samples import EXAMPLE  # noqa: E402
from script_agent.testing.support import delete_prefixed  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/0"
STATES_PER_JOB = 7  # CONTEXT_LOADING .. COMPLETED: one /status patch each
CRD = yaml.safe_load((ROOT / "crds" / "scriptjob.yaml").read_text(encoding="utf-8"))


def bench_operator(
    n: int,
    concurrency: int,
    timeout: float,
    memory: bool,
    profile: cProfile.Profile | None = None,
) -> dict[str, Any]:
    from scriptjob_operator.app import build_app
    from scriptjob_operator.handlers import build_registry

    from script_agent.config import Settings

    prefix = f"bench-op-{uuid.uuid4().hex[:8]}"
    with UpstreamProcess() as upstream, EmulatorProcess(crds=[CRD]) as server:
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
            registry = build_registry(app)
            if profile is not None:

                @kopf.on.startup(registry=registry)
                async def _profile(**_: Any) -> None:
                    profile.enable()  # cProfile follows the thread that enables it: kopf's loop

            operator = KopfThread(registry, server_url=server.url).start()
            try:
                meter = CpuMeter(server, upstream.pid, REDIS_URL)
                wall, latencies, loadgen_s = run_jobs(api, n, timeout)
                meter.done(loadgen_s)
                if profile is not None:
                    profile.disable()
                time.sleep(1.5)  # let kopf's event poster drain before counting Events
                counts = per_job(api, n)
            finally:
                operator.stop()
                api.close()
                delete_prefixed(f"{prefix}:", REDIS_URL)
        client = {"conflicts": app.kube.calls["conflicts"] / n, "coalesced": app.kube.coalesced / n}
        return {
            "wall": wall,
            "latencies": latencies,
            "calls": counts,
            "cpu": meter.used,
            "client": client,
            "llm": upstream.chat_count(),
        }


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

    @kopf.on.cleanup(registry=registry)
    async def _cleanup(**_: Any) -> None:
        await client.aclose()

    @kopf.on.login(registry=registry)
    def _login(**kwargs: Any) -> kopf.ConnectionInfo | None:
        info = kopf.login_with_kubeconfig(**kwargs)
        if info is not None:
            client.configure(info)
        return info

    def unfinished(status: Any, **_: Any) -> bool:
        return bool(status.get("phase") != "Succeeded")

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
    with EmulatorProcess(crds=[CRD]) as server:
        api = K8sApi(server)
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["KUBECONFIG"] = str(write_kubeconfig(Path(tmp) / "kubeconfig", server.url))
            operator = KopfThread(baseline_registry(patches, concurrency), server_url=server.url).start()
            try:
                meter = CpuMeter(server)
                wall, latencies, loadgen_s = run_jobs(api, n, timeout)
                meter.done(loadgen_s)
                counts = per_job(api, n)
            finally:
                operator.stop()
                api.close()
        return {"wall": wall, "latencies": latencies, "calls": counts, "cpu": meter.used}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(label: str, n: int, result: dict[str, Any]) -> None:
    lat, calls = result["latencies"], result["calls"]
    extra = ""
    if "client" in result:
        extra = (
            f", {result['client']['coalesced']:.1f} progress writes coalesced away, "
            f"{result['client']['conflicts']:.2f} 409s"
        )
    print(
        f"{label:<9} {n} jobs in {result['wall']:6.2f} s  {n / result['wall']:7.1f} jobs/s  "
        f"latency p50 {statistics.median(lat):5.2f} s  p95 {pct(lat, 0.95):5.2f} s\n"
        f"{'':<10}per job: {calls['status']:.2f} status patches "
        f"({calls['status'] / STATES_PER_JOB:.2f} per state), {calls['kopf']:.2f} kopf patches, "
        f"{calls['get']:.2f} status GETs, {calls['namespace']:.2f} Namespace GETs, "
        f"{calls['events']:.2f} Events{extra}\n"
        f"{'':<10}CPU per job: {cpu_line(result['cpu'], n)}\n"
        f"{'':<10}{machine_line(result['cpu'])}"
    )


PROCESSES = ("kopf", "emulator", "upstream", "redis", "loadgen")


def cpu_line(cpu: dict[str, float], n: int) -> str:
    parts = [f"{cpu[k] / n * 1000:.1f} ms {k}" for k in PROCESSES if k in cpu]
    total = sum(cpu[k] for k in PROCESSES if k in cpu)
    return ", ".join(parts) + f"; {total / n * 1000:.1f} ms in all"


def machine_line(cpu: dict[str, float]) -> str:
    """How busy the whole machine was over the run (every core; others' work included)."""
    cores = os.cpu_count() or 1
    share = sum(cpu[k] for k in PROCESSES if k in cpu)
    return (
        f"machine: {cpu['machine_busy'] / cpu['machine_all'] * 100:.0f}% of {cores} cores busy "
        f"(these processes {share / cpu['machine_all'] * 100:.0f}%), "
        f"{cpu['machine_niced'] / cpu['machine_all'] * 100:.0f}% niced background"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def idle_rss(n: int) -> int:
    """RSS (KiB) of `script-agent operator` in its own process, watching n finished jobs."""
    with EmulatorThread(crds=[CRD]) as server, tempfile.TemporaryDirectory() as tmp:
        api = K8sApi(server)
        done = {"phase": "Succeeded", "state": "COMPLETED", "completionTime": "2026-01-01T00:00:00Z"}
        for i in range(n):
            api.create(manifest(f"idle-{i:05d}"))
            api.patch(SCRIPTJOBS, f"idle-{i:05d}", {"status": done}, subresource="status")
        port = free_port()
        env = child_env(write_kubeconfig(Path(tmp) / "kubeconfig", server.url))
        env.update(
            OPERATOR_LIVENESS_PORT=str(port),
            OPERATOR_METRICS_PORT="0",
            LONGTERM_MEMORY_ENABLED="false",
            OPERATOR_TENANT_MAP=json.dumps({"default": EXAMPLE["spec"]["tenant"]}),
        )
        env.pop("REDIS_URL", None)
        argv = [str(Path(sys.executable).with_name("script-agent")), "operator", "--namespace=default"]
        proc = KopfProcess(
            [*argv, "--standalone"],
            env=env,
            log_path=Path(tmp) / "operator.log",
            ready_url=f"http://127.0.0.1:{port}/healthz",
        )
        proc.start(timeout=60)
        try:
            probe = f"http://127.0.0.1:{port}/healthz"
            deadline = time.monotonic() + 60
            while httpx.get(probe, timeout=5).json().get("jobs", {}).get("Succeeded", 0) < n:
                if time.monotonic() > deadline:
                    raise TimeoutError("the operator did not see every idle job")
                time.sleep(0.2)
            time.sleep(2.0)  # settle (kopf's initial processing of every object)
            return rss_kib(proc.pid)
        finally:
            proc.terminate()
            api.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=32, help="OPERATOR_MAX_CONCURRENT_JOBS")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--memory", action="store_true", help="long-term memory on (recall + write-back)")
    parser.add_argument(
        "--idle", type=int, default=1000, help="finished jobs for the idle-memory line; 0: skip"
    )
    parser.add_argument("--cprofile", metavar="FILE", help="cProfile the operator's kopf loop into FILE")
    parser.add_argument("--side", choices=("both", "operator", "baseline"), default="both")
    args = parser.parse_args()
    redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()

    profile = cProfile.Profile() if args.cprofile else None
    ours = base = None
    if args.side in ("both", "operator"):
        ours = bench_operator(args.jobs, args.concurrency, args.timeout, args.memory, profile)
    if profile is not None:
        profile.dump_stats(args.cprofile)
        print(f"cProfile of the operator's kopf loop written to {args.cprofile}")
    if args.side in ("both", "baseline"):
        base = bench_baseline(args.jobs, STATES_PER_JOB, args.concurrency, args.timeout)
    llm = f", {ours['llm']} LLM calls" if ours else ""
    print(
        f"ScriptJobs: {args.jobs} created at once; OPERATOR_MAX_CONCURRENT_JOBS={args.concurrency}; "
        f"zero-delay upstream{llm}; {STATES_PER_JOB} states per job"
    )
    for label, result in (("operator", ours), ("baseline", base)):
        if result is not None:
            report(label, args.jobs, result)
    if ours is not None and base is not None:
        print(
            f"overhead of the orchestrated operator over bare kopf: x{ours['wall'] / base['wall']:.2f} wall "
            f"time ({(ours['wall'] - base['wall']) / args.jobs * 1000:.1f} ms per job), "
            f"x{ours['cpu']['kopf'] / base['cpu']['kopf']:.2f} CPU in the kopf process "
            f"({(ours['cpu']['kopf'] - base['cpu']['kopf']) / args.jobs * 1000:.1f} ms per job)"
        )
    if args.idle:
        empty, full = idle_rss(0), idle_rss(args.idle)
        print(
            f"idle memory: operator RSS {empty / 1024:.1f} MiB with no jobs, {full / 1024:.1f} MiB watching "
            f"{args.idle} finished jobs: {(full - empty) / args.idle:.1f} KiB per idle job"
        )


if __name__ == "__main__":
    main()
