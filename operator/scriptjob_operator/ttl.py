"""ttlSecondsAfterFinished: delete a finished job once its time is up.

The clock starts at status.completionTime (written by the operator, so it survives restarts: a job
that finished before a restart is deleted at the same moment it would have been).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from scriptjob_operator.resource import FINISHED_PHASES


def _parse(ts: str) -> datetime.datetime | None:
    try:
        parsed = datetime.datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def seconds_until_expiry(
    spec: Mapping[str, Any], status: Mapping[str, Any], now: datetime.datetime | None = None
) -> float | None:
    """None when the job never expires (no TTL, not finished); else seconds left (<= 0: due now)."""
    ttl = spec.get("ttlSecondsAfterFinished")
    if ttl is None or status.get("phase") not in FINISHED_PHASES:
        return None
    finished_at = (
        _parse(str(status.get("completionTime") or "")) or now or datetime.datetime.now(datetime.UTC)
    )
    now = now or datetime.datetime.now(datetime.UTC)
    return (finished_at + datetime.timedelta(seconds=int(ttl)) - now).total_seconds()
