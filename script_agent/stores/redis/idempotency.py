"""Redis idempotency records: `{p}:idem:{tenant:key}` HASH (s=state, fp=fingerprint, r=result JSON).

begin/complete/abandon are each one Lua call, so two processes racing on one key see exactly one
STARTED. The in-flight marker expires after IDEMPOTENCY_IN_FLIGHT_TTL_S (a crashed owner does not
block the key forever); a completed result lives IDEMPOTENCY_TTL_S.

Redis down: fails closed — begin/complete raise StoreUnavailable within the connection deadline
(the request is refused rather than risking a duplicate generation). abandon never raises: the
marker expires on its own.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from script_agent.config.state import IdempotencySettings
from script_agent.domain.errors import IdempotencyMismatch, StoreUnavailable
from script_agent.ports.health import ComponentHealth, FailMode
from script_agent.ports.stores import IdempotencyBegin, IdempotencyOutcome
from script_agent.stores.redis.connection import RedisConnection

COMPONENT = "idempotency"
log = logging.getLogger(__name__)

BEGIN = """
local rec = redis.call('HMGET', KEYS[1], 's', 'fp', 'r')
if not rec[1] then
  redis.call('HSET', KEYS[1], 's', 'in_flight', 'fp', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {'started'}
end
if rec[2] ~= ARGV[1] then return {'mismatch'} end
if rec[1] == 'in_flight' then return {'in_flight'} end
return {'replay', rec[3]}
"""
COMPLETE = """
local fp = redis.call('HGET', KEYS[1], 'fp')
if fp and fp ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 's', 'done', 'fp', ARGV[1], 'r', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
"""
ABANDON = """
if redis.call('HGET', KEYS[1], 's') == 'in_flight' then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisIdempotencyStore:
    def __init__(self, conn: RedisConnection, settings: IdempotencySettings | None = None) -> None:
        settings = settings or IdempotencySettings()
        self._conn = conn
        self._ttl_ms = settings.ttl_s * 1000
        self._in_flight_ms = settings.in_flight_ttl_s * 1000
        self._begin = conn.script(BEGIN)
        self._complete = conn.script(COMPLETE)
        self._abandon = conn.script(ABANDON)

    async def begin(self, tenant: str, key: str, fingerprint: str) -> IdempotencyBegin:
        rkey = self._conn.keys.idempotency(tenant, key)
        reply = await self._conn.call(
            COMPONENT, lambda: self._begin(keys=[rkey], args=[fingerprint, self._in_flight_ms])
        )
        outcome = IdempotencyOutcome(reply[0].decode())
        result = json.loads(reply[1]) if outcome is IdempotencyOutcome.REPLAY else None
        return IdempotencyBegin(outcome, result)

    async def complete(self, tenant: str, key: str, fingerprint: str, result: dict[str, Any]) -> None:
        rkey = self._conn.keys.idempotency(tenant, key)
        body = json.dumps(result, ensure_ascii=False, default=str)
        stored = await self._conn.call(
            COMPONENT, lambda: self._complete(keys=[rkey], args=[fingerprint, body, self._ttl_ms])
        )
        if not stored:
            raise IdempotencyMismatch("key was begun with another payload", tenant=tenant)

    async def abandon(self, tenant: str, key: str) -> None:
        rkey = self._conn.keys.idempotency(tenant, key)
        try:
            await self._conn.call(COMPONENT, lambda: self._abandon(keys=[rkey]))
        except StoreUnavailable:
            log.warning("idempotency abandon skipped: redis unavailable; the marker will expire")

    async def health(self) -> ComponentHealth:
        return await self._conn.health(COMPONENT, FailMode.CLOSED)
