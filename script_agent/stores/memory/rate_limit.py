"""Process-local rate limiter (embedded mode): the same GCRA arithmetic as the Redis limiter."""

from __future__ import annotations

import threading
import time

from script_agent.config.state import RateLimitSettings
from script_agent.ports.health import ComponentHealth
from script_agent.ports.stores import RateDecision
from script_agent.stores.gcra import US, Limits, adjust, decide, record
from script_agent.stores.memory.health import memory_health

MAX_TENANTS = 100_000  # bound on state: idle tenants (both TATs in the past) are dropped beyond this


class MemoryRateLimiter:
    """Limits hold per process only — use the Redis limiter when several replicas serve."""

    def __init__(self, settings: RateLimitSettings | None = None) -> None:
        self._limits = Limits.from_settings(settings or RateLimitSettings())
        self._state: dict[str, tuple[float, float]] = {}
        self._mutex = threading.Lock()

    @staticmethod
    def _now() -> float:
        return time.monotonic() * US

    async def admit(self, tenant: str, estimated_tokens: int) -> RateDecision:
        with self._mutex:
            now = self._now()
            req_tat, tok_tat = self._state.get(tenant, (0.0, 0.0))
            outcome = decide(now, req_tat, tok_tat, estimated_tokens, self._limits)
            self._state[tenant] = (outcome.req_tat, outcome.tok_tat)
            if len(self._state) > MAX_TENANTS:
                self._sweep(now)
        return record(outcome.decision)

    async def reconcile(self, tenant: str, reserved_tokens: int, actual_tokens: int) -> None:
        diff = actual_tokens - reserved_tokens
        if diff == 0:
            return
        with self._mutex:
            now = self._now()
            req_tat, tok_tat = self._state.get(tenant, (0.0, 0.0))
            self._state[tenant] = (req_tat, adjust(now, tok_tat, diff, self._limits))

    def _sweep(self, now: float) -> None:
        for tenant, (req_tat, tok_tat) in list(self._state.items()):
            if req_tat <= now and tok_tat <= now:
                del self._state[tenant]

    async def health(self) -> ComponentHealth:
        return memory_health("rate_limit", tenants=len(self._state), scope="process")
