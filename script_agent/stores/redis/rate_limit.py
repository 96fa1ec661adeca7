"""Redis rate limiter: requests/s and tokens/minute per tenant, one Lua call per decision.

Both dimensions use GCRA (see stores/gcra.py for why, and for the Python twin of this script):
one TAT per dimension per tenant, both keys under the tenant's hash tag. The script reads Redis's
own clock (TIME), so every replica shares one time base and the limit holds globally, not per
process. Nothing is charged on a rejection. reconcile() moves the token TAT by the difference
between the reserved estimate and the real usage (refund or extra charge), also in one call.

Redis down: configurable with RATE_LIMIT_FAIL_OPEN (default true). Open: admit, count
script_agent_rate_limit_fail_open_total and warn (at most every 10 s) — serving unlimited for a
while is better than refusing every request. Closed: raise StoreUnavailable. reconcile() never
raises (it runs after the response; a lost adjustment only skews accounting briefly).
"""

from __future__ import annotations

import logging
import time

from script_agent.config.state import RateLimitSettings
from script_agent.domain.errors import StoreUnavailable
from script_agent.observability.metrics import RATE_LIMIT_FAIL_OPEN
from script_agent.ports.health import ComponentHealth, FailMode
from script_agent.ports.stores import Dimension, RateDecision
from script_agent.stores.gcra import US, Limits, open_decision, record
from script_agent.stores.redis.connection import RedisConnection

COMPONENT = "rate_limit"
WARN_EVERY_S = 10.0
log = logging.getLogger(__name__)

# KEYS: req TAT, token TAT. ARGV: estimate, req_interval_us, burst, tok_interval_us, tokens, tolerance.
# Mirrors gcra.decide() line by line. Returns integers (microseconds for times).
ADMIT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local ri, burst = tonumber(ARGV[2]), tonumber(ARGV[3])
local ti, cap, tol = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local cost = math.max(0, math.min(tonumber(ARGV[1]), cap))
local req_base = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local tok_base = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), now)
local req_new, tok_new = req_base + ri, tok_base + cost * ti
local req_wait = req_new - burst * ri - now
local tok_wait = tok_new - cap * ti - now
local req_ok, tok_ok = req_wait <= tol, tok_wait <= tol
local allowed, dim, retry = 0, 0, 0
local req_tat, tok_tat = req_base, tok_base
if req_ok and tok_ok then
  allowed, req_tat, tok_tat = 1, req_new, tok_new
  redis.call('SET', KEYS[1], string.format('%.17g', req_tat), 'PX', math.ceil((req_tat - now) / 1000) + 1)
  if tok_tat > now then
    redis.call('SET', KEYS[2], string.format('%.17g', tok_tat), 'PX', math.ceil((tok_tat - now) / 1000) + 1)
  end
else
  if (not req_ok) and (tok_ok or req_wait >= tok_wait) then dim = 1 else dim = 2 end
  retry = math.max(req_wait, tok_wait)
end
local function remaining(tat, interval, capacity)
  return math.max(0, math.min(capacity, math.floor(capacity - (tat - now) / interval + tol / interval)))
end
return {allowed, dim, remaining(req_tat, ri, burst), math.ceil(req_tat - now),
        remaining(tok_tat, ti, cap), math.ceil(tok_tat - now), math.ceil(retry), allowed * cost}
"""

# KEYS: token TAT. ARGV: token difference (actual - reserved), tok_interval_us.
RECONCILE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
tat = math.max(now, tat + tonumber(ARGV[1]) * tonumber(ARGV[2]))
if tat > now then
  redis.call('SET', KEYS[1], string.format('%.17g', tat), 'PX', math.ceil((tat - now) / 1000) + 1)
else
  redis.call('DEL', KEYS[1])
end
return 1
"""


class RedisRateLimiter:
    def __init__(self, conn: RedisConnection, settings: RateLimitSettings | None = None) -> None:
        settings = settings or RateLimitSettings()
        self._conn = conn
        self._limits = Limits.from_settings(settings)
        self._fail_open = settings.fail_open
        self._admit = conn.script(ADMIT)
        self._reconcile = conn.script(RECONCILE)
        self._last_warning = 0.0

    async def admit(self, tenant: str, estimated_tokens: int) -> RateDecision:
        lim = self._limits
        keys = self._conn.keys.rate(tenant)
        args = [int(estimated_tokens), lim.req_interval_us, lim.burst, lim.tok_interval_us, lim.tokens, 1.0]
        try:
            raw = await self._conn.call(COMPONENT, lambda: self._admit(keys=keys, args=args))
        except StoreUnavailable:
            if not self._fail_open:
                raise
            return self._admitted_blind()
        allowed, dim, rem_req, reset_req, rem_tok, reset_tok, retry, reserved = (int(x) for x in raw)
        return record(
            RateDecision(
                allowed=bool(allowed),
                dimension={1: Dimension.QPS, 2: Dimension.TOKENS}.get(dim),
                limit_requests=lim.burst,
                remaining_requests=rem_req,
                reset_requests_s=max(0, reset_req) / US,
                limit_tokens=lim.tokens,
                remaining_tokens=rem_tok,
                reset_tokens_s=max(0, reset_tok) / US,
                retry_after_s=max(0, retry) / US,
                reserved_tokens=reserved,
            )
        )

    def _admitted_blind(self) -> RateDecision:
        RATE_LIMIT_FAIL_OPEN.inc()
        now = time.monotonic()
        if now - self._last_warning >= WARN_EVERY_S:
            self._last_warning = now
            log.warning("rate limiter backend unreachable: admitting without a decision (fail-open)")
        return open_decision(self._limits)

    async def reconcile(self, tenant: str, reserved_tokens: int, actual_tokens: int) -> None:
        diff = int(actual_tokens) - int(reserved_tokens)
        if diff == 0:
            return
        key = self._conn.keys.rate(tenant)[1]
        try:
            await self._conn.call(
                COMPONENT, lambda: self._reconcile(keys=[key], args=[diff, self._limits.tok_interval_us])
            )
        except StoreUnavailable:
            log.warning("rate limiter reconcile skipped: redis unavailable")

    async def health(self) -> ComponentHealth:
        mode = FailMode.OPEN if self._fail_open else FailMode.CLOSED
        return await self._conn.health(COMPONENT, mode, required=not self._fail_open, scope="global")
