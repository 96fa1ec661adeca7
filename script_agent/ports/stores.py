"""Store ports. Each has an in-memory implementation (embedded default) and a Redis one; the ones the
CLI keeps between runs (sessions, checkpoints, lock) also an SQLite one. One contract suite per port
in tests/contracts runs against all of them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.domain.session import Session, SessionSummary
from script_agent.ports.health import ComponentHealth


@runtime_checkable
class SessionStore(Protocol):
    async def get(self, tenant: str, session_id: str) -> Session | None: ...

    async def save(self, session: Session) -> Session:
        """Apply retention and store; `session.version` must equal the stored version (0 for new).
        Returns the stored copy with version + 1. Raises SessionConflict otherwise."""
        ...

    async def list(self, tenant: str, *, limit: int = 50, offset: int = 0) -> list[SessionSummary]: ...

    async def delete(self, tenant: str, session_id: str) -> bool: ...

    async def health(self) -> ComponentHealth: ...


@runtime_checkable
class CheckpointStore(Protocol):
    async def append(self, draft: CheckpointDraft) -> CheckpointRecord:
        """Assign the next version atomically. Raises StaleFence when draft.fence is older than
        the newest fence seen for the session."""
        ...

    async def latest(self, tenant: str, session_id: str) -> CheckpointRecord | None: ...

    async def get(self, tenant: str, session_id: str, version: int) -> CheckpointRecord | None: ...

    async def list(
        self, tenant: str, session_id: str, *, limit: int = 20, before: int | None = None
    ) -> list[CheckpointRecord]:
        """Newest first; `before` pages (versions strictly lower). Raises CheckpointCorrupt."""
        ...

    async def delete(self, tenant: str, session_id: str) -> int:
        """Drop the session's whole history, version counter included (as when its TTL runs out);
        returns how many records went. The lock's fence counter stays: it belongs to the lock."""
        ...

    async def health(self) -> ComponentHealth: ...


@dataclass(frozen=True)
class Lease:
    key: str
    token: str
    fence: int
    lease_ms: int


@runtime_checkable
class SessionLock(Protocol):
    async def acquire(self, tenant: str, session_id: str, *, wait_s: float | None = None) -> Lease:
        """Raises LockTimeout after wait_s; StoreUnavailable when the backing store is down.
        While held, the lease is renewed in the background until release()."""
        ...

    async def release(self, lease: Lease) -> bool:
        """Compare-and-delete; False when the lease was already lost."""
        ...

    async def fence(self, tenant: str, session_id: str) -> int:
        """The newest fencing token handed out for the session (0 if none)."""
        ...

    def is_lost(self, lease: Lease) -> bool:
        """True once renewal found the lease gone: the holder must stop writing."""
        ...

    async def health(self) -> ComponentHealth: ...


class Dimension(StrEnum):
    QPS = "qps"
    TOKENS = "tokens"


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    dimension: Dimension | None  # which limit rejected (None when allowed)
    limit_requests: int
    remaining_requests: int
    reset_requests_s: float
    limit_tokens: int
    remaining_tokens: int
    reset_tokens_s: float
    retry_after_s: float = 0.0
    reserved_tokens: int = 0


@runtime_checkable
class RateLimiter(Protocol):
    async def admit(self, tenant: str, estimated_tokens: int) -> RateDecision: ...

    async def reconcile(self, tenant: str, reserved_tokens: int, actual_tokens: int) -> None:
        """Refund (or charge) the difference between the reservation and the real usage."""
        ...

    async def health(self) -> ComponentHealth: ...


class IdempotencyOutcome(StrEnum):
    STARTED = "started"  # caller owns the key now and must complete() or abandon()
    REPLAY = "replay"  # completed earlier with the same payload: `result` holds it
    IN_FLIGHT = "in_flight"  # another request with this key is running
    MISMATCH = "mismatch"  # the key was used with a different payload


@dataclass(frozen=True)
class IdempotencyBegin:
    outcome: IdempotencyOutcome
    result: dict[str, Any] | None = None


@runtime_checkable
class IdempotencyStore(Protocol):
    async def begin(self, tenant: str, key: str, fingerprint: str) -> IdempotencyBegin: ...

    async def complete(self, tenant: str, key: str, fingerprint: str, result: dict[str, Any]) -> None: ...

    async def abandon(self, tenant: str, key: str) -> None: ...

    async def health(self) -> ComponentHealth: ...
