"""Bounded memory for the in-memory stores: expired entries are swept every so many writes.

Lazy expiry on read alone would keep every never-read-again entry forever; a full sweep on every
write would make writes O(n). Sweeping every SWEEP_EVERY writes keeps both bounded.
"""

from __future__ import annotations

from typing import Protocol

SWEEP_EVERY = 1024


class Sweepable(Protocol):
    def sweep(self, now: float) -> None: ...


class Sweeper:
    def __init__(self, every: int = SWEEP_EVERY) -> None:
        self._every = every
        self._writes = 0

    def maybe_sweep(self, entries: Sweepable, now: float) -> None:
        """Call with the store's mutex held, after a write."""
        self._writes += 1
        if self._writes % self._every:
            return
        entries.sweep(now)
