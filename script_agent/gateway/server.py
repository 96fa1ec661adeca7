"""`script-agent serve`: uvicorn with uvloop + httptools, no access log (metrics cover it)."""

from __future__ import annotations

import uvicorn

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
        timeout_graceful_shutdown=g.graceful_shutdown_s,
        limit_concurrency=g.limit_concurrency,
        backlog=g.backlog,
    )


def serve(settings: Settings, *, host: str, port: int) -> None:
    configure_logging(settings.log.level, settings.log.json_format)
    try:
        config = uvicorn_config(settings, host=host, port=port)
    except ValueError as exc:  # a configuration the gateway must not start with (e.g. no credentials)
        raise SystemExit(f"script-agent serve: {exc}") from None
    if settings.gateway.metrics_port:
        start_metrics_listener(host, settings.gateway.metrics_port)
    uvicorn.Server(config).run()
