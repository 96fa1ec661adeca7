"""`GET /metrics`: Prometheus exposition of the project's registry (optionally behind auth).

With GATEWAY_METRICS_PORT set, the registry is served on that port instead (a listener of its own,
reachable by Prometheus but not published by the API's Service/Ingress) and this route answers 404,
so the public port never exposes internal figures.

Under `serve --workers N` (multiprocess mode, script_agent/observability/multiprocess.py) both the
route and the listener serve the aggregate of every worker, whichever process answers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request, Response
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, start_http_server
from starlette.routing import BaseRoute

from script_agent.gateway.protect import guard
from script_agent.observability.metrics import prime_http
from script_agent.observability.multiprocess import exposition_registry

router = APIRouter(tags=["metrics"])
log = logging.getLogger(__name__)


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
    summary="Prometheus metrics",
)
async def metrics(request: Request) -> Response:
    gateway = request.app.state.settings.gateway
    if gateway.metrics_port:
        raise HTTPException(status_code=404, detail="metrics are served on GATEWAY_METRICS_PORT")
    guard(request, gateway.metrics_require_auth)
    return Response(generate_latest(exposition_registry()), media_type=CONTENT_TYPE_LATEST)


def _api_routes(routes: Iterable[BaseRoute], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path template, method) of every APIRoute, also inside included routers.

    FastAPI >= 0.16x keeps `include_router` lazy (an included-router node holding the original
    router and the include prefix) instead of copying routes into the app; older versions copy
    them. Both shapes are walked; tests/ops/test_metrics.py fails if a FastAPI upgrade changes it."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield from ((prefix + route.path, method) for method in sorted(route.methods or ()))
            continue
        original = getattr(route, "original_router", None)
        if original is not None:
            included = getattr(getattr(route, "include_context", None), "prefix", "") or ""
            yield from _api_routes(original.routes, prefix + included)


def prime_routes(app: FastAPI) -> None:
    """Request counters of every (route template, method) at zero, before the first request
    (walking the routes, ~0.1 ms; building the OpenAPI document for this took ~300 ms)."""
    prime_http(sorted(set(_api_routes(app.routes))))


def start_metrics_listener(host: str, port: int, registry: CollectorRegistry | None = None) -> Any:
    """prometheus_client's threaded HTTP server on host:port serving `registry` (by default what
    /metrics would serve in this process); returns the server (for shutdown)."""
    served = registry if registry is not None else exposition_registry()
    server, _thread = start_http_server(port, addr=host, registry=served)
    log.info("gateway metrics on http://%s:%s/metrics", host, server.server_port)
    return server
