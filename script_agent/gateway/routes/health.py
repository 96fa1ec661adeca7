"""Readiness (`/api/v1/health`: every component, 503 when a required one is down) and liveness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from script_agent.gateway.deps import container_of
from script_agent.gateway.protect import guard
from script_agent.gateway.schemas import HealthReport
from script_agent.ports.health import ComponentHealth, HealthStatus

router = APIRouter(prefix="/api/v1/health", tags=["health"])


def overall(components: list[ComponentHealth]) -> str:
    if any(c.status is HealthStatus.DOWN and c.required for c in components):
        return "down"
    if any(c.status is not HealthStatus.OK for c in components):
        return "degraded"
    return "ok"


@router.get(
    "",
    response_model=HealthReport,
    responses={503: {"model": HealthReport, "description": "a required component is down"}},
    summary="Readiness: per-component status, latency and detail",
)
async def health(request: Request) -> JSONResponse:
    guard(request, request.app.state.settings.gateway.health_require_auth)
    components = await container_of(request).health()
    report = HealthReport(status=overall(components), components=components)
    return JSONResponse(report.model_dump(mode="json"), status_code=503 if report.status == "down" else 200)


@router.get("/live", summary="Liveness: the process answers (no dependency checks)")
async def live() -> dict[str, str]:
    return {"status": "ok"}
