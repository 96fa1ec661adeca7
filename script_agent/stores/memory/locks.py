"""In-memory session lock: leases, background renewal and fencing tokens, like the Redis lock.

Process-local by nature, so it only protects work inside one process (the embedded mode). Leases
still expire unless renewed, so code written against it behaves the same when moved to Redis.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from dataclasses import dataclass

from script_agent.config.state import LockSettings
from script_agent.domain.errors import LockTimeout
from script_agent.observability.metrics import LOCK_LOST, LOCK_TIMEOUTS, LOCK_WAIT_SECONDS
from script_agent.ports.health import ComponentHealth
from script_agent.ports.stores import Lease
from script_agent.stores.keys import tag
from script_agent.stores.memory.fences import FenceRegistry
from script_agent.stores.memory.health import memory_health

BACKEND = "memory"


@dataclass
class _Hold:
    token: str
    expires_at: float


class MemorySessionLock:
    def __init__(self, settings: LockSettings | None = None, *, fences: FenceRegistry | None = None) -> None:
        self._settings = settings or LockSettings()
        self.fences = fences if fences is not None else FenceRegistry()
        self._holds: dict[str, _Hold] = {}
        # token -> the timer of its next renewal. A timer, not a task per lease: renewing here is a
        # few dict operations, and creating, cancelling and awaiting a task cost more than the rest
        # of acquire and release together.
        self._renewers: dict[str, asyncio.TimerHandle] = {}
        self._waited = LOCK_WAIT_SECONDS.labels(backend=BACKEND)  # looked up once
        self._lost: set[str] = set()
        self._pinned: dict[str, tuple[str, str]] = {}  # token -> session kept off the LRU caps
        self._mutex = threading.Lock()

    def _try_take(self, key: str, token: str, lease_s: float) -> bool:
        with self._mutex:
            now = time.monotonic()
            hold = self._holds.get(key)
            if hold is not None and hold.expires_at > now:
                return False
            self._holds[key] = _Hold(token, now + lease_s)
            return True

    async def acquire(self, tenant: str, session_id: str, *, wait_s: float | None = None) -> Lease:
        key = f"lock:{tag(tenant, session_id)}"
        token = secrets.token_hex(16)
        lease_ms = self._settings.lease_ms
        wait = self._settings.wait_timeout_s if wait_s is None else wait_s
        started = time.monotonic()
        while not self._try_take(key, token, lease_ms / 1000):
            remaining = started + wait - time.monotonic()
            if remaining <= 0:
                LOCK_TIMEOUTS.labels(backend=BACKEND).inc()
                raise LockTimeout("session is locked by another run", tenant=tenant, session_id=session_id)
            await asyncio.sleep(min(self._settings.retry_interval_ms / 1000, remaining))
        self._waited.observe(time.monotonic() - started)
        self.fences.in_flight.pin((tenant, session_id))
        self._pinned[token] = (tenant, session_id)
        lease = Lease(key=key, token=token, fence=self.fences.issue(tenant, session_id), lease_ms=lease_ms)
        self._schedule_renewal(lease)
        return lease

    def _schedule_renewal(self, lease: Lease) -> None:
        loop = asyncio.get_running_loop()
        self._renewers[lease.token] = loop.call_later(lease.lease_ms / 3000, self._renew, lease)

    def _renew(self, lease: Lease) -> None:
        """Extend the lease every third of its length until released or taken over."""
        if lease.token not in self._renewers:  # released meanwhile
            return
        with self._mutex:
            hold = self._holds.get(lease.key)
            held = hold is not None and hold.token == lease.token and hold.expires_at > time.monotonic()
            if held and hold is not None:
                hold.expires_at = time.monotonic() + lease.lease_ms / 1000
        if not held:
            del self._renewers[lease.token]
            self._lost.add(lease.token)
            LOCK_LOST.labels(backend=BACKEND).inc()
            return
        self._schedule_renewal(lease)

    async def release(self, lease: Lease) -> bool:
        timer = self._renewers.pop(lease.token, None)
        if timer is not None:
            timer.cancel()
        self._lost.discard(lease.token)
        pinned = self._pinned.pop(lease.token, None)
        if pinned is not None:
            self.fences.in_flight.unpin(pinned)
        with self._mutex:
            hold = self._holds.get(lease.key)
            if hold is None or hold.token != lease.token or hold.expires_at <= time.monotonic():
                return False
            del self._holds[lease.key]
            return True

    def is_lost(self, lease: Lease) -> bool:
        """True once renewal found the lease gone; the holder should stop writing (LockLost)."""
        return lease.token in self._lost

    async def fence(self, tenant: str, session_id: str) -> int:
        return self.fences.current(tenant, session_id)

    async def health(self) -> ComponentHealth:
        return memory_health("lock", held=len(self._holds))
