"""A small circuit breaker around Redis, so a dead Redis costs one timeout, not one per request.

Without it every call would wait its full socket timeout while Redis is down (the classic gateway
failure: an unreachable Redis slowing every request). After `failures` consecutive failures calls
fail fast for `cooldown_s`; then one probe is let through and its result closes or re-opens it.
"""

from __future__ import annotations

import threading
import time

from script_agent.domain.errors import StoreUnavailable


class RedisGuard:
    def __init__(self, failures: int = 3, cooldown_s: float = 1.0) -> None:
        self._threshold = failures
        self._cooldown_s = cooldown_s
        self._failures = 0
        self._open_until = 0.0
        self._probing = False
        self._mutex = threading.Lock()

    @property
    def state(self) -> str:
        with self._mutex:
            if self._open_until == 0.0:
                return "closed"
            return "half_open" if time.monotonic() >= self._open_until else "open"

    def before(self) -> None:
        """Raise StoreUnavailable without touching the network while the breaker is open."""
        with self._mutex:
            if self._open_until == 0.0:
                return
            if time.monotonic() < self._open_until or self._probing:
                raise StoreUnavailable("redis is unavailable (failing fast)", breaker="open")
            self._probing = True

    def success(self) -> None:
        with self._mutex:
            self._failures, self._open_until, self._probing = 0, 0.0, False

    def failure(self) -> None:
        with self._mutex:
            self._failures += 1
            if self._probing or self._failures >= self._threshold:
                self._open_until = time.monotonic() + self._cooldown_s
            self._probing = False

    def release_probe(self) -> None:
        """A probe that ended without a verdict (cancelled, script error) frees the probe slot."""
        with self._mutex:
            self._probing = False
