"""Redis session store: compare-and-set saves, a per-tenant index, TTL.

Keys: the session hash `{p}:sess:{tenant:id}` (fields v=version, d=session JSON, s=summary JSON)
and the tenant index `{p}:sessidx:{tenant}` (ZSET of ids scored by last update, µs).

The CAS (read version, compare, write) is one Lua call on the session key, so two writers can
never both win. The index necessarily lives in another Cluster slot (it spans a tenant's sessions),
so it cannot join that script; it is written in the same pipeline (one round trip) and treated as a
hint: list() drops ids whose session is gone (deleted, expired, a lost CAS for a session that no
longer exists), and entries older than the session TTL are trimmed by score. No keyspace scans.
A get() right after this process took the session lock is served from what the acquire read
(see prefetch.py).

Redis down: fails closed — every call raises StoreUnavailable within the connection deadline
(a session that cannot be read or saved safely must not be served from a guess).
"""

from __future__ import annotations

import time

from redis.exceptions import NoScriptError

from script_agent.config.state import SessionSettings
from script_agent.domain.errors import SessionConflict
from script_agent.domain.retention import RetentionPolicy, apply_retention
from script_agent.domain.session import Session, SessionSummary, summarize, utcnow
from script_agent.ports.health import ComponentHealth, FailMode
from script_agent.stores.policy import retention_policy
from script_agent.stores.redis.connection import RedisConnection, ScriptArg

COMPONENT = "sessions"

CAS_SAVE = """
local cur = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if cur ~= tonumber(ARGV[1]) then return {0, cur} end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3], 's', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {1, tonumber(ARGV[2])}
"""


class RedisSessionStore:
    def __init__(
        self,
        conn: RedisConnection,
        settings: SessionSettings | None = None,
        *,
        policy: RetentionPolicy | None = None,
    ) -> None:
        settings = settings or SessionSettings()
        self._conn = conn
        self._keys = conn.keys
        self._policy = policy or retention_policy(settings)
        self._ttl_ms = settings.ttl_s * 1000
        self._cas = conn.script(CAS_SAVE)

    async def get(self, tenant: str, session_id: str) -> Session | None:
        found, prefetched = self._conn.prefetched.take_session(self._keys.lock(tenant, session_id))
        data: bytes | str | None = prefetched
        if not found:
            key = self._keys.session(tenant, session_id)
            data = await self._conn.call(COMPONENT, lambda: self._conn.client.hget(key, "d"))
        return Session.model_validate_json(data) if data else None

    async def save(self, session: Session) -> Session:
        """The CAS and the index update in one pipeline: one round trip (the index is in another
        slot, so it cannot join the script; in a Cluster the two go to their nodes in parallel)."""
        kept = apply_retention(session, self._policy)
        saved = kept.model_copy(update={"version": session.version + 1, "updated_at": utcnow()})
        key = self._keys.session(session.tenant, session.id)
        self._conn.prefetched.session_written(self._keys.lock(session.tenant, session.id))
        body, summary = saved.model_dump_json(), summarize(saved).model_dump_json()
        args: list[ScriptArg] = [session.version, saved.version, body, summary, self._ttl_ms]
        ok, actual = await self._conn.call(COMPONENT, lambda: self._save(key, saved, args))
        if not ok:
            raise SessionConflict(
                "session was saved by someone else",
                tenant=session.tenant,
                session_id=session.id,
                expected=session.version,
                actual=actual,
            )
        return saved

    async def _save(self, key: str, saved: Session, args: list[ScriptArg]) -> list[int]:
        """EVALSHA + ZADD + PEXPIRE pipelined. The index entry goes in even when the CAS loses: it
        is a hint either way (the winner's save indexes the same id; list() drops ids whose session
        is gone). NOSCRIPT (a restarted or failed-over server) reloads the script and redoes the CAS."""
        index = self._keys.session_index(saved.tenant)
        score = round(saved.updated_at.timestamp() * 1_000_000)  # µs: exact in a double, orders fast saves
        async with self._conn.client.pipeline(transaction=False) as pipe:
            pipe.execute_command(
                "EVALSHA", self._cas.sha, 1, key, *args
            )  # cluster pipelines block .evalsha()
            pipe.zadd(index, {saved.id: score})
            pipe.pexpire(index, self._ttl_ms)
            cas, *rest = await pipe.execute(raise_on_error=False)
        if isinstance(cas, NoScriptError):
            cas = await self._cas(keys=[key], args=args)
        for reply in (cas, *rest):
            if isinstance(reply, Exception):
                raise reply
        return [int(x) for x in cas]

    async def list(self, tenant: str, *, limit: int = 50, offset: int = 0) -> list[SessionSummary]:
        """Newest first; one round trip for the index page, one for the summaries."""
        if limit <= 0:
            return []
        index = self._keys.session_index(tenant)
        cutoff = round((time.time() - self._ttl_ms / 1000) * 1_000_000)

        async def page() -> list[bytes]:
            async with self._conn.client.pipeline(transaction=True) as pipe:
                pipe.zremrangebyscore(index, "-inf", cutoff)
                pipe.zrevrange(index, offset, offset + limit - 1)
                members: list[bytes] = (await pipe.execute())[1]
                return members

        ids = [i.decode() for i in await self._conn.call(COMPONENT, page)]
        if not ids:
            return []
        keys = [self._keys.session(tenant, sid) for sid in ids]

        async def summaries() -> list[bytes | None]:
            async with self._conn.client.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.hget(key, "s")
                return await pipe.execute()

        found = await self._conn.call(COMPONENT, summaries)
        gone = [sid for sid, body in zip(ids, found, strict=True) if body is None]
        if gone:
            await self._conn.call(COMPONENT, lambda: self._conn.client.zrem(index, *gone))
        return [SessionSummary.model_validate_json(b) for b in found if b is not None]

    async def delete(self, tenant: str, session_id: str) -> bool:
        key, index = self._keys.session(tenant, session_id), self._keys.session_index(tenant)
        self._conn.prefetched.session_written(self._keys.lock(tenant, session_id))

        async def run() -> list[int]:
            async with self._conn.client.pipeline(transaction=False) as pipe:
                pipe.delete(key)
                pipe.zrem(index, session_id)
                return await pipe.execute()

        deleted, _ = await self._conn.call(COMPONENT, run)
        return bool(deleted)

    async def health(self) -> ComponentHealth:
        return await self._conn.health(COMPONENT, FailMode.CLOSED)
