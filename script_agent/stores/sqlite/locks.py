"""SQLite session lock: leases with background renewal and fencing tokens, across processes.

Two CLI runs on the same session (two terminals) exclude each other through the lock row, taken in
an IMMEDIATE transaction together with the next fencing token. Leases expire on wall-clock time
unless renewed, so a crashed run never holds a session forever.
"""

from __future__ import annotations

import asyncio
import secrets
import sqlite3
import time

from script_agent.config.state import LockSettings
from script_agent.domain.errors import LockTimeout
from script_agent.observability.metrics import LOCK_LOST, LOCK_TIMEOUTS, LOCK_WAIT_SECONDS
from script_agent.ports.health import ComponentHealth
from script_agent.ports.stores import Lease
from script_agent.stores.keys import tag
from script_agent.stores.renewal import stop_renewal
from script_agent.stores.sqlite.db import SqliteDatabase
from script_agent.stores.sqlite.fences import current_fence, issue_fence

BACKEND = "sqlite"


class SqliteSessionLock:
    def __init__(self, db: SqliteDatabase, settings: LockSettings | None = None) -> None:
        self._db = db
        self._settings = settings or LockSettings()
        self._renewers: dict[str, asyncio.Task[None]] = {}
        self._lost: set[str] = set()

    @staticmethod
    def _take(
        c: sqlite3.Connection, key: str, token: str, lease_s: float, tenant: str, sid: str
    ) -> int | None:
        now = time.time()
        row = c.execute("SELECT expires_at FROM locks WHERE key = ?", (key,)).fetchone()
        if row is not None and row[0] > now:
            return None
        c.execute("INSERT OR REPLACE INTO locks VALUES (?, ?, ?)", (key, token, now + lease_s))
        return issue_fence(c, tenant, sid)

    async def acquire(self, tenant: str, session_id: str, *, wait_s: float | None = None) -> Lease:
        key = f"lock:{tag(tenant, session_id)}"
        token = secrets.token_hex(16)
        lease_ms = self._settings.lease_ms
        wait = self._settings.wait_timeout_s if wait_s is None else wait_s
        started = time.monotonic()
        while True:
            fence = await self._db.write(
                lambda c: self._take(c, key, token, lease_ms / 1000, tenant, session_id)
            )
            if fence is not None:
                break
            remaining = started + wait - time.monotonic()
            if remaining <= 0:
                LOCK_TIMEOUTS.labels(backend=BACKEND).inc()
                raise LockTimeout("session is locked by another run", tenant=tenant, session_id=session_id)
            await asyncio.sleep(min(self._settings.retry_interval_ms / 1000, remaining))
        LOCK_WAIT_SECONDS.labels(backend=BACKEND).observe(time.monotonic() - started)
        lease = Lease(key=key, token=token, fence=fence, lease_ms=lease_ms)
        self._renewers[token] = asyncio.create_task(self._renew(lease), name=f"lock-renew-{key}")
        return lease

    def _extend(self, c: sqlite3.Connection, lease: Lease) -> bool:
        now = time.time()
        cur = c.execute(
            "UPDATE locks SET expires_at = ? WHERE key = ? AND token = ? AND expires_at > ?",
            (now + lease.lease_ms / 1000, lease.key, lease.token, now),
        )
        return cur.rowcount > 0

    async def _renew(self, lease: Lease) -> None:
        """Extend the lease every third of its length until released or taken over."""
        while lease.token in self._renewers:
            await asyncio.sleep(lease.lease_ms / 3000)
            if lease.token not in self._renewers:
                return
            if not await self._db.write(lambda c: self._extend(c, lease)):
                self._lost.add(lease.token)
                LOCK_LOST.labels(backend=BACKEND).inc()
                return

    async def release(self, lease: Lease) -> bool:
        await stop_renewal(self._renewers, lease.token, 1.0)
        self._lost.discard(lease.token)

        def delete(c: sqlite3.Connection) -> bool:
            cur = c.execute(
                "DELETE FROM locks WHERE key = ? AND token = ? AND expires_at > ?",
                (lease.key, lease.token, time.time()),
            )
            return cur.rowcount > 0

        return await self._db.write(delete)

    def is_lost(self, lease: Lease) -> bool:
        """True once renewal found the lease gone; the holder should stop writing (LockLost)."""
        return lease.token in self._lost

    async def fence(self, tenant: str, session_id: str) -> int:
        return await self._db.read(lambda c: current_fence(c, tenant, session_id))

    async def health(self) -> ComponentHealth:
        return await self._db.health("lock", held=len(self._renewers))
