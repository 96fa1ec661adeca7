"""Redis checkpoint store: one Lua call per append (fence check, counter, record, index, prune, TTL).

Keys, all with the session's hash tag so the script may touch them together in a Cluster:
`{p}:{ckpt}:{tenant:session}:seq` (version counter), `:rec` (HASH version -> record JSON),
`:idx` (ZSET of versions) and the lock's fence counter `{p}:lock:{tenant:session}:fence`.

Fencing: a draft carrying a fence lower than the lock's newest token is refused inside the same
script, so no interleaving lets a paused former holder write after the new one took over. A fence
higher than the counter (the counter expired) raises the counter, so the floor never goes down.

Every append refreshes the TTL of the whole history; a session idle for CHECKPOINT_TTL_S loses it
all at once (counter included), so versions are monotonic for as long as the history exists.

Redis down: fails closed — append and reads raise StoreUnavailable within the connection deadline.
A run must not proceed believing its progress was saved.
"""

from __future__ import annotations

import functools
from typing import Any

from script_agent.config.state import CheckpointSettings, LockSettings
from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.domain.errors import CheckpointCorrupt, StoreUnavailable
from script_agent.observability.metrics import CHECKPOINT_WRITES
from script_agent.ports.health import ComponentHealth, FailMode
from script_agent.stores.checkpoints_common import load_record, record_body, seal, stale_fence, to_record
from script_agent.stores.redis.connection import RedisConnection, ScriptArg

COMPONENT = "checkpoints"


@functools.lru_cache(maxsize=8)  # `labels()` hashes, validates and locks on every call of every append
def _writes(outcome: str) -> Any:
    return CHECKPOINT_WRITES.labels(store="redis", outcome=outcome)


APPEND = """
local fence = tonumber(ARGV[1])
if fence then
  local newest = tonumber(redis.call('GET', KEYS[4]) or '0')
  if fence < newest then return {0, newest} end
  if fence > newest then redis.call('SET', KEYS[4], fence, 'PX', ARGV[5]) end
end
local v = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], v, ARGV[2])
redis.call('ZADD', KEYS[3], v, v)
local extra = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[3])
if extra > 0 then
  local old = redis.call('ZRANGE', KEYS[3], 0, extra - 1)
  redis.call('HDEL', KEYS[2], unpack(old))
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, extra - 1)
end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
return {1, v}
"""

# ARGV[1]: max score ('+inf' or '(N'), ARGV[2]: limit. Returns version, body, version, body, ...
PAGE = """
local versions = redis.call('ZREVRANGEBYSCORE', KEYS[2], ARGV[1], '-inf', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, v in ipairs(versions) do
  out[#out + 1] = v
  out[#out + 1] = redis.call('HGET', KEYS[1], v) or ''
end
return out
"""

# Counter, records and index together, so no reader sees an index pointing at deleted records.
DELETE = """
local n = redis.call('HLEN', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return n
"""


class RedisCheckpointStore:
    def __init__(
        self,
        conn: RedisConnection,
        settings: CheckpointSettings | None = None,
        lock_settings: LockSettings | None = None,
    ) -> None:
        settings = settings or CheckpointSettings()
        self._conn = conn
        self._keep = settings.history_limit
        self._ttl_ms = settings.ttl_s * 1000
        self._fence_ttl_ms = max((lock_settings or LockSettings()).fence_ttl_s, settings.ttl_s) * 1000
        self._append = conn.script(APPEND)
        self._page = conn.script(PAGE)
        self._delete = conn.script(DELETE)

    async def append(self, draft: CheckpointDraft) -> CheckpointRecord:
        draft = seal(draft)
        keys = self._conn.keys.checkpoint_keys(draft.tenant, draft.session_id)
        fence = "" if draft.fence is None else str(draft.fence)
        args: list[ScriptArg] = [fence, record_body(draft), self._keep, self._ttl_ms, self._fence_ttl_ms]
        self._conn.prefetched.checkpoint_written(self._conn.keys.lock(draft.tenant, draft.session_id))
        try:
            ok, value = await self._conn.call(COMPONENT, lambda: self._append(keys=keys, args=args))
        except StoreUnavailable:
            _writes("error").inc()
            raise
        if not ok:
            _writes("stale_fence").inc()
            raise stale_fence(draft, int(value))
        _writes("ok").inc()
        return to_record(draft, int(value))

    async def _records(
        self, tenant: str, session_id: str, max_score: str, limit: int
    ) -> list[CheckpointRecord]:
        keys = self._conn.keys.checkpoint_keys(tenant, session_id)[1:3]  # rec, idx
        flat = await self._conn.call(COMPONENT, lambda: self._page(keys=keys, args=[max_score, limit]))
        return [
            _decode(body, int(version), tenant, session_id)
            for version, body in zip(flat[::2], flat[1::2], strict=True)
        ]

    async def latest(self, tenant: str, session_id: str) -> CheckpointRecord | None:
        """Served from what the lock's acquire read, once, when this process just took the lock."""
        found, prefetched = self._conn.prefetched.take_latest(self._conn.keys.lock(tenant, session_id))
        if found:
            return None if prefetched is None else _decode(prefetched[1], prefetched[0], tenant, session_id)
        records = await self._records(tenant, session_id, "+inf", 1)
        return records[0] if records else None

    async def get(self, tenant: str, session_id: str, version: int) -> CheckpointRecord | None:
        rec_key = self._conn.keys.checkpoint_keys(tenant, session_id)[1]
        body = await self._conn.call(COMPONENT, lambda: self._conn.client.hget(rec_key, str(version)))
        return None if body is None else load_record(body, version, tenant=tenant, session_id=session_id)

    async def list(
        self, tenant: str, session_id: str, *, limit: int = 20, before: int | None = None
    ) -> list[CheckpointRecord]:
        if limit <= 0:
            return []
        return await self._records(tenant, session_id, "+inf" if before is None else f"({before}", limit)

    async def delete(self, tenant: str, session_id: str) -> int:
        keys = self._conn.keys.checkpoint_keys(tenant, session_id)[:3]  # seq, rec, idx
        self._conn.prefetched.checkpoint_written(self._conn.keys.lock(tenant, session_id))
        return int(await self._conn.call(COMPONENT, lambda: self._delete(keys=keys)))

    async def health(self) -> ComponentHealth:
        return await self._conn.health(COMPONENT, FailMode.CLOSED, keep_last=self._keep)


def _decode(body: bytes, version: int, tenant: str, session_id: str) -> CheckpointRecord:
    if not body:  # indexed but missing: never hand out a hole as if all were well
        raise CheckpointCorrupt("checkpoint record missing", tenant=tenant, version=version)
    return load_record(body, version, tenant=tenant, session_id=session_id)
