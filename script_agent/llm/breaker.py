"""Circuit breaker per (backend, model): closed → open → half-open with real probes → closed | open.

Closed: outcomes land in a rolling window of time buckets (O(1) memory however busy the upstream is);
once the window holds at least `min_calls` outcomes and the failure rate reaches the threshold, the
breaker opens. Open: every caller is refused at once, without an upstream call, until the cool-down
passes. Half-open: up to `probes` real requests are let through; all of them succeeding closes the
breaker, any failure re-opens it for another cool-down. Unlike gateways that merely expire a cool-down,
traffic is only fully restored after the upstream actually answered.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from script_agent.llm.errors import CircuitOpenError
from script_agent.observability.metrics import LLM_CIRCUIT_STATE, LLM_CIRCUIT_TRANSITIONS

_BUCKETS = 10


class State(IntEnum):
    CLOSED = 0
    HALF_OPEN = 1
    OPEN = 2

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class BreakerPolicy:
    failure_rate: float = 0.5
    window_s: float = 30.0
    min_calls: int = 5
    cooldown_s: float = 15.0
    probes: int = 1


@dataclass(frozen=True)
class Permit:
    """Proof of admission; `generation` ties a probe's outcome to the half-open period that admitted it."""

    probe: bool
    generation: int


class _Window:
    """Success/failure counts over the last `window_s`, in `_BUCKETS` fixed-width buckets."""

    def __init__(self, window_s: float) -> None:
        self._width = window_s / _BUCKETS
        self._ok = [0] * _BUCKETS
        self._bad = [0] * _BUCKETS
        self._epoch = [-1] * _BUCKETS

    def add(self, now: float, failed: bool) -> None:
        epoch = int(now / self._width)
        slot = epoch % _BUCKETS
        if self._epoch[slot] != epoch:
            self._epoch[slot], self._ok[slot], self._bad[slot] = epoch, 0, 0
        if failed:
            self._bad[slot] += 1
        else:
            self._ok[slot] += 1

    def totals(self, now: float) -> tuple[int, int]:
        oldest = int(now / self._width) - _BUCKETS + 1
        calls = bad = 0
        for slot in range(_BUCKETS):
            if self._epoch[slot] >= oldest:
                calls += self._ok[slot] + self._bad[slot]
                bad += self._bad[slot]
        return calls, bad

    def clear(self) -> None:
        self._epoch = [-1] * _BUCKETS


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        policy: BreakerPolicy,
        *,
        labels: tuple[str, str],
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[CircuitBreaker], None] | None = None,
    ) -> None:
        self.name = name
        self.policy = policy
        self.labels = labels  # (backend kind, layer role): bounded metric labels
        self.identity = name  # the backend it guards (set by the registry: kind + base URL)
        self.model = ""
        self._clock = clock
        self._on_change = on_change
        self._lock = threading.Lock()  # outcomes may be recorded from several event loops in tests/threads
        self._window = _Window(policy.window_s)
        self._state = State.CLOSED
        self._opened_at = 0.0
        self._generation = 0
        self._probes_out = 0
        self._probes_ok = 0

    @property
    def state(self) -> State:
        with self._lock:
            self._maybe_half_open(self._clock())
            return self._state

    def acquire(self) -> Permit:
        """Admit a call or raise CircuitOpenError (which makes the client fall back, no upstream call)."""
        with self._lock:
            self._maybe_half_open(self._clock())
            if self._state is State.CLOSED:
                return Permit(probe=False, generation=self._generation)
            if self._state is State.HALF_OPEN and self._probes_out + self._probes_ok < self.policy.probes:
                self._probes_out += 1
                return Permit(probe=True, generation=self._generation)
        raise CircuitOpenError(self.name)

    def on_success(self, permit: Permit) -> None:
        with self._lock:
            now = self._clock()
            if self._is_current_probe(permit):
                self._probes_out -= 1
                self._probes_ok += 1
                if self._probes_ok >= self.policy.probes:
                    self._window.clear()
                    self._move(State.CLOSED, now)
            elif self._state is State.CLOSED:
                self._window.add(now, failed=False)
                self._trip_if_failing(now)

    def on_failure(self, permit: Permit) -> None:
        with self._lock:
            now = self._clock()
            if self._is_current_probe(permit):
                self._probes_out -= 1
                self._move(State.OPEN, now)
            elif self._state is State.CLOSED:
                self._window.add(now, failed=True)
                self._trip_if_failing(now)

    def on_neutral(self, permit: Permit) -> None:
        """The call ended without telling us anything about upstream health (fatal, cancelled, too long)."""
        with self._lock:
            if self._is_current_probe(permit):
                self._probes_out -= 1

    def snapshot(self) -> dict[str, object]:
        with self._lock:
            self._maybe_half_open(self._clock())
            calls, bad = self._window.totals(self._clock())
            return {"state": self._state.label, "window_calls": calls, "window_failures": bad}

    # --- internals (lock held) ---------------------------------------------------------------
    def _is_current_probe(self, permit: Permit) -> bool:
        return permit.probe and permit.generation == self._generation and self._state is State.HALF_OPEN

    def _trip_if_failing(self, now: float) -> None:
        """Evaluated on every outcome: volume may reach the minimum with a success."""
        calls, bad = self._window.totals(now)
        if calls >= self.policy.min_calls and bad / calls >= self.policy.failure_rate:
            self._move(State.OPEN, now)

    def _maybe_half_open(self, now: float) -> None:
        if self._state is State.OPEN and now - self._opened_at >= self.policy.cooldown_s:
            self._move(State.HALF_OPEN, now)

    def _move(self, to: State, now: float) -> None:
        before = self._state
        self._state = to
        self._generation += 1
        self._probes_out = self._probes_ok = 0
        if to is State.OPEN:
            self._opened_at = now
        LLM_CIRCUIT_TRANSITIONS.labels(*self.labels, before.label, to.label).inc()
        if self._on_change is not None:
            self._on_change(self)


