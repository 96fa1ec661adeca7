"""Helpers for the operator scenarios: predicates on jobs, Events, and the Redis checkpoint history."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from scriptjob_operator.spec import default_session_id

from script_agent.config import Settings
from script_agent.config.state import RedisSettings
from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.stores.factory import build_stores
from script_agent.testing.k8s import SCRIPTJOBS, K8sApi

REDIS_URL = "redis://127.0.0.1:6379/0"
WAIT_S = 30.0


def phase_is(*phases: str) -> Callable[[dict[str, Any]], bool]:
    return lambda obj: obj.get("status", {}).get("phase") in phases


def finished(obj: dict[str, Any]) -> bool:
    return phase_is("Succeeded", "Failed", "Degraded")(obj)


def wait_finished(api: K8sApi, name: str, timeout: float = WAIT_S) -> dict[str, Any]:
    return api.wait_for_object(SCRIPTJOBS, name, finished, timeout=timeout)


def reasons(api: K8sApi, name: str) -> list[str]:
    return [e["reason"] for e in api.events(involved=name)]


def wait_reasons(api: K8sApi, name: str, *wanted: str, timeout: float = 10.0) -> list[str]:
    """Events are posted asynchronously by kopf: wait until every wanted reason has arrived."""
    return api.wait_for(
        lambda: (r := reasons(api, name)) and all(w in r for w in wanted) and r,
        timeout,
        what=f"events {wanted} for {name}",
    )


def session_of(obj: dict[str, Any]) -> tuple[str, str]:
    meta = obj["metadata"]
    session = obj["spec"].get("sessionId") or default_session_id(meta["namespace"], meta["name"], meta["uid"])
    return obj["spec"]["tenant"], session


def checkpoints(prefix: str, obj: dict[str, Any]) -> list[CheckpointRecord]:
    """The job's checkpoint history in Redis, oldest first (read with the project's own store)."""
    tenant, session = session_of(obj)

    async def read() -> list[CheckpointRecord]:
        stores = build_stores(Settings(redis=RedisSettings(url=REDIS_URL, key_prefix=prefix)))
        try:
            return await stores.checkpoints.list(tenant, session, limit=100)
        finally:
            await stores.aclose()

    return list(reversed(asyncio.run(read())))


def states(records: list[CheckpointRecord]) -> list[str]:
    return [str(r.state) for r in records]


def lock_held(prefix: str, obj: dict[str, Any]) -> bool:
    """Whether the job's session lock key exists in Redis (the fence counter is not the lock)."""
    import redis

    from script_agent.stores.keys import KeySpace

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        return bool(client.exists(KeySpace(prefix).lock(*session_of(obj))))
    finally:
        client.close()
