"""A unique Redis key prefix per test run, and the cleanup of every key under it.

Tests share the machine's Redis (and run beside other runs), so each one works under its own prefix
and deletes what it wrote, whatever the outcome.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import redis

REDIS_URL = "redis://127.0.0.1:6379/0"


def delete_prefixed(prefix: str, url: str = REDIS_URL) -> None:
    client = redis.Redis.from_url(url, socket_timeout=2)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@contextlib.contextmanager
def redis_key_prefix(tag: str, url: str = REDIS_URL) -> Iterator[str]:
    prefix = f"t-{tag}-{uuid.uuid4().hex[:12]}"
    try:
        yield prefix
    finally:
        delete_prefixed(f"{prefix}:", url)
