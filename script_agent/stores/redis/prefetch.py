"""What the session lock's acquire script read for its holder: the latest checkpoint and the session.

A run's first Redis reads (latest checkpoint to resume from, then the session for the context) come
right after it takes the session lock, and all three live under one hash tag. So the acquire script
reads both in the same atomic call (saving two round trips per run) and leaves them here; the
checkpoint and session stores hand each one out at most once, to the first read in this process.

Why serving them is safe:
- latest checkpoint: the script read it after SET NX succeeded and INCR gave us the newest fence,
  atomically, so it is exactly what a separate read right after acquiring would return. Until we
  release, only a writer with our fence or a newer one can append, and a newer fence means we lost
  the lease (our own writes are then refused). Any append or delete through this process drops the
  entry first, so a later read never sees an older version than we wrote.
- session: session saves are compare-and-set, not lock-protected, so another replica may save
  between the acquire and our read. Serving the acquire-time copy is then the same as having read a
  few milliseconds earlier; it is never written back blindly (the finaliser saves with CAS and
  re-reads on conflict). To keep that window to the first step only, the copy is dropped once a
  second checkpoint is appended after the acquire (a fresh run reads the session right after its
  first append), and at once on any save or delete through this process.

Entries live while their lease is held (release drops them), so their number is bounded by the
leases this process holds; MAX_ENTRIES is a backstop against a caller that never releases.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

MAX_ENTRIES = 10_000
APPENDS_BEFORE_SESSION_STALE = 2


@dataclass
class Entry:
    """None: not read by the script (that store is not on Redis), or already handed out."""

    latest: tuple[int, bytes] | None
    has_latest: bool
    session: bytes | None
    has_session: bool
    appends: int = 0


class Prefetched:
    """Keyed by the lock key: release() knows the lease's key, and both stores can compute it."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, Entry] = OrderedDict()

    def put(self, lock_key: str, entry: Entry) -> None:
        self._entries[lock_key] = entry
        self._entries.move_to_end(lock_key)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)

    def take_latest(self, lock_key: str) -> tuple[bool, tuple[int, bytes] | None]:
        """(True, (version, body) or None for no history) once; (False, None): ask Redis."""
        entry = self._entries.get(lock_key)
        if entry is None or not entry.has_latest:
            return False, None
        entry.has_latest = False
        latest, entry.latest = entry.latest, None
        return True, latest

    def take_session(self, lock_key: str) -> tuple[bool, bytes | None]:
        entry = self._entries.get(lock_key)
        if entry is None or not entry.has_session:
            return False, None
        entry.has_session = False
        session, entry.session = entry.session, None
        return True, session

    def checkpoint_written(self, lock_key: str) -> None:
        entry = self._entries.get(lock_key)
        if entry is None:
            return
        entry.has_latest, entry.latest = False, None
        entry.appends += 1
        if entry.appends >= APPENDS_BEFORE_SESSION_STALE:
            entry.has_session, entry.session = False, None

    def session_written(self, lock_key: str) -> None:
        entry = self._entries.get(lock_key)
        if entry is not None:
            entry.has_session, entry.session = False, None

    def drop(self, lock_key: str) -> None:
        self._entries.pop(lock_key, None)

    def __len__(self) -> int:
        return len(self._entries)
