"""Sessions with work in flight, which the embedded stores' LRU caps must never evict.

The in-memory lock pins a session for as long as a lease on it is held; sessions, checkpoints and
fencing counters consult the same object before evicting. Evicting a running session's state would
turn the next checkpoint write into version 1 of a new history, or re-issue fencing tokens.
"""

from __future__ import annotations

import threading
from collections import Counter

SessionKey = tuple[str, str]  # (tenant, session_id)


class InFlight:
    """Reference-counted pins; thread-safe, and cheap to ask (one dict lookup)."""

    def __init__(self) -> None:
        self._pins: Counter[SessionKey] = Counter()
        self._mutex = threading.Lock()

    def pin(self, key: SessionKey) -> None:
        with self._mutex:
            self._pins[key] += 1

    def unpin(self, key: SessionKey) -> None:
        with self._mutex:
            self._pins[key] -= 1
            if self._pins[key] <= 0:
                del self._pins[key]

    def __contains__(self, key: object) -> bool:
        return key in self._pins

    def __len__(self) -> int:
        return len(self._pins)
