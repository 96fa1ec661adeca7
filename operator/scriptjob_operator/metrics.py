"""The operator's /metrics endpoint and the jobs-by-phase gauge.

The gauge counts every ScriptJob this operator *sees* (its watch), not only those it steps. Under kopf
peering every replica reports its own view (a standby's is empty or stale while kopf keeps it
paused), so the same jobs appear in several replicas' series: dashboards and alerts aggregate with
`max by (namespace, phase)` across replicas, never `sum` (tests/ops/test_prometheus.py scrapes one
operator as two replicas and checks the panel reads the true count). Served by aiohttp (already a
kopf dependency) on the operator's event loop; rendering the registry is cheap and bounded by the
number of label values, which are fixed vocabularies.
"""

from __future__ import annotations

import logging

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from script_agent.observability.metrics import OPERATOR_JOBS, REGISTRY, prime_operator
from scriptjob_operator.resource import ALL_PHASES, PENDING

log = logging.getLogger(__name__)


class PhaseTracker:
    """uid → phase of the jobs in view; republishes the per-phase gauge on every change.

    The counts are kept as the phases change (not recounted from every job's phase on each change:
    with hundreds of jobs moving at once that recount was quadratic)."""

    def __init__(self) -> None:
        self._phases: dict[str, str] = {}
        self._counts: dict[str, int] = dict.fromkeys(ALL_PHASES, 0)
        prime_operator()
        self.publish()

    def knows(self, uid: str, phase: str | None) -> bool:
        """Whether `observe(uid, phase)` would change nothing (the watch event can be skipped)."""
        return self._phases.get(uid) == _normal(phase)

    def observe(self, uid: str, phase: str | None) -> None:
        phase = _normal(phase)
        old = self._phases.get(uid)
        if old != phase:
            self._phases[uid] = phase
            self._move(old, phase)

    def forget(self, uid: str) -> None:
        old = self._phases.pop(uid, None)
        if old is not None:
            self._move(old, None)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def publish(self) -> None:
        for phase, count in self._counts.items():
            OPERATOR_JOBS.labels(phase=phase).set(count)

    def _move(self, old: str | None, new: str | None) -> None:
        for phase, delta in ((old, -1), (new, 1)):
            if phase is not None:
                self._counts[phase] += delta
                OPERATOR_JOBS.labels(phase=phase).set(self._counts[phase])


def _normal(phase: str | None) -> str:
    return phase if phase is not None and phase in ALL_PHASES else PENDING


async def _metrics(_: web.Request) -> web.Response:
    body = generate_latest(REGISTRY)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


class MetricsServer:
    """`GET /metrics` on host:port (port 0 picks a free one; see `.port` after start)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", _metrics)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []  # the bound port when 0 was asked
        if sockets:
            self.port = sockets[0].getsockname()[1]
        log.info("operator metrics on http://%s:%s/metrics", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
