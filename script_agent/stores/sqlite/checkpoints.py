"""SQLite checkpoint store: versioned per session, keep-last-N, TTL, fence-checked, verified on read.

The fence counter lives in the same file as the SQLite lock's, so a stale holder in another process
is rejected here exactly as the Redis store rejects it.
"""

from __future__ import annotations

import sqlite3
import time

from script_agent.config.state import CheckpointSettings
from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.domain.errors import StaleFence
from script_agent.observability.metrics import CHECKPOINT_WRITES
from script_agent.ports.health import ComponentHealth
from script_agent.stores.checkpoints_common import load_record, record_body, seal, stale_fence, to_record
from script_agent.stores.sqlite.db import SqliteDatabase
from script_agent.stores.sqlite.fences import current_fence, observe_fence

STORE = "sqlite"


class SqliteCheckpointStore:
    def __init__(self, db: SqliteDatabase, settings: CheckpointSettings | None = None) -> None:
        settings = settings or CheckpointSettings()
        self._db = db
        self._keep = settings.history_limit
        self._ttl_s = settings.ttl_s

    def _append(self, c: sqlite3.Connection, draft: CheckpointDraft) -> int:
        key = (draft.tenant, draft.session_id)
        if draft.fence is not None:
            newest = current_fence(c, *key)
            if draft.fence < newest:
                raise stale_fence(draft, newest)
            observe_fence(c, *key, draft.fence)
        now = time.time()
        row = c.execute(
            "SELECT counter, expires_at FROM checkpoint_histories WHERE tenant = ? AND session_id = ?", key
        ).fetchone()
        if row is not None and row[1] <= now:  # expired: the history starts over, like a Redis TTL
            c.execute("DELETE FROM checkpoints WHERE tenant = ? AND session_id = ?", key)
            row = None
        version = (row[0] if row else 0) + 1
        c.execute(
            "INSERT OR REPLACE INTO checkpoint_histories VALUES (?, ?, ?, ?)",
            (*key, version, now + self._ttl_s),
        )
        c.execute(
            "INSERT OR REPLACE INTO checkpoints VALUES (?, ?, ?, ?)", (*key, version, record_body(draft))
        )
        c.execute(
            "DELETE FROM checkpoints WHERE tenant = ? AND session_id = ? AND version <= ?",
            (*key, version - self._keep),
        )
        return version

    async def append(self, draft: CheckpointDraft) -> CheckpointRecord:
        draft = seal(draft)
        try:
            version = await self._db.write(lambda c: self._append(c, draft))
        except StaleFence:
            CHECKPOINT_WRITES.labels(store=STORE, outcome="stale_fence").inc()
            raise
        CHECKPOINT_WRITES.labels(store=STORE, outcome="ok").inc()
        return to_record(draft, version)

    async def _bodies(
        self, tenant: str, session_id: str, *, limit: int, before: int | None
    ) -> list[tuple[int, str]]:
        def read(c: sqlite3.Connection) -> list[tuple[int, str]]:
            live = c.execute(
                "SELECT 1 FROM checkpoint_histories WHERE tenant = ? AND session_id = ? AND expires_at > ?",
                (tenant, session_id, time.time()),
            ).fetchone()
            if live is None:
                return []
            rows = c.execute(
                "SELECT version, body FROM checkpoints WHERE tenant = ? AND session_id = ? AND version < ? "
                "ORDER BY version DESC LIMIT ?",
                (tenant, session_id, before if before is not None else 2**62, max(limit, 0)),
            ).fetchall()
            return [(int(v), str(b)) for v, b in rows]

        return await self._db.read(read)

    async def latest(self, tenant: str, session_id: str) -> CheckpointRecord | None:
        rows = await self._bodies(tenant, session_id, limit=1, before=None)
        if not rows:
            return None
        return load_record(rows[0][1], rows[0][0], tenant=tenant, session_id=session_id)

    async def get(self, tenant: str, session_id: str, version: int) -> CheckpointRecord | None:
        rows = await self._bodies(tenant, session_id, limit=1, before=version + 1)
        if not rows or rows[0][0] != version:
            return None
        return load_record(rows[0][1], version, tenant=tenant, session_id=session_id)

    async def list(
        self, tenant: str, session_id: str, *, limit: int = 20, before: int | None = None
    ) -> list[CheckpointRecord]:
        rows = await self._bodies(tenant, session_id, limit=limit, before=before)
        return [load_record(b, v, tenant=tenant, session_id=session_id) for v, b in rows]

    async def delete(self, tenant: str, session_id: str) -> int:
        def drop(c: sqlite3.Connection) -> int:
            key = (tenant, session_id)
            live = c.execute(
                "SELECT 1 FROM checkpoint_histories WHERE tenant = ? AND session_id = ? AND expires_at > ?",
                (*key, time.time()),
            ).fetchone()
            removed = c.execute("DELETE FROM checkpoints WHERE tenant = ? AND session_id = ?", key).rowcount
            c.execute("DELETE FROM checkpoint_histories WHERE tenant = ? AND session_id = ?", key)
            return removed if live else 0

        return await self._db.write(drop)

    async def health(self) -> ComponentHealth:
        return await self._db.health("checkpoints")
