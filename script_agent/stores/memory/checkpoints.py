"""In-memory checkpoint store: versioned per session, keep-last-N, TTL, fence-checked, verified on read."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field

from script_agent.config.state import CheckpointSettings
from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.observability.metrics import CHECKPOINT_WRITES, EMBEDDED_EVICTIONS
from script_agent.ports.health import ComponentHealth
from script_agent.stores.checkpoints_common import load_record, record_body, seal, stale_fence, to_record
from script_agent.stores.memory.bounded import BoundedLRU, Caps
from script_agent.stores.memory.expiry import Sweeper
from script_agent.stores.memory.fences import FenceRegistry
from script_agent.stores.memory.health import memory_health


@dataclass
class _History:
    counter: int = 0
    records: dict[int, str] = field(default_factory=dict)  # version -> stored body, ascending
    expires_at: float = 0.0
    body_bytes: int = 0  # kept up to date on add/trim: summing 50 bodies on every write showed up

    def add(self, version: int, body: str, keep: int) -> None:
        self.records[version] = body
        self.body_bytes += sys.getsizeof(body)
        while len(self.records) > keep:
            self.body_bytes -= sys.getsizeof(self.records.pop(next(iter(self.records))))

    def nbytes(self) -> int:
        """Resident size of the stored bodies (what the byte cap counts), plus the entry itself."""
        return self.body_bytes + _ENTRY_OVERHEAD


_ENTRY_OVERHEAD = 400  # the _History object, its dict and the LRU slot, roughly


class MemoryCheckpointStore:
    """Same semantics as the Redis store. Pass the lock's FenceRegistry so stale holders are rejected."""

    def __init__(
        self, settings: CheckpointSettings | None = None, *, fences: FenceRegistry | None = None
    ) -> None:
        settings = settings or CheckpointSettings()
        self._keep = settings.history_limit
        self._ttl_s = settings.ttl_s
        self._fences = fences if fences is not None else FenceRegistry()
        caps = Caps("checkpoints", settings.memory_max_sessions, settings.memory_max_bytes)
        self._histories: BoundedLRU[tuple[str, str], _History] = BoundedLRU(
            caps, busy=self._fences.in_flight.__contains__
        )
        self._mutex = threading.Lock()
        self._sweeper = Sweeper()
        self._written = CHECKPOINT_WRITES.labels(store="memory", outcome="ok")  # looked up once

    def _live(self, key: tuple[str, str], now: float) -> _History | None:
        return self._histories.get(key, now)

    async def append(self, draft: CheckpointDraft) -> CheckpointRecord:
        draft = seal(draft)
        key = (draft.tenant, draft.session_id)
        body = record_body(draft)  # outside the mutex: it is the costly part
        with self._mutex:
            if draft.fence is not None:
                newest = self._fences.current(*key)
                if draft.fence < newest:
                    CHECKPOINT_WRITES.labels(store="memory", outcome="stale_fence").inc()
                    raise stale_fence(draft, newest)
                self._fences.observe(*key, draft.fence)
            now = time.monotonic()
            history, evicted = self._live(key, now), []
            if history is None:
                history = _History()
                evicted = self._histories.put(key, history, 0)
            history.counter += 1
            version = history.counter
            history.add(version, body, self._keep)
            history.expires_at = now + self._ttl_s
            evicted += self._histories.resize(key, history.nbytes())
            self._sweeper.maybe_sweep(self._histories, now)
        for tenant, session_id in (k for k, _ in evicted):
            self._fences.forget(tenant, session_id)
        self._written.inc()
        return to_record(draft, version)

    def _bodies(self, tenant: str, session_id: str) -> dict[int, str]:
        with self._mutex:
            history = self._live((tenant, session_id), time.monotonic())
            return dict(history.records) if history else {}

    async def latest(self, tenant: str, session_id: str) -> CheckpointRecord | None:
        bodies = self._bodies(tenant, session_id)
        if not bodies:
            return None
        version = max(bodies)
        return load_record(bodies[version], version, tenant=tenant, session_id=session_id)

    async def get(self, tenant: str, session_id: str, version: int) -> CheckpointRecord | None:
        body = self._bodies(tenant, session_id).get(version)
        if body is None:
            return None
        return load_record(body, version, tenant=tenant, session_id=session_id)

    async def list(
        self, tenant: str, session_id: str, *, limit: int = 20, before: int | None = None
    ) -> list[CheckpointRecord]:
        bodies = self._bodies(tenant, session_id)
        versions = sorted((v for v in bodies if before is None or v < before), reverse=True)
        return [
            load_record(bodies[v], v, tenant=tenant, session_id=session_id) for v in versions[: max(limit, 0)]
        ]

    async def delete(self, tenant: str, session_id: str) -> int:
        with self._mutex:
            history = self._histories.pop((tenant, session_id))
            return len(history.records) if history and history.expires_at > time.monotonic() else 0

    def forget(self, tenant: str, session_id: str) -> None:
        """Drop an idle session's history because its session was evicted (LRU), not deleted."""
        if (tenant, session_id) in self._fences.in_flight:
            return
        with self._mutex:
            gone = self._histories.pop((tenant, session_id))
        if gone is not None:
            EMBEDDED_EVICTIONS.labels("checkpoints", "session").inc()

    async def health(self) -> ComponentHealth:
        return memory_health("checkpoints", sessions=len(self._histories), bytes=self._histories.nbytes)