class BreakerRegistry:
    """Process-wide breakers keyed by (backend identity, model), so every client instance shares them."""

    def __init__(self, policy: BreakerPolicy, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self._clock = clock
        self._lock = threading.Lock()
        self._breakers: dict[tuple[str, str], CircuitBreaker] = {}

    def get(self, backend: str, model: str, *, labels: tuple[str, str]) -> CircuitBreaker:
        key = (backend, model)
        with self._lock:
            breaker = self._breakers.get(key)
            if breaker is None:
                breaker = CircuitBreaker(
                    f"{labels[0]}/{labels[1]}:{model}",
                    self.policy,
                    labels=labels,
                    clock=self._clock,
                    on_change=self._publish,
                )
                breaker.identity, breaker.model = backend, model
                self._breakers[key] = breaker
                LLM_CIRCUIT_STATE.labels(*labels).set(State.CLOSED)
            return breaker

    def all(self) -> list[CircuitBreaker]:
        with self._lock:
            return list(self._breakers.values())

    def _publish(self, changed: CircuitBreaker) -> None:
        """Several breakers (one per category model) share a label set: the gauge shows the worst."""
        peers = [b for b in self.all() if b.labels == changed.labels and b is not changed]
        worst = max([changed._state, *(b._state for b in peers)])
        LLM_CIRCUIT_STATE.labels(*changed.labels).set(int(worst))


_DEFAULT: dict[BreakerPolicy, BreakerRegistry] = {}


def shared_registry(policy: BreakerPolicy) -> BreakerRegistry:
    """The process-wide registry for a policy (one policy per process in practice)."""
    registry = _DEFAULT.get(policy)
    if registry is None:
        registry = _DEFAULT.setdefault(policy, BreakerRegistry(policy))
    return registry
