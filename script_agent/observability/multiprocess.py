"""prometheus_client's multiprocess mode for `script-agent serve --workers N`.

Why: each worker keeps its own counters, so a scrape of the one port used to see whichever worker
answered (rates jumped, alerts misfired). In multiprocess mode every worker writes its values to
memory-mapped files in one directory (PROMETHEUS_MULTIPROC_DIR) and whichever process answers a
scrape merges all of them (`exposition_registry`).

- The directory: the supervisor creates a private one (`tempfile.mkdtemp`, mode 0700) and sets
  PROMETHEUS_MULTIPROC_DIR before it spawns the workers (prometheus_client picks its value class
  when it is imported, and each worker is a fresh interpreter that imports it after the variable is
  set); it removes the directory when it stops. An operator who sets PROMETHEUS_MULTIPROC_DIR
  themselves keeps their directory: it is used as is and never deleted. It should be empty at start
  (prometheus_client's rule: files left by an earlier run would be added to this run's counters) and
  belong to this one gateway.
- Gauges: each declares a `multiprocess_mode` (metrics.py); the `live*` ones forget a worker once
  `reap` has called `mark_process_dead` for it. Counters and histograms keep a dead worker's counts:
  a total must not drop when uvicorn replaces a crashed worker.
- Dropped in multiprocess mode: process_* (CPU, RSS, open fds), python_info and python_gc_*.
  prometheus_client does not support custom collectors in this mode ("Custom collectors do not work
  (e.g. cpu and memory metrics)"), and serving the answering worker's figures would reintroduce the
  very jump this mode removes (each scrape another process). No chart, alert or dashboard queries
  them; single-process serve keeps them (unless PROMETHEUS_MULTIPROC_DIR is set for it too).
"""

from __future__ import annotations

import contextlib
import functools
import glob
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Collection, Iterator

from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

from script_agent.observability.metrics import REGISTRY

ENV = "PROMETHEUS_MULTIPROC_DIR"
_LEGACY_ENV = "prometheus_multiproc_dir"  # still honoured by prometheus_client (deprecated spelling)
_LIVE_GAUGE_FILE = re.compile(r"gauge_live[a-z]+_(\d+)\.db")
log = logging.getLogger(__name__)


def multiprocess_dir() -> str | None:
    """The directory this process writes its metrics to, or None outside multiprocess mode (the same
    test prometheus_client applies when it is imported)."""
    return os.environ.get(ENV) or os.environ.get(_LEGACY_ENV) or None


@contextlib.contextmanager
def shared_dir() -> Iterator[str]:
    """PROMETHEUS_MULTIPROC_DIR for the workers about to be spawned: the operator's if set (kept),
    else a private temporary directory, set in the environment and removed (with the variable) on exit."""
    given = multiprocess_dir()
    if given is not None:
        if glob.glob(os.path.join(given, "*.db")):
            log.warning("%s=%s holds files of an earlier run: their counts add to this run's", ENV, given)
        yield given
        return
    path = tempfile.mkdtemp(prefix="script-agent-metrics-")  # mode 0700: only this user reads it
    os.environ[ENV] = path
    try:
        yield path
    finally:
        os.environ.pop(ENV, None)
        shutil.rmtree(path, ignore_errors=True)


def exposition_registry() -> CollectorRegistry:
    """What /metrics serves: the project's registry in one process, the merge of every worker's
    files in multiprocess mode."""
    path = multiprocess_dir()
    return REGISTRY if path is None else aggregate_registry(path)


@functools.cache
def aggregate_registry(path: str) -> CollectorRegistry:
    """A registry holding only a MultiProcessCollector over `path` (it reads the files on every
    collect, so one per directory is enough). Nothing else is registered in it: prometheus_client
    warns that metrics registered next to the collector are exported twice."""
    registry = CollectorRegistry(auto_describe=False)
    MultiProcessCollector(registry, path=path)  # type: ignore[no-untyped-call]  # unannotated upstream
    return registry


def reap(path: str, live_pids: Collection[int]) -> list[int]:
    """`mark_process_dead` for every process that left live-gauge files in `path` and is not in
    `live_pids` (a crashed, replaced or retired worker, or one of an earlier run); returns those pids."""
    dead: set[int] = set()
    for name in os.listdir(path):
        match = _LIVE_GAUGE_FILE.fullmatch(name)
        if match and int(match.group(1)) not in live_pids:
            dead.add(int(match.group(1)))
    for pid in sorted(dead):
        mark_process_dead(pid, path)  # type: ignore[no-untyped-call]  # unannotated upstream
    return sorted(dead)
