"""Embedded on-disk stores (SQLite under the user's data dir): CLI sessions that survive between runs."""

from script_agent.stores.sqlite.checkpoints import SqliteCheckpointStore
from script_agent.stores.sqlite.db import SqliteDatabase
from script_agent.stores.sqlite.locks import SqliteSessionLock
from script_agent.stores.sqlite.sessions import SqliteSessionStore

__all__ = ["SqliteCheckpointStore", "SqliteDatabase", "SqliteSessionLock", "SqliteSessionStore"]
