"""`GET /metrics`: Prometheus exposition of the project's registry (optionally behind auth)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from script_agent.gateway.protect import guard
from script_agent.observability.metrics import REGISTRY

router = APIRouter(tags=["metrics"])


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
    summary="Prometheus metrics",
)
async def metrics(request: Request) -> Response:
    guard(request, request.app.state.settings.gateway.metrics_require_auth)
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
