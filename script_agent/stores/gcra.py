"""GCRA for both limiter dimensions, in Python; the Redis Lua script is a line-by-line twin.

Why GCRA (the Generic Cell Rate Algorithm, redis-cell's model) rather than a window:
- exact: it is a token bucket expressed as one "theoretical arrival time" (TAT), so the number
  admitted over any interval never exceeds burst + rate * interval — no 2x bursts at window
  edges (fixed window) and no approximation (sliding-window counter);
- O(1) state: one number per key, versus one entry per admitted request for a sliding log;
- the retry-after and reset times fall out of the same arithmetic, exactly.
Tokens per minute use the same algorithm with a cost per request (the reserved estimate), so a
reservation and its later refund or extra charge are plain moves of the TAT.

Times are microseconds (floats): Redis returns its clock in microseconds and Lua numbers are
doubles, so both implementations compute identical values. TOLERANCE_US absorbs float rounding.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from script_agent.config.state import RateLimitSettings
from script_agent.observability.metrics import RATE_LIMIT_DECISIONS
from script_agent.ports.stores import Dimension, RateDecision

US = 1_000_000.0
TOLERANCE_US = 1.0


@dataclass(frozen=True)
class Limits:
    req_interval_us: float  # time one request "costs"
    burst: int  # requests admitted at once
    tok_interval_us: float  # time one token "costs"
    tokens: int  # tokens per minute (bucket size)

    @classmethod
    def from_settings(cls, s: RateLimitSettings) -> Limits:
        return cls(US / s.qps, s.burst, 60 * US / s.tokens_per_minute, s.tokens_per_minute)


@dataclass(frozen=True)
class Outcome:
    decision: RateDecision
    req_tat: float
    tok_tat: float


def _remaining(tat: float, now: float, interval: float, capacity: int) -> int:
    return max(0, min(capacity, math.floor(capacity - (tat - now) / interval + TOLERANCE_US / interval)))


def decide(now: float, req_tat: float, tok_tat: float, estimated: int, lim: Limits) -> Outcome:
    """Admit one request reserving `estimated` tokens, or reject it without charging anything."""
    cost = max(0, min(estimated, lim.tokens))
    req_base, tok_base = max(req_tat, now), max(tok_tat, now)
    req_new = req_base + lim.req_interval_us
    tok_new = tok_base + cost * lim.tok_interval_us
    req_wait = req_new - lim.burst * lim.req_interval_us - now
    tok_wait = tok_new - lim.tokens * lim.tok_interval_us - now
    req_ok, tok_ok = req_wait <= TOLERANCE_US, tok_wait <= TOLERANCE_US
    allowed = req_ok and tok_ok
    if allowed:
        req_tat, tok_tat = req_new, tok_new
        dimension, retry = None, 0.0
    else:
        dimension = Dimension.QPS if not req_ok and (tok_ok or req_wait >= tok_wait) else Dimension.TOKENS
        retry = max(req_wait, tok_wait) / US
        req_tat, tok_tat = req_base, tok_base
    decision = RateDecision(
        allowed=allowed,
        dimension=dimension,
        limit_requests=lim.burst,
        remaining_requests=_remaining(req_tat, now, lim.req_interval_us, lim.burst),
        reset_requests_s=max(0.0, req_tat - now) / US,
        limit_tokens=lim.tokens,
        remaining_tokens=_remaining(tok_tat, now, lim.tok_interval_us, lim.tokens),
        reset_tokens_s=max(0.0, tok_tat - now) / US,
        retry_after_s=retry,
        reserved_tokens=cost if allowed else 0,
    )
    return Outcome(decision, req_tat, tok_tat)


def adjust(now: float, tok_tat: float, diff_tokens: int, lim: Limits) -> float:
    """Reconcile: charge (diff > 0) or refund (diff < 0) tokens; a refund never goes below `now`."""
    return max(now, max(tok_tat, now) + diff_tokens * lim.tok_interval_us)


def open_decision(lim: Limits) -> RateDecision:
    """What a fail-open limiter answers when its backend is unreachable: admitted, nothing known."""
    return RateDecision(
        allowed=True,
        dimension=None,
        limit_requests=lim.burst,
        remaining_requests=lim.burst,
        reset_requests_s=0.0,
        limit_tokens=lim.tokens,
        remaining_tokens=lim.tokens,
        reset_tokens_s=0.0,
    )


@functools.cache  # (dimension, decision): a handful of series, fixed for the process's life
def _decisions(dimension: str, decision: str) -> Any:
    """`labels()` hashes, validates and locks on every call; the children never change."""
    return RATE_LIMIT_DECISIONS.labels(dimension=dimension, decision=decision)


_ALLOWED = tuple(dim.value for dim in Dimension)  # an admitted request passes every dimension


def record(decision: RateDecision) -> RateDecision:
    """Count the decision in the bounded (dimension, decision) metric family."""
    if decision.allowed:
        for dim in _ALLOWED:
            _decisions(dim, "allowed").inc()
    elif decision.dimension is not None:
        _decisions(decision.dimension.value, "rejected").inc()
    return decision
