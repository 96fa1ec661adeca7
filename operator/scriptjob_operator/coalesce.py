"""Coalesced status writes: per job at most one write in flight, progress at most once per
`interval_s`, and progress that arrives meanwhile replaces progress not yet written.

Why: with a fast upstream a job passes a workflow state in milliseconds, less than one API round
trip, so writing every progress status in turn makes the API server (and every watcher of the
job, kopf's own watch first: each write comes back to it as an event it processes) handle states
nobody can see. Progress (`Running` at some checkpoint) is therefore written behind the step loop:
the loop never waits for it. The first progress of a burst goes out at once (the job visibly got
its slot); after a write, the job's next progress waits until `interval_s` has passed since that
write started, and only the newest progress queued by then is written. A state that lasts longer
than the interval (a real LLM call) is still written, within the interval of its start: the same
window as the StateChanged Event batches (events.py), so status and Events show a state alike.
Every other status — Pending, Retrying, finished, rejected — is a decision someone acts on: it
ends the wait, drops progress still queued (it is older), waits for the write in flight, and is
written before the call returns, with its errors raised to the caller. An error of a progress
write (the job was deleted, a newer status exists, the API server failed) is raised by the job's
next write, so the driver reacts to it one state later at most. The checkpoint history in Redis
stays the record: status only summarises it.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

Key = tuple[str, str]
Write = Callable[[str, str, dict[str, Any]], Awaitable[dict[str, Any]]]
MAX_LANES = 10_000  # jobs with a write in flight or an unreported error (bounded like every cache)
PROGRESS_INTERVAL_S = 1.0  # events.KopfEvents.BATCH_WINDOW_S: status and Events show a state alike


@dataclass
class _Lane:
    latest: dict[str, Any] | None = None
    task: asyncio.Task[None] | None = None
    error: Exception | None = None
    written: int = field(default=0)
    wake: asyncio.Event = field(default_factory=asyncio.Event)  # ends the wait between writes


class Coalescer:
    """Runs `write(namespace, name, status)`; progress is written behind, everything else in line."""

    def __init__(self, write: Write, *, interval_s: float = PROGRESS_INTERVAL_S) -> None:
        self._write = write
        self._interval = interval_s
        self._closing = False
        self._lanes: collections.OrderedDict[Key, _Lane] = collections.OrderedDict()
        self.coalesced = 0  # progress statuses replaced before they were written

    def is_idle(self, namespace: str, name: str) -> bool:
        """No write of the job in flight, queued or waiting its turn, and no error to report."""
        return (namespace, name) not in self._lanes

    async def submit(
        self, namespace: str, name: str, status: dict[str, Any], *, behind: bool
    ) -> dict[str, Any] | None:
        """The object as written for an in-line write; None for progress written behind."""
        key = (namespace, name)
        lane = self._lanes.get(key)
        self._raise_pending(key, lane)
        if behind:
            lane = lane or self._open(key)
            if lane.latest is not None:
                self.coalesced += 1
            lane.latest = status
            if lane.task is None:
                lane.task = asyncio.create_task(self._drain(key, lane), name=f"status {namespace}/{name}")
            return None
        if lane is not None and lane.task is not None:
            if lane.latest is not None:  # older than this status: never written
                self.coalesced += 1
                lane.latest = None
            lane.wake.set()
            await asyncio.shield(lane.task)  # a cancelled caller leaves the write to finish
            self._raise_pending(key, self._lanes.get(key))
        return await self._write(namespace, name, status)

    def forget(self, namespace: str, name: str) -> None:
        lane = self._lanes.pop((namespace, name), None)
        if lane is not None:
            lane.latest = None
            lane.wake.set()

    async def aclose(self) -> None:
        """Write what is queued now, without waiting out the interval, and wait for the writes in
        flight (each bounded by the client's own timeouts)."""
        self._closing = True
        tasks = []
        for lane in self._lanes.values():
            lane.wake.set()
            if lane.task is not None:
                tasks.append(lane.task)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _open(self, key: Key) -> _Lane:
        lane = self._lanes[key] = _Lane()
        while len(self._lanes) > MAX_LANES:
            _, dropped = self._lanes.popitem(last=False)
            dropped.latest = None
            dropped.wake.set()
        return lane

    def _raise_pending(self, key: Key, lane: _Lane | None) -> None:
        if lane is not None and lane.error is not None:
            error, lane.error = lane.error, None
            if lane.task is None:
                self._lanes.pop(key, None)
            raise error

    async def _drain(self, key: Key, lane: _Lane) -> None:
        loop = asyncio.get_running_loop()
        try:
            while lane.latest is not None:
                status, lane.latest = lane.latest, None
                started = loop.time()
                try:
                    await self._write(key[0], key[1], status)
                    lane.written += 1
                except Exception as exc:  # reported by the job's next write
                    lane.error, lane.latest = exc, None
                    break
                await self._pause(lane, started + self._interval - loop.time())
        finally:
            lane.task = None
            if lane.error is None and self._lanes.get(key) is lane:
                self._lanes.pop(key, None)

    async def _pause(self, lane: _Lane, delay_s: float) -> None:
        """Until the job's next progress may go out; an in-line write, `forget` or `aclose` ends it."""
        if delay_s <= 0 or self._closing or lane.wake.is_set():
            return
        try:
            async with asyncio.timeout(delay_s):
                await lane.wake.wait()
        except TimeoutError:
            pass
