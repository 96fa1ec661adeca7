"""A size- and count-capped LRU map: what keeps the embedded stores' memory flat under load.

TTL sweeping alone bounds nothing when every request opens a new session within the TTL (the 7-day
default outlives any soak), so each in-memory store keeps its entries here instead of a plain dict.
Entries a caller marks busy (a session whose lock is held, an idempotency key still in flight) are
never evicted; the map may then run over its caps until they settle, which is bounded by how much
work is in flight at once. Not thread-safe on its own: the owning store's mutex guards it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from script_agent.observability.metrics import EMBEDDED_EVICTIONS


class Expiring(Protocol):
    expires_at: float


K = TypeVar("K", bound=Hashable)
V = TypeVar("V", bound=Expiring)


@dataclass(frozen=True)
class Caps:
    """Limits of one map; `store` names it in script_agent_embedded_evictions_total."""

    store: str
    max_entries: int
    max_bytes: int


class BoundedLRU(Generic[K, V]):
    """Least recently used first out; `busy(key)` vetoes an eviction (in-flight work)."""

    def __init__(self, caps: Caps, *, busy: Callable[[K], bool] | None = None) -> None:
        self.caps = caps
        self._busy = busy or (lambda _key: False)
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.nbytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __getitem__(self, key: K) -> V:
        return self._items[key][0]

    def snapshot(self) -> list[K]:
        return list(self._items)

    def get(self, key: K, now: float) -> V | None:
        """The live value, marked most recently used; an expired one is dropped on the way."""
        found = self._items.get(key)
        if found is None:
            return None
        if found[0].expires_at <= now:
            self.pop(key)
            return None
        self._items.move_to_end(key)
        return found[0]

    def put(self, key: K, value: V, size: int) -> list[tuple[K, V]]:
        """Store as most recently used; returns what was evicted to make room (callers cascade)."""
        self.pop(key)
        self._items[key] = (value, size)
        self.nbytes += size
        return self._shrink(keep=key)

    def resize(self, key: K, size: int) -> list[tuple[K, V]]:
        """Re-account an entry whose value grew or shrank in place (a checkpoint history)."""
        value, old = self._items[key]
        self._items[key] = (value, size)
        self._items.move_to_end(key)
        self.nbytes += size - old
        return self._shrink(keep=key)

    def pop(self, key: K) -> V | None:
        found = self._items.pop(key, None)
        if found is None:
            return None
        self.nbytes -= found[1]
        return found[0]

    def sweep(self, now: float) -> None:
        for key in [k for k, (v, _) in self._items.items() if v.expires_at <= now]:
            self.pop(key)

    def _reason(self, count: int, nbytes: int) -> str | None:
        if count > self.caps.max_entries:
            return "count"
        if nbytes > self.caps.max_bytes:
            return "bytes"
        return None

    def _shrink(self, keep: K) -> list[tuple[K, V]]:
        """Evict from the cold end; the entry just written and busy ones stay."""
        victims: list[tuple[K, str]] = []
        count, nbytes = len(self._items), self.nbytes
        for key, (_, size) in self._items.items():  # coldest first; stops at the first fit
            reason = self._reason(count, nbytes)
            if reason is None:
                break
            if key == keep or self._busy(key):
                continue
            victims.append((key, reason))
            count, nbytes = count - 1, nbytes - size
        evicted: list[tuple[K, V]] = []
        for key, reason in victims:
            evicted.append((key, self._items[key][0]))
            self.pop(key)
            EMBEDDED_EVICTIONS.labels(self.caps.store, reason).inc()
        return evicted
