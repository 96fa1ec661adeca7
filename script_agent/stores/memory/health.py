"""Health of the in-memory stores: always up, nothing behind them to fail."""

from __future__ import annotations

from typing import Any

from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus


def memory_health(name: str, **detail: Any) -> ComponentHealth:
    return ComponentHealth(
        name=name,
        status=HealthStatus.OK,
        latency_ms=0.0,
        fail_mode=FailMode.NONE,
        required=True,
        detail={"backend": "memory", **detail},
    )
