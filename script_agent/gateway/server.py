"""`script-agent serve`: uvicorn with uvloop + httptools, no access log (metrics cover it)."""

from __future__ import annotations

import logging
import math

import uvicorn
import uvicorn.supervisors

from script_agent.config import Settings
from script_agent.gateway.app import create_app
from script_agent.gateway.routes.metrics import start_metrics_listener
from script_agent.observability.logging import configure_logging


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


def serve(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    configure_logging(settings.log.level, settings.log.json_format)
    try:
        config = uvicorn_config(settings, host=host, port=port)
    except ValueError as exc:  # a configuration the gateway must not start with (e.g. no credentials)
        raise SystemExit(f"script-agent serve: {exc}") from None
    if settings.gateway.metrics_port and workers == 1:
        start_metrics_listener(host, settings.gateway.metrics_port)
    elif settings.gateway.metrics_port:  # the supervisor serves no requests: its registry is empty
        log.warning(
            "GATEWAY_METRICS_PORT is ignored with --workers %d: scrape each worker's /metrics", workers
        )
    if workers == 1:
        uvicorn.Server(config).run()
        return
    # Several processes on one listening socket, each with its own event loop and container; the
    # state they share lives in Redis. Each worker rebuilds its settings from the environment.
    # Per-process metrics: each worker's /metrics reports that process only (no multiprocess mode).
    config.app = "script_agent.gateway.server:worker_app"
    config.factory = True
    config.workers = workers
    sock = config.bind_socket()
    uvicorn.supervisors.Multiprocess(config, sockets=[sock]).run()
