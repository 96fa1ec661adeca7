"""SQLite session store: the memory store's semantics, kept on disk so `generate --session` survives
between CLI runs. Expiry uses wall-clock time because the next reader is another process."""

from __future__ import annotations

import sqlite3
import time

from script_agent.config.state import SessionSettings
from script_agent.domain.errors import SessionConflict
from script_agent.domain.retention import apply_retention
from script_agent.domain.session import Session, SessionSummary, summarize, utcnow
from script_agent.ports.health import ComponentHealth
from script_agent.stores.policy import retention_policy
from script_agent.stores.sqlite.db import SqliteDatabase

LIVE = "tenant = ? AND id = ? AND expires_at > ?"


class SqliteSessionStore:
    """Optimistic versioning checked and written inside one IMMEDIATE transaction."""

    def __init__(self, db: SqliteDatabase, settings: SessionSettings | None = None) -> None:
        settings = settings or SessionSettings()
        self._db = db
        self._policy = retention_policy(settings)
        self._ttl_s = settings.ttl_s

    async def get(self, tenant: str, session_id: str) -> Session | None:
        def read(c: sqlite3.Connection) -> str | None:
            row = c.execute(
                f"SELECT data FROM sessions WHERE {LIVE}", (tenant, session_id, time.time())
            ).fetchone()
            return row[0] if row else None

        data = await self._db.read(read)
        return Session.model_validate_json(data) if data else None

    async def save(self, session: Session) -> Session:
        kept = apply_retention(session, self._policy)

        def write(c: sqlite3.Connection) -> Session:
            now = time.time()
            c.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
            row = c.execute(
                "SELECT version FROM sessions WHERE tenant = ? AND id = ?", (session.tenant, session.id)
            ).fetchone()
            stored = row[0] if row else 0
            if session.version != stored:
                raise SessionConflict(
                    "session was saved by someone else", tenant=session.tenant, session_id=session.id,
                    expected=session.version, actual=stored,
                )  # fmt: skip
            saved = kept.model_copy(update={"version": stored + 1, "updated_at": utcnow()})
            summary = summarize(saved)
            c.execute(
                "INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (saved.tenant, saved.id, saved.version, saved.model_dump_json(), summary.model_dump_json(),
                 summary.updated_at.isoformat(), now + self._ttl_s),
            )  # fmt: skip
            return saved

        return await self._db.write(write)

    async def list(self, tenant: str, *, limit: int = 50, offset: int = 0) -> list[SessionSummary]:
        """Newest first by last update, like the Redis index."""

        def read(c: sqlite3.Connection) -> list[str]:
            rows = c.execute(
                "SELECT summary FROM sessions WHERE tenant = ? AND expires_at > ? "
                "ORDER BY updated_at DESC LIMIT ? OFFSET ?",
                (tenant, time.time(), max(limit, 0), max(offset, 0)),
            ).fetchall()
            return [r[0] for r in rows]

        return [SessionSummary.model_validate_json(s) for s in await self._db.read(read)]

    async def delete(self, tenant: str, session_id: str) -> bool:
        def write(c: sqlite3.Connection) -> bool:
            cur = c.execute(f"DELETE FROM sessions WHERE {LIVE}", (tenant, session_id, time.time()))
            return cur.rowcount > 0

        return await self._db.write(write)

    async def health(self) -> ComponentHealth:
        return await self._db.health("sessions")
