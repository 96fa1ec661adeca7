"""The per-session fencing counter in SQLite, shared by the SQLite lock and checkpoint store.

Functions take an open connection so callers run them inside their own transaction: issuing a
token and taking the lock, or checking a token and appending a checkpoint, happen atomically.
"""

from __future__ import annotations

import sqlite3


def current_fence(c: sqlite3.Connection, tenant: str, session_id: str) -> int:
    row = c.execute(
        "SELECT fence FROM fences WHERE tenant = ? AND session_id = ?", (tenant, session_id)
    ).fetchone()
    return int(row[0]) if row else 0


def observe_fence(c: sqlite3.Connection, tenant: str, session_id: str, fence: int) -> int:
    newest = max(current_fence(c, tenant, session_id), fence)
    c.execute("INSERT OR REPLACE INTO fences VALUES (?, ?, ?)", (tenant, session_id, newest))
    return newest


def issue_fence(c: sqlite3.Connection, tenant: str, session_id: str) -> int:
    return observe_fence(c, tenant, session_id, current_fence(c, tenant, session_id) + 1)
