"""Pure pieces: the Redis fail-fast guard and hash-tagged key naming."""

from __future__ import annotations

import time

import pytest

from script_agent.domain.errors import StoreUnavailable
from script_agent.stores.keys import KeySpace, escape
from script_agent.stores.redis.guard import RedisGuard


def test_guard_opens_after_consecutive_failures_and_probes_once() -> None:
    guard = RedisGuard(failures=2, cooldown_s=0.05)
    guard.before()
    guard.failure()
    guard.before()  # one failure: still closed
    guard.failure()
    with pytest.raises(StoreUnavailable):
        guard.before()  # open: fail fast
    time.sleep(0.06)
    guard.before()  # half-open: the probe goes through...
    with pytest.raises(StoreUnavailable):
        guard.before()  # ...alone
    guard.failure()  # probe failed: open again
    with pytest.raises(StoreUnavailable):
        guard.before()
    time.sleep(0.06)
    guard.before()
    guard.success()  # probe succeeded: closed
    assert guard.state == "closed"
    guard.before()


def test_success_resets_the_failure_count() -> None:
    guard = RedisGuard(failures=2, cooldown_s=10)
    guard.failure()
    guard.success()
    guard.failure()
    guard.before()


def test_keys_share_one_hash_tag_per_session_and_escape_braces() -> None:
    keys = KeySpace("sa", "ckpt")
    tagged = [*keys.checkpoint_keys("t", "s"), keys.lock("t", "s"), keys.fence("t", "s")]
    assert all("{t:s}" in k and k.startswith("sa:") for k in tagged)
    assert keys.session("a:b", "c") != keys.session("a", "b:c")
    assert escape("{x}:%") == "%7Bx%7D%3A%25"
    assert keys.lock("{", "}").count("{") == 1 and keys.lock("{", "}").count("}") == 1
