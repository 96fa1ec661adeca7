"""One SQLite file shared by the embedded on-disk stores, reached only from worker threads.

Why a mutex and one connection: sqlite3 connections are not safe to share between threads without
one, and a single writer per process is all the CLI needs. Every write runs in `BEGIN IMMEDIATE`, so
two processes on the same file serialize on SQLite's own lock (waiting up to busy_timeout) instead
of interleaving a read-modify-write. Calls go through `asyncio.to_thread`: disk I/O never runs on the
event loop.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus

T = TypeVar("T")
FILE_NAME = "state.sqlite3"

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS sessions (
        tenant TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL,
        summary TEXT NOT NULL, updated_at TEXT NOT NULL, expires_at REAL NOT NULL,
        PRIMARY KEY (tenant, id))""",
    "CREATE INDEX IF NOT EXISTS sessions_by_tenant ON sessions (tenant, updated_at)",
    """CREATE TABLE IF NOT EXISTS checkpoint_histories (
        tenant TEXT NOT NULL, session_id TEXT NOT NULL, counter INTEGER NOT NULL,
        expires_at REAL NOT NULL, PRIMARY KEY (tenant, session_id))""",
    """CREATE TABLE IF NOT EXISTS checkpoints (
        tenant TEXT NOT NULL, session_id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (tenant, session_id, version))""",
    """CREATE TABLE IF NOT EXISTS fences (
        tenant TEXT NOT NULL, session_id TEXT NOT NULL, fence INTEGER NOT NULL,
        PRIMARY KEY (tenant, session_id))""",
    "CREATE TABLE IF NOT EXISTS locks (key TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at REAL NOT NULL)",
)


class SqliteDatabase:
    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._conn: sqlite3.Connection | None = None
        self._mutex = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=self._busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_ms)}")
            for statement in SCHEMA:
                conn.execute(statement)
            self._conn = conn
        return self._conn

    def _transaction(self, fn: Callable[[sqlite3.Connection], T], write: bool) -> T:
        with self._mutex:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = fn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._transaction, fn, True)

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._transaction, fn, False)

    async def health(self, name: str, **detail: object) -> ComponentHealth:
        started = time.perf_counter()
        try:
            await self.read(lambda c: c.execute("SELECT 1").fetchone())
        except sqlite3.Error as exc:
            return ComponentHealth(
                name=name, status=HealthStatus.DOWN, fail_mode=FailMode.CLOSED,
                detail={"backend": "sqlite", "error": type(exc).__name__},
            )  # fmt: skip
        return ComponentHealth(
            name=name,
            status=HealthStatus.OK,
            latency_ms=(time.perf_counter() - started) * 1000,
            fail_mode=FailMode.CLOSED,
            detail={"backend": "sqlite", "path": str(self.path), **detail},
        )

    def _close(self) -> None:
        with self._mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    async def aclose(self) -> None:
        await asyncio.to_thread(self._close)
