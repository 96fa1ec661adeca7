"""Domain-level errors every layer can raise and every entrypoint maps (HTTP status, exit code, CR reason)."""

from __future__ import annotations


class ScriptAgentError(Exception):
    """Base class. `code` is stable and machine-readable."""

    code = "internal"

    def __init__(self, message: str, **detail: object) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class InvalidInput(ScriptAgentError):
    code = "invalid_input"


class NotFound(ScriptAgentError):
    code = "not_found"


class SessionConflict(ScriptAgentError):
    """An optimistic save lost a race: someone saved a newer version first."""

    code = "session_conflict"


class LockTimeout(ScriptAgentError):
    code = "lock_timeout"


class LockLost(ScriptAgentError):
    """The lease expired or was taken over; the holder must stop writing."""

    code = "lock_lost"


class StaleFence(ScriptAgentError):
    """A write carried a fencing token older than the newest one handed out."""

    code = "stale_fence"


class CheckpointCorrupt(ScriptAgentError):
    code = "checkpoint_corrupt"


class StoreUnavailable(ScriptAgentError):
    """A backing store (Redis) did not answer within its timeout."""

    code = "store_unavailable"


class IdempotencyInFlight(ScriptAgentError):
    code = "idempotency_in_flight"


class IdempotencyMismatch(ScriptAgentError):
    code = "idempotency_mismatch"


class RateLimited(ScriptAgentError):
    code = "rate_limited"
