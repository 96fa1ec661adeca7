"""Admission control for the generate routes: reserve before work, reconcile after.

Tokens are reserved from an estimate (prompt allowance + the request's max_tokens) because the real
count is only known when the run ends; `Admission.settle` refunds or charges the difference.
The limiter itself counts its decisions (RATE_LIMIT_DECISIONS) and owns its fail-open policy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from script_agent.bootstrap import Container
from script_agent.domain.models import ScriptRequest
from script_agent.gateway.errors import ApiError, retry_after_header
from script_agent.ports.stores import RateDecision

log = logging.getLogger(__name__)


def _reset(seconds: float) -> str:
    return f"{seconds:.3f}s"


def headers_for(decision: RateDecision) -> dict[str, str]:
    """OpenAI-style headers; sent on every generate response, allowed or not."""
    return {
        "x-ratelimit-limit-requests": str(decision.limit_requests),
        "x-ratelimit-remaining-requests": str(decision.remaining_requests),
        "x-ratelimit-reset-requests": _reset(decision.reset_requests_s),
        "x-ratelimit-limit-tokens": str(decision.limit_tokens),
        "x-ratelimit-remaining-tokens": str(decision.remaining_tokens),
        "x-ratelimit-reset-tokens": _reset(decision.reset_tokens_s),
    }


@dataclass
class Admission:
    """One admitted request's reservation; settle exactly once."""

    container: Container
    tenant: str
    reserved: int
    headers: dict[str, str] = field(default_factory=dict)
    settled: bool = False

    async def settle(self, actual_tokens: int | None) -> None:
        """`actual_tokens=None` keeps the reservation (usage unknown, e.g. a cut-off stream)."""
        if self.settled or (self.reserved == 0 and not actual_tokens):
            self.settled = True
            return
        self.settled = True
        if actual_tokens is None:
            return
        try:
            await self.container.stores.limiter.reconcile(self.tenant, self.reserved, actual_tokens)
        except Exception:  # accounting drift is preferable to failing a finished request
            log.warning("rate-limit reconcile failed", exc_info=True)


def estimate_tokens(container: Container, request: ScriptRequest) -> int:
    settings = container.settings
    completion = request.llm.max_tokens or settings.llm.max_tokens
    return settings.gateway.prompt_token_estimate + completion


async def admit(container: Container, request: ScriptRequest) -> Admission:
    """Raise 429 (with Retry-After and x-ratelimit-*) or return the reservation to settle later."""
    if not container.settings.rate_limit.enabled:
        return Admission(container, request.tenant, 0)
    estimated = estimate_tokens(container, request)
    decision = await container.stores.limiter.admit(request.tenant, estimated)
    headers = headers_for(decision)
    if not decision.allowed:
        dimension = decision.dimension.value if decision.dimension else "qps"
        raise ApiError(
            "rate_limited",
            f"rate limit exceeded ({dimension})",
            detail={"dimension": dimension, "retry_after_s": round(decision.retry_after_s, 3)},
            headers={**headers, "Retry-After": retry_after_header(decision.retry_after_s)},
        )
    return Admission(container, request.tenant, decision.reserved_tokens, headers)
