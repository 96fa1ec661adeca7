"""In-memory session store: the embedded default, with the Redis twin's exact semantics.

Sessions are kept serialized so callers never share mutable objects with the store (a caller
editing a returned Session must not change what is stored, just as with Redis).

Capped by count and bytes (SESSION_MEMORY_MAX_*): beyond them the least recently used session whose
lock is not held is evicted, and `on_evict` hooks (the factory wires the checkpoint store and the
fence registry) drop what belonged to it, so nothing orphaned stays behind.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from script_agent.config.state import SessionSettings
from script_agent.domain.errors import SessionConflict
from script_agent.domain.retention import RetentionPolicy, apply_retention
from script_agent.domain.session import Session, SessionSummary, summarize, utcnow
from script_agent.ports.health import ComponentHealth
from script_agent.stores.memory.bounded import BoundedLRU, Caps
from script_agent.stores.memory.expiry import Sweeper
from script_agent.stores.memory.health import memory_health
from script_agent.stores.memory.pins import InFlight, SessionKey
from script_agent.stores.policy import retention_policy


@dataclass
class _Entry:
    version: int
    data: str
    summary: SessionSummary
    expires_at: float


_ENTRY_OVERHEAD = 700  # the _Entry, its SessionSummary and the LRU slot, roughly
EvictHook = Callable[[str, str], None]


class MemorySessionStore:
    """Optimistic versioning: save() succeeds only when `session.version` is the stored version."""

    def __init__(
        self,
        settings: SessionSettings | None = None,
        *,
        policy: RetentionPolicy | None = None,
        in_flight: InFlight | None = None,
        on_evict: Sequence[EvictHook] = (),
    ) -> None:
        settings = settings or SessionSettings()
        self._policy = policy or retention_policy(settings)
        self._ttl_s = settings.ttl_s
        self._on_evict = tuple(on_evict)
        caps = Caps("sessions", settings.memory_max_sessions, settings.memory_max_bytes)
        busy = (in_flight if in_flight is not None else InFlight()).__contains__
        self._entries: BoundedLRU[SessionKey, _Entry] = BoundedLRU(caps, busy=busy)
        self._mutex = threading.Lock()
        self._sweeper = Sweeper()

    def _live(self, key: tuple[str, str], now: float) -> _Entry | None:
        return self._entries.get(key, now)

    async def get(self, tenant: str, session_id: str) -> Session | None:
        with self._mutex:
            entry = self._live((tenant, session_id), time.monotonic())
        return Session.model_validate_json(entry.data) if entry else None

    async def save(self, session: Session) -> Session:
        key = (session.tenant, session.id)
        kept = apply_retention(session, self._policy)
        with self._mutex:
            now = time.monotonic()
            entry = self._live(key, now)
            stored_version = entry.version if entry else 0
            if session.version != stored_version:
                raise SessionConflict(
                    "session was saved by someone else",
                    tenant=session.tenant,
                    session_id=session.id,
                    expected=session.version,
                    actual=stored_version,
                )
            saved = kept.model_copy(update={"version": stored_version + 1, "updated_at": utcnow()})
            data = saved.model_dump_json()
            entry = _Entry(saved.version, data, summarize(saved), now + self._ttl_s)
            evicted = self._entries.put(key, entry, sys.getsizeof(data) + _ENTRY_OVERHEAD)
            self._sweeper.maybe_sweep(self._entries, now)
        self._cascade([k for k, _ in evicted])
        # The store keeps only the JSON above, so the caller's copy cannot alias stored state; a deep
        # copy here cost ~1 ms per save (about a seventh of a whole generate's CPU).
        return saved

    def _cascade(self, evicted: list[SessionKey]) -> None:
        """Outside the mutex: the hooks take their own stores' locks."""
        for tenant, session_id in evicted:
            for hook in self._on_evict:
                hook(tenant, session_id)

    async def list(self, tenant: str, *, limit: int = 50, offset: int = 0) -> list[SessionSummary]:
        """Newest first by last update, like the Redis index."""
        with self._mutex:
            now = time.monotonic()
            keys = [k for k in self._entries.snapshot() if k[0] == tenant]
            live = [e for k in keys if (e := self._peek(k, now)) is not None]
        live.sort(key=lambda e: e.summary.updated_at, reverse=True)
        return [e.summary.model_copy() for e in live[offset : offset + max(limit, 0)]]

    def _peek(self, key: SessionKey, now: float) -> _Entry | None:
        """Read without refreshing recency: listing a tenant is not using each of its sessions."""
        entry = self._entries[key]
        return entry if entry.expires_at > now else None

    async def delete(self, tenant: str, session_id: str) -> bool:
        with self._mutex:
            return self._entries.pop((tenant, session_id)) is not None

    async def health(self) -> ComponentHealth:
        return memory_health("sessions", sessions=len(self._entries), bytes=self._entries.nbytes)
