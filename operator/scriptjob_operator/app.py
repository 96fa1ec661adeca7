"""The operator's long-lived parts, built once per process from settings.

The container (stores, LLM client, orchestrator) is built here, outside any event loop; its
network clients bind to the loop kopf runs in on first use, and `aclose` runs in that same loop
(kopf's cleanup handler), so the same object serves the CLI, an in-process test and the benchmark.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from script_agent.bootstrap import Container, build_container
from script_agent.config import Settings
from scriptjob_operator.driver import JobDriver
from scriptjob_operator.events import EventSink, KopfEvents
from scriptjob_operator.kube import KubeClient
from scriptjob_operator.metrics import MetricsServer, PhaseTracker
from scriptjob_operator.tenancy import NamespaceTenancy

log = logging.getLogger(__name__)


@dataclass
class OperatorApp:
    settings: Settings
    container: Container
    kube: KubeClient
    driver: JobDriver
    phases: PhaseTracker = field(default_factory=PhaseTracker)
    metrics: MetricsServer | None = None

    async def start(self) -> None:
        """Before kopf starts watching: open /metrics and load the memory embedder (jieba's
        dictionary takes seconds), so the first job does not pay for it."""
        if self.metrics is not None:
            await self.metrics.start()
        await self.container.check_upstreams()  # logs a misconfigured LLM upstream with its URL
        warmup = getattr(self.container.memory, "warmup", None)
        if warmup is not None:
            try:
                await warmup()
            except Exception:  # memory only improves prompts; the operator runs without it
                log.warning("long-term memory warm-up failed", exc_info=True)

    async def stop(self) -> None:
        if self.metrics is not None:
            await self.metrics.stop()
        await self.kube.aclose()
        await self.container.aclose()


def build_app(
    settings: Settings,
    *,
    container: Container | None = None,
    events: EventSink | None = None,
    metrics_port: int | None = None,
) -> OperatorApp:
    """`metrics_port` overrides OPERATOR_METRICS_PORT (0 disables the endpoint)."""
    container = container or build_container(settings)
    kube = KubeClient(
        settings.operator.kube_timeout_s, progress_interval_s=settings.operator.progress_interval_s
    )
    driver = JobDriver(
        runs=container.orchestrator.runs,
        products=container.products,
        kube=kube,
        events=events or KopfEvents(),
        settings=settings.operator,
        lock_wait_s=settings.lock.wait_timeout_s,
        tenancy=NamespaceTenancy(kube, settings.operator),
    )
    port = settings.operator.metrics_port if metrics_port is None else metrics_port
    metrics = MetricsServer(settings.operator.bind_host, port) if port else None
    return OperatorApp(settings=settings, container=container, kube=kube, driver=driver, metrics=metrics)
