"""Swap the SQLite-backed components into a StoreBundle; all share one database file."""

from __future__ import annotations

from script_agent.config.settings import Settings
from script_agent.stores.bundle import StoreBundle
from script_agent.stores.sqlite.checkpoints import SqliteCheckpointStore
from script_agent.stores.sqlite.db import FILE_NAME, SqliteDatabase
from script_agent.stores.sqlite.locks import SqliteSessionLock
from script_agent.stores.sqlite.sessions import SqliteSessionStore

COMPONENTS = ("sessions", "checkpoints", "lock")  # what the CLI keeps between runs


def attach_sqlite(bundle: StoreBundle, settings: Settings, chosen: set[str]) -> StoreBundle:
    db = SqliteDatabase(
        settings.embedded.resolved_dir() / FILE_NAME, busy_timeout_ms=settings.embedded.busy_timeout_ms
    )
    bundle.closers.append(db.aclose)
    if "sessions" in chosen:
        bundle.sessions = SqliteSessionStore(db, settings.session)
    if "checkpoints" in chosen:
        bundle.checkpoints = SqliteCheckpointStore(db, settings.checkpoint)
    if "lock" in chosen:
        bundle.lock = SqliteSessionLock(db, settings.lock)
    bundle.sqlite = db
    return bundle
