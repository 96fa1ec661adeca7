"""Health reporting shared by every adapter."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class HealthStatus(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"
    DOWN = "down"


class FailMode(StrEnum):
    OPEN = "open"  # keeps serving when its backing service is down (e.g. the rate limiter)
    CLOSED = "closed"  # refuses to serve when its backing service is down (e.g. locks, checkpoints)
    NONE = "none"  # no backing service


class ComponentHealth(BaseModel):
    name: str
    status: HealthStatus
    latency_ms: float | None = None
    fail_mode: FailMode = FailMode.NONE
    required: bool = Field(default=True, description="down + required means the service cannot serve")
    detail: dict[str, Any] = Field(default_factory=dict)
