"""`script-agent serve`: uvicorn with uvloop + httptools, no access log (metrics cover it)."""

from __future__ import annotations

import logging
import math
import socket

import uvicorn
import uvicorn.supervisors

from script_agent.config import Settings
from script_agent.gateway.app import create_app
from script_agent.gateway.routes.metrics import start_metrics_listener
from script_agent.observability.logging import configure_logging
from script_agent.observability.multiprocess import aggregate_registry, reap, shared_dir


def uvicorn_config(settings: Settings, *, host: str, port: int) -> uvicorn.Config:
    g = settings.gateway
    return uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        loop="uvloop",
        http="httptools",
        lifespan="on",
        access_log=False,
        log_config=None,  # keep the project's logging setup
        server_header=False,
        timeout_keep_alive=g.keep_alive_s,
        timeout_graceful_shutdown=math.ceil(g.graceful_shutdown_s),  # uvicorn takes whole seconds
        limit_concurrency=g.limit_concurrency,
        backlog=g.backlog,
    )


log = logging.getLogger(__name__)
STATE_COMPONENTS = ("sessions", "checkpoints", "lock", "rate_limit", "idempotency")


def unshared_state(settings: Settings) -> list[str]:
    """State components kept inside one process (not in Redis) under these settings."""
    kinds = {
        "sessions": settings.session.store,
        "checkpoints": settings.checkpoint.store,
        "lock": settings.lock.backend,
        "rate_limit": settings.rate_limit.backend,
        "idempotency": settings.idempotency.store,
    }
    return [name for name in STATE_COMPONENTS if not settings.uses_redis(kinds[name])]


def worker_app() -> object:
    """App factory for each worker process of `serve --workers N`: a worker is a fresh interpreter
    (spawned by uvicorn's supervisor), so it reads the same environment the parent did."""
    settings = Settings()
    configure_logging(settings.log.level, settings.log.json_format)
    return create_app(settings)


class _Supervisor(uvicorn.supervisors.Multiprocess):
    """uvicorn's supervisor plus prometheus_client's bookkeeping for workers that exit.

    uvicorn replaces a crashed or hung worker in `keep_subprocess_alive`, which also runs on every
    0.5 s tick after a SIGHUP restart or a SIGTTOU retirement: after it, any worker no longer in
    `processes` gets `mark_process_dead`, so the live gauges stop counting its last values."""

    def __init__(self, config: uvicorn.Config, sockets: list[socket.socket], metrics_dir: str) -> None:
        super().__init__(config, sockets=sockets)
        self.metrics_dir = metrics_dir

    def keep_subprocess_alive(self) -> None:
        super().keep_subprocess_alive()
        self.reap()

    def reap(self) -> None:
        live = {p.pid for p in self.processes if p.pid is not None and p.exitcode is None}
        for pid in reap(self.metrics_dir, live):
            log.info("worker %d gone: its live gauges are dropped from the aggregate", pid)


def serve(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    configure_logging(settings.log.level, settings.log.json_format)
    try:
        config = uvicorn_config(settings, host=host, port=port)
    except ValueError as exc:  # a configuration the gateway must not start with (e.g. no credentials)
        raise SystemExit(f"script-agent serve: {exc}") from None
    if workers == 1:
        if settings.gateway.metrics_port:
            start_metrics_listener(host, settings.gateway.metrics_port)
        uvicorn.Server(config).run()
        return
    # Several processes on one listening socket, each with its own event loop and container; the
    # state they share lives in Redis. Each worker rebuilds its settings from the environment.
    config.app = "script_agent.gateway.server:worker_app"
    config.factory = True
    config.workers = workers
    sock = config.bind_socket()
    with shared_dir() as metrics_dir:  # before the first spawn: workers read it when they import
        listener = None
        if settings.gateway.metrics_port:  # the aggregate of every worker, served by the supervisor
            listener = start_metrics_listener(
                host, settings.gateway.metrics_port, registry=aggregate_registry(metrics_dir)
            )
        supervisor = _Supervisor(config, [sock], metrics_dir)
        try:
            supervisor.run()
        finally:
            supervisor.reap()  # every worker has been joined: none of their live gauges stays
            if listener is not None:
                listener.shutdown()
