"""Redis session lock: SET NX PX with a fencing token, Lua compare-and-delete, background renewal.

Acquire is one Lua call: `SET lock token NX PX lease` and, only when that succeeded, `INCR` the
session's fence counter — the token comes back with the lease, and the checkpoint script refuses
writes carrying an older one. The same call reads the latest checkpoint and the session for the
run that follows (prefetch.py says why that is safe): a run's first two reads cost no round trip.
Release is one Lua call deleting the key only if it still holds our token. While held, a task
renews the lease every third of its length (compare-and-PEXPIRE); it stops on release, and marks
the lease lost (metric) if the key was taken or renewal kept failing for a whole lease.

Redis down: fails closed and fast. acquire raises StoreUnavailable within the connection deadline
(or at once while the Redis guard is open) — never a silent process-local lock, which would let two
replicas run the same session. release never raises for an unreachable Redis: the lease simply
expires within lease_ms, and raising from a `finally` would mask the caller's own error.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import time

from script_agent.config.state import LockSettings
from script_agent.domain.errors import LockTimeout, StoreUnavailable
from script_agent.observability.metrics import LOCK_LOST, LOCK_TIMEOUTS, LOCK_WAIT_SECONDS
from script_agent.ports.health import ComponentHealth, FailMode
from script_agent.ports.stores import Lease
from script_agent.stores.redis.connection import RedisConnection, ScriptArg
from script_agent.stores.redis.prefetch import Entry
from script_agent.stores.renewal import stop_renewal

COMPONENT = "lock"
BACKEND = "redis"
log = logging.getLogger(__name__)

# KEYS: lock, fence, checkpoint records, checkpoint index, session (one hash tag: one slot).
# ARGV: token, lease ms, fence ttl ms, read latest checkpoint (1/0), read session (1/0).
# Returns {0} when held by another, else {fence, has_ckpt, version, body, has_session, data}.
ACQUIRE = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
local fence = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
local out = {fence, 0, 0, '', 0, ''}
if ARGV[4] == '1' then
  out[2] = 1
  local v = redis.call('ZREVRANGE', KEYS[4], 0, 0)[1]
  if v then out[3] = tonumber(v); out[4] = redis.call('HGET', KEYS[3], v) or '' end
end
if ARGV[5] == '1' then
  out[5] = 1
  out[6] = redis.call('HGET', KEYS[5], 'd') or ''
end
return out
"""
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""


class RedisSessionLock:
    def __init__(
        self,
        conn: RedisConnection,
        settings: LockSettings | None = None,
        *,
        prefetch_checkpoint: bool = False,
        prefetch_session: bool = False,
    ) -> None:
        """prefetch_*: the acquire also reads what the run reads next (see prefetch.py); only when
        that store is the Redis one on this connection."""
        self._conn = conn
        self._settings = settings or LockSettings()
        self._acquire = conn.script(ACQUIRE)
        self._release = conn.script(RELEASE)
        self._renew_script = conn.script(RENEW)
        self._reads = ["1" if prefetch_checkpoint else "0", "1" if prefetch_session else "0"]
        self._renewers: dict[str, asyncio.Task[None]] = {}
        self._lost: set[str] = set()

    async def _try(self, keys: list[str], token: str) -> int:
        lease, fence_ttl = self._settings.lease_ms, self._settings.fence_ttl_s * 1000
        args: list[ScriptArg] = [token, lease, fence_ttl, *self._reads]
        reply = await self._conn.call(COMPONENT, lambda: self._acquire(keys=keys, args=args))
        fence = int(reply[0])
        if fence:
            has_ckpt, version, body, has_session, data = reply[1:]
            latest = (int(version), body) if int(version) else None
            entry = Entry(latest, bool(int(has_ckpt)), data or None, bool(int(has_session)))
            self._conn.prefetched.put(keys[0], entry)
        return fence

    async def acquire(self, tenant: str, session_id: str, *, wait_s: float | None = None) -> Lease:
        keys = self._conn.keys.lock_keys(tenant, session_id)
        key = keys[0]
        token = secrets.token_hex(16)
        wait = self._settings.wait_timeout_s if wait_s is None else wait_s
        interval = self._settings.retry_interval_ms / 1000
        started = time.monotonic()
        while not (fence := await self._try(keys, token)):
            remaining = started + wait - time.monotonic()
            if remaining <= 0:
                LOCK_TIMEOUTS.labels(backend=BACKEND).inc()
                raise LockTimeout("session is locked by another run", tenant=tenant, session_id=session_id)
            # jitter spreads competing waiters so they do not retry in lockstep
            await asyncio.sleep(min(interval * random.uniform(0.5, 1.5), remaining))
        LOCK_WAIT_SECONDS.labels(backend=BACKEND).observe(time.monotonic() - started)
        lease = Lease(key=key, token=token, fence=fence, lease_ms=self._settings.lease_ms)
        self._renewers[token] = asyncio.create_task(self._renew(lease), name="lock-renew")
        return lease

    async def _renew(self, lease: Lease) -> None:
        """Renew every lease/3; give up (lost) when the key is gone or a whole lease passed unrenewed."""
        last_ok = time.monotonic()
        while lease.token in self._renewers:
            await asyncio.sleep(lease.lease_ms / 3000)
            if lease.token not in self._renewers:
                return  # released while asleep
            try:
                renewed = await self._conn.call(
                    COMPONENT,
                    lambda: self._renew_script(keys=[lease.key], args=[lease.token, lease.lease_ms]),
                )
            except StoreUnavailable:
                if time.monotonic() - last_ok < lease.lease_ms / 1000:
                    continue
                renewed = 0
            if lease.token not in self._renewers:
                return
            if not renewed:
                self._lost.add(lease.token)
                LOCK_LOST.labels(backend=BACKEND).inc()
                log.warning("session lock lease lost", extra={"lock_key": lease.key})
                return
            last_ok = time.monotonic()

    async def release(self, lease: Lease) -> bool:
        self._conn.prefetched.drop(lease.key)
        await stop_renewal(self._renewers, lease.token, self._conn.deadline_s)
        self._lost.discard(lease.token)
        try:
            deleted = await self._conn.call(
                COMPONENT, lambda: self._release(keys=[lease.key], args=[lease.token])
            )
        except StoreUnavailable:
            log.warning("lock release failed: redis unavailable; the lease will expire", exc_info=True)
            return False
        return bool(deleted)

    def is_lost(self, lease: Lease) -> bool:
        """True once renewal found the lease gone; the holder should stop writing (LockLost)."""
        return lease.token in self._lost

    async def fence(self, tenant: str, session_id: str) -> int:
        key = self._conn.keys.fence(tenant, session_id)
        value = await self._conn.call(COMPONENT, lambda: self._conn.client.get(key))
        return int(value or 0)

    async def aclose(self) -> None:
        """Stop renewal tasks (their leases then expire on their own)."""
        for token in list(self._renewers):
            await stop_renewal(self._renewers, token, self._conn.deadline_s)

    async def health(self) -> ComponentHealth:
        return await self._conn.health(COMPONENT, FailMode.CLOSED, held=len(self._renewers))
