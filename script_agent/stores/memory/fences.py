"""Fencing tokens shared by the in-memory lock and checkpoint store.

The lock hands out a token per acquisition; the checkpoint store rejects drafts carrying a token
lower than the newest one handed out. Both must see the same counter, so they share this object
(the Redis twins share a counter key for the same reason).

The registry is capped (LRU over sessions whose lock is not held). Forgetting a counter must not
let a stale token back in, so forgetting a counter this registry issued raises a registry-wide
floor: a forgotten session reads as `floor` and its next token is above every token handed out for
it. Counters only observed (the lock lives elsewhere, e.g. Redis, and issues its own tokens) never
raise the floor: that floor would reject another session's legitimately lower tokens.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass

from script_agent.observability.metrics import EMBEDDED_EVICTIONS
from script_agent.stores.memory.bounded import BoundedLRU, Caps
from script_agent.stores.memory.pins import InFlight, SessionKey

UNCAPPED = Caps("fences", max_entries=sys.maxsize, max_bytes=sys.maxsize)
_ENTRY_OVERHEAD = 160  # dict slot, tuple key, the _Fence object and its int, roughly


@dataclass
class _Fence:
    value: int
    issued: bool  # handed out by this registry (not only observed on a checkpoint draft)
    expires_at: float = float("inf")  # fences do not expire in memory; the LRU cap bounds them


def _size(key: SessionKey) -> int:
    return sys.getsizeof(key[0]) + sys.getsizeof(key[1]) + _ENTRY_OVERHEAD


class FenceRegistry:
    """Monotonic per-(tenant, session) counter; thread-safe and never decreasing."""

    def __init__(self, caps: Caps = UNCAPPED, *, in_flight: InFlight | None = None) -> None:
        self.in_flight = in_flight if in_flight is not None else InFlight()
        self._fences: BoundedLRU[SessionKey, _Fence] = BoundedLRU(caps, busy=self.in_flight.__contains__)
        self._floor = 0
        self._mutex = threading.Lock()

    def _read(self, key: SessionKey) -> int:
        found = self._fences.get(key, 0.0)
        return found.value if found is not None else self._floor

    def _write(self, key: SessionKey, value: int, *, issued: bool) -> None:
        for _, gone in self._fences.put(key, _Fence(value, issued), _size(key)):
            self._raise_floor_past(gone)

    def _raise_floor_past(self, gone: _Fence) -> None:
        if gone.issued:
            self._floor = max(self._floor, gone.value)

    def issue(self, tenant: str, session_id: str) -> int:
        """Hand out the next token (used by the lock on every acquisition)."""
        with self._mutex:
            fence = self._read((tenant, session_id)) + 1
            self._write((tenant, session_id), fence, issued=True)
            return fence

    def observe(self, tenant: str, session_id: str, fence: int) -> int:
        """Raise the floor to `fence` if higher; returns the newest token known."""
        with self._mutex:
            known = self._fences.get((tenant, session_id), 0.0)
            if known is not None and fence <= known.value:  # every write but a lease's first
                return known.value  # nothing to change: `get` already marked it recently used
            current = max(self._read((tenant, session_id)), fence)
            self._write((tenant, session_id), current, issued=known is not None and known.issued)
            return current

    def current(self, tenant: str, session_id: str) -> int:
        with self._mutex:
            return self._read((tenant, session_id))

    def forget(self, tenant: str, session_id: str) -> None:
        """Drop an idle session's counter (its session was evicted); a held one is kept."""
        key = (tenant, session_id)
        if key in self.in_flight:
            return
        with self._mutex:
            gone = self._fences.pop(key)
            if gone is not None:
                self._raise_floor_past(gone)
                EMBEDDED_EVICTIONS.labels("fences", "session").inc()

    def __len__(self) -> int:
        return len(self._fences)
