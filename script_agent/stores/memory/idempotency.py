"""In-memory idempotency records: in-flight markers and completed results, both with TTLs.

Capped by count and bytes (IDEMPOTENCY_MEMORY_MAX_*): completed results go least recently used
first; an in-flight marker is never evicted (that would let a duplicate run start beside it).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from script_agent.config.state import IdempotencySettings
from script_agent.domain.errors import IdempotencyMismatch
from script_agent.ports.health import ComponentHealth
from script_agent.ports.stores import IdempotencyBegin, IdempotencyOutcome
from script_agent.stores.memory.bounded import BoundedLRU, Caps
from script_agent.stores.memory.expiry import Sweeper
from script_agent.stores.memory.health import memory_health

IN_FLIGHT, DONE = "in_flight", "done"
_ENTRY_OVERHEAD = 300  # the _Record, its key tuple and the LRU slot, roughly


@dataclass
class _Record:
    state: str
    fingerprint: str
    result: str | None
    expires_at: float

    def nbytes(self, key: tuple[str, str]) -> int:
        body = sys.getsizeof(self.result) if self.result is not None else 0
        return body + sys.getsizeof(key[1]) + sys.getsizeof(self.fingerprint) + _ENTRY_OVERHEAD


class MemoryIdempotencyStore:
    """Scoped by tenant. A crashed owner's in-flight marker expires after IDEMPOTENCY_IN_FLIGHT_TTL_S."""

    def __init__(self, settings: IdempotencySettings | None = None) -> None:
        settings = settings or IdempotencySettings()
        self._ttl_s = settings.ttl_s
        self._in_flight_ttl_s = settings.in_flight_ttl_s
        caps = Caps("idempotency", settings.memory_max_records, settings.memory_max_bytes)
        self._records: BoundedLRU[tuple[str, str], _Record] = BoundedLRU(caps, busy=self._in_flight)
        self._mutex = threading.Lock()
        self._sweeper = Sweeper()

    def _in_flight(self, key: tuple[str, str]) -> bool:
        return self._records[key].state == IN_FLIGHT

    def _live(self, key: tuple[str, str], now: float) -> _Record | None:
        return self._records.get(key, now)

    def _put(self, key: tuple[str, str], rec: _Record) -> None:
        self._records.put(key, rec, rec.nbytes(key))

    async def begin(self, tenant: str, key: str, fingerprint: str) -> IdempotencyBegin:
        with self._mutex:
            now = time.monotonic()
            rec = self._live((tenant, key), now)
            if rec is None:
                self._put((tenant, key), _Record(IN_FLIGHT, fingerprint, None, now + self._in_flight_ttl_s))
                self._sweeper.maybe_sweep(self._records, now)
                return IdempotencyBegin(IdempotencyOutcome.STARTED)
        if rec.fingerprint != fingerprint:
            return IdempotencyBegin(IdempotencyOutcome.MISMATCH)
        if rec.state == IN_FLIGHT:
            return IdempotencyBegin(IdempotencyOutcome.IN_FLIGHT)
        return IdempotencyBegin(IdempotencyOutcome.REPLAY, json.loads(rec.result or "null"))

    async def complete(self, tenant: str, key: str, fingerprint: str, result: dict[str, Any]) -> None:
        body = json.dumps(result, ensure_ascii=False, default=str)
        with self._mutex:
            now = time.monotonic()
            rec = self._live((tenant, key), now)
            if rec is not None and rec.fingerprint != fingerprint:
                raise IdempotencyMismatch("key was begun with another payload", tenant=tenant)
            self._put((tenant, key), _Record(DONE, fingerprint, body, now + self._ttl_s))

    async def abandon(self, tenant: str, key: str) -> None:
        """Drop an in-flight marker (the run failed) so a retry can start; completed results stay."""
        with self._mutex:
            if (tenant, key) in self._records and self._in_flight((tenant, key)):
                self._records.pop((tenant, key))

    async def health(self) -> ComponentHealth:
        return memory_health("idempotency", records=len(self._records), bytes=self._records.nbytes)
