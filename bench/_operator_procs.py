"""The processes around the kopf runtime under test in bench/operator.py: the load generator (job
creation + one watch), the fake LLM upstream, and the CPU meters that read them.

Why separate processes: in threads of the benchmark's process they would share the GIL with the kopf
runtime being measured and be charged to it. Module-level functions, so they pickle into spawned
children (imported as `bench._operator_procs` with the repository root on sys.path).
"""

from __future__ import annotations

import concurrent.futures
import copy
import json
import multiprocessing
import os
import resource
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from script_agent.testing.k8s import SCRIPTJOBS, EmulatorProcess, K8sApi
from script_agent.testing.k8s.samples import EXAMPLE, REPLY
from script_agent.testing.llm_upstream import FakeLLMUpstream


def manifest(name: str) -> dict[str, Any]:
    body = copy.deepcopy(EXAMPLE)
    body["metadata"] = {"name": name, "namespace": "default"}
    body["spec"].pop("ttlSecondsAfterFinished", None)
    return body


def _resource_version(emulator: Any) -> int:
    """Module-level, so it pickles into the emulator's process."""
    version: int = emulator.store.resource_version
    return version


class Finished:
    """Watches the jobs (one stream, as a kubectl -w would) and notes when each reached Succeeded.

    A watch, not a poll: listing 500 jobs every 0.2 s would cost the emulator more than some of
    what is measured."""

    def __init__(self, url: str, since: int) -> None:
        self.url, self.since = url, since
        self.done: dict[str, float] = {}
        self.failed: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="bench-watch", daemon=True)

    def _run(self) -> None:
        params = {"watch": "true", "resourceVersion": str(self.since), "timeoutSeconds": "600"}
        with httpx.stream("GET", self.url, params=params, timeout=httpx.Timeout(10, read=None)) as resp:
            for line in resp.iter_lines():
                if self.stop.is_set():
                    return
                if not line:
                    continue
                obj = json.loads(line)["object"]
                name, phase = obj["metadata"]["name"], (obj.get("status") or {}).get("phase")
                if phase == "Succeeded" and name not in self.done:
                    self.done[name] = time.perf_counter()
                elif phase in ("Failed", "Degraded"):
                    self.failed.append(f"{name} ended {phase}: {obj['status'].get('message')}")


def cpu_s(pid: int | None = None) -> float:
    """CPU seconds (user + system) of this process (every thread), or of child `pid` from /proc."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def redis_cpu_s(url: str) -> float:
    """CPU seconds of the redis-server (INFO cpu): the whole server's, other clients' use included."""
    import redis

    info = redis.Redis.from_url(url, socket_timeout=2).info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def machine_s() -> dict[str, float]:
    """CPU seconds of the whole machine (all cores, /proc/stat): busy at normal priority, busy niced
    (e.g. a background benchmark under nice 19, which yields to everything here), and elapsed."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    tick = os.sysconf("SC_CLK_TCK")
    return {
        "machine_busy": (user + system + irq + softirq + steal) / tick,
        "machine_niced": nice / tick,
        "machine_all": (user + nice + system + idle + iowait + irq + softirq + steal) / tick,
    }


class CpuMeter:
    """CPU spent during a run by every process of the machine's share in it: this one (the kopf
    runtime: operator or baseline, and nothing else), the emulator's, the fake upstream's (if any),
    the redis-server (if used; shared with anyone else on it) and the load generator (which reports
    its own, see `run_jobs`). Load-independent, unlike wall time on a shared machine; and on two
    cores their sum over the wall time says whether the machine itself was the limit."""

    def __init__(self, server: EmulatorProcess, upstream_pid: int | None = None, redis_url: str = "") -> None:
        self.pids = {"emulator": server.pid, "upstream": upstream_pid}
        self.redis_url = redis_url
        self.start = self._now()
        self.used: dict[str, float] = {}

    def _now(self) -> dict[str, float]:
        now = {"kopf": cpu_s(), **machine_s()}
        now.update({k: cpu_s(pid) for k, pid in self.pids.items() if pid is not None})
        if self.redis_url:
            now["redis"] = redis_cpu_s(self.redis_url)
        return now

    def done(self, loadgen_s: float) -> None:
        end = self._now()
        self.used = {k: end[k] - self.start[k] for k in end}
        self.used["loadgen"] = loadgen_s


