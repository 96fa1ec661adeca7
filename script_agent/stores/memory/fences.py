"""Fencing tokens shared by the in-memory lock and checkpoint store.

The lock hands out a token per acquisition; the checkpoint store rejects drafts carrying a token
lower than the newest one handed out. Both must see the same counter, so they share this object
(the Redis twins share a counter key for the same reason).
"""

from __future__ import annotations

import threading


class FenceRegistry:
    """Monotonic per-(tenant, session) counter; thread-safe and never decreasing."""

    def __init__(self) -> None:
        self._fences: dict[tuple[str, str], int] = {}
        self._mutex = threading.Lock()

    def issue(self, tenant: str, session_id: str) -> int:
        """Hand out the next token (used by the lock on every acquisition)."""
        with self._mutex:
            fence = self._fences.get((tenant, session_id), 0) + 1
            self._fences[(tenant, session_id)] = fence
            return fence

    def observe(self, tenant: str, session_id: str, fence: int) -> int:
        """Raise the floor to `fence` if higher; returns the newest token known."""
        with self._mutex:
            current = max(self._fences.get((tenant, session_id), 0), fence)
            self._fences[(tenant, session_id)] = current
            return current

    def current(self, tenant: str, session_id: str) -> int:
        with self._mutex:
            return self._fences.get((tenant, session_id), 0)
