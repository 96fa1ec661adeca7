"""A unique Redis key prefix per test run, and the cleanup of every key under it.

Tests share the machine's Redis (and run beside other runs), so each one works under its own prefix
and deletes what it wrote, whatever the outcome.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

from script_agent.testing.support import delete_prefixed

REDIS_URL = "redis://127.0.0.1:6379/0"


@contextlib.contextmanager
def redis_key_prefix(tag: str, url: str = REDIS_URL) -> Iterator[str]:
    prefix = f"t-{tag}-{uuid.uuid4().hex[:12]}"
    try:
        yield prefix
    finally:
        delete_prefixed(f"{prefix}:", url)