def run_jobs(api: K8sApi, n: int, timeout: float) -> tuple[float, list[float], float]:
    """The load generator in a process of its own (a kubectl is never in the operator's process:
    here its 16 creating threads and the watch's JSON parsing would take the GIL from the kopf
    runtime under test, and be charged to it in the CPU figures). Returns wall time, per-job latencies
    and the load generator's own CPU seconds."""
    since = api.server.call(_resource_version)
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        return pool.submit(_load, api.url, since, n, timeout).result(timeout + 120)


def _load(server_url: str, since: int, n: int, timeout: float) -> tuple[float, list[float], float]:
    """Create n jobs at once (16 client threads); wall time until all Succeeded, per-job latencies,
    CPU seconds of this process meanwhile."""
    cpu0 = cpu_s()
    names = [f"bench-{i:04d}" for i in range(n)]
    created: dict[str, float] = {}
    url = f"{server_url}/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs"
    watch = Finished(url, since)
    watch.thread.start()
    start = time.perf_counter()
    http = httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0), limits=httpx.Limits(max_connections=16))

    def create(name: str) -> None:
        http.post(url, json=manifest(name)).raise_for_status()
        created[name] = time.perf_counter()

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(create, names))
    deadline = start + timeout
    try:
        while len(watch.done) < n:
            if watch.failed:
                raise RuntimeError(watch.failed[0])
            if time.perf_counter() > deadline or not watch.thread.is_alive():
                raise TimeoutError(f"only {len(watch.done)}/{n} jobs Succeeded after {timeout}s")
            time.sleep(0.05)
    finally:
        watch.stop.set()
        http.close()
    wall = max(watch.done.values()) - start
    return wall, [watch.done[name] - created[name] for name in names], cpu_s() - cpu0


def per_job(api: K8sApi, n: int) -> dict[str, float]:
    """API calls per job, from the emulator's request log."""
    patches = len(api.requests("PATCH", SCRIPTJOBS, subresource="status"))
    main_patches = len([r for r in api.requests("PATCH", SCRIPTJOBS) if not r[1].endswith("/status")])
    reads = len(api.requests("GET", SCRIPTJOBS, subresource="status"))
    events = len(api.requests("POST", "v1/events"))
    namespaces = len(api.requests("GET", "v1/namespaces"))
    return {
        "status": patches / n,
        "kopf": main_patches / n,
        "get": reads / n,
        "events": events / n,
        "namespace": namespaces / n,
    }


def _upstream_child(conn: Any) -> None:
    """The fake LLM upstream in a process of its own (an LLM server is never in the operator's
    process; in a thread its CPU would be charged to the operator). Answers "count" with the
    number of chat requests served, stops on "stop"."""
    with FakeLLMUpstream(reply=REPLY) as upstream:
        conn.send(upstream.url)
        while (msg := conn.recv()) != "stop":
            conn.send(len(upstream.chat_requests()) if msg == "count" else None)


class UpstreamProcess:
    def __enter__(self) -> UpstreamProcess:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_upstream_child, args=(child,), name="llm-upstream", daemon=True)
        self.proc.start()
        child.close()
        if not self.conn.poll(30):
            raise RuntimeError("the fake LLM upstream did not start")
        self.url: str = self.conn.recv()
        return self

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def chat_count(self) -> int:
        self.conn.send("count")
        count: int = self.conn.recv()
        return count

    def __exit__(self, *exc: object) -> None:
        self.conn.send("stop")
        self.proc.join(15)
        if self.proc.is_alive():
            self.proc.kill()
