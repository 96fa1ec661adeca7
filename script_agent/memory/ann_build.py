"""Graphs built off to the side: a worker thread fills a new HNSW graph while searches stay exact.

Why: at the switch-over a partition of 30k-1M rows needs a graph that takes seconds to minutes to build
(~1-2k inserts/s on 2 shared cores). Built inside the add that crossed the threshold, it held the
shard's lock for all that time, so every search of the partition waited. Here the worker copies rows in
chunks under the lock (milliseconds), inserts them with the lock released, and installs the graph under
the lock once nothing is left to insert. Until then the partition is searched exactly (or, for a
per-code graph, through the partition graph with a mask), so results during a build are never worse
than before it started.

Nothing written during a build is lost: an add queues its label on every build it belongs to (the
worker inserts it like the initial rows); a delete records the label, and the install removes every
recorded label the graph holds. Labels are never reused, so a late removal cannot hit a newer row.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from script_agent.memory.ann_index import AnnIndex

log = logging.getLogger(__name__)

Code = tuple[int, int]  # (code column, code value)
Key = Code | None  # None: the partition graph
Snapshot = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]  # labels -> (live labels, vectors copy)

CHUNK = 4096  # rows copied per lock hold: ~8 MB at dim 512, well under a millisecond of copying
# One build at a time per process: a build already uses every core it is given (2 here), so parallel
# builds would only slow each other and the searches around them.
_BUILD_SLOTS = threading.BoundedSemaphore(1)
# A daemon thread still inside usearch when the interpreter tears down aborts the process ("terminate
# called without an active exception", exit 134). At exit: no new chunk starts, the one in flight is
# waited for (bounded: a chunk is seconds of work even on a loaded machine).
_STOP = threading.Event()
_WORKERS: set[threading.Thread] = set()
EXIT_JOIN_S = 60.0


@atexit.register
def _stop_workers() -> None:
    _STOP.set()
    for worker in list(_WORKERS):
        worker.join(EXIT_JOIN_S)


@dataclass
class GraphBuild:
    key: Key
    graph: AnnIndex
    todo: deque[np.ndarray] = field(default_factory=deque)  # label arrays still to insert
    removed: set[int] = field(default_factory=set)  # labels deleted while building

    def take(self, limit: int) -> np.ndarray | None:
        """Up to about `limit` queued labels, or None when everything queued has been inserted."""
        if not self.todo:
            return None
        parts, size = [], 0
        while self.todo and size < limit:
            head = self.todo.popleft()
            if head.size > limit - size:
                head, rest = head[: limit - size], head[limit - size :]
                self.todo.appendleft(rest)
            parts.append(head)
            size += head.size
        return np.concatenate(parts)


class BuildQueue:
    """The builds of one shard, run in order (partition graph first) by one worker thread at a time."""

    def __init__(self, lock: threading.Lock, snapshot: Snapshot, install: Callable[[GraphBuild], None]):
        self._lock = lock  # the shard's lock: every method but the worker's insert runs under it
        self._snapshot = snapshot
        self._install = install
        self.builds: dict[Key, GraphBuild] = {}
        self.failed: set[Key] = set()  # never retried: a graph that failed once would fail again
        self._worker: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def start(self, build: GraphBuild) -> None:
        """Caller holds the shard lock; `build.todo` holds every label the graph must contain."""
        self.builds[build.key] = build
        self._idle.clear()
        if self._worker is None and not _STOP.is_set():
            self._worker = threading.Thread(target=self._run, name="ann-build", daemon=True)
            _WORKERS.add(self._worker)
            self._worker.start()

    def cancel(self) -> None:
        """Caller holds the shard lock. An insert in flight finishes into a graph nobody installs."""
        self.builds.clear()

    def wait(self, timeout: float) -> bool:
        """Block until no build is queued or running (tests, benchmarks); False on timeout."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        try:
            with _BUILD_SLOTS:
                while self._step():
                    pass
        finally:
            _WORKERS.discard(threading.current_thread())

    def _step(self) -> bool:
        with self._lock:
            build = None if _STOP.is_set() else next(iter(self.builds.values()), None)
            if build is None:
                self._worker = None
                self._idle.set()
                return False
            chunk = build.take(CHUNK)
            if chunk is None:
                for label in build.removed:
                    build.graph.remove(label)
                del self.builds[build.key]
                self._install(build)
                return True
            labels, vectors = self._snapshot(chunk)
        try:
            build.graph.add(labels, vectors, bulk=True)  # the long part, with the lock released
        except Exception:  # a failed build leaves the partition on its exact / mask path
            log.exception("ANN graph build failed; key=%s", build.key)
            with self._lock:
                if self.builds.get(build.key) is build:
                    del self.builds[build.key]
                    self.failed.add(build.key)
        return True
