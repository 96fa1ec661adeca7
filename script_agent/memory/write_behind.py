"""Write-behind long-term memory: write-backs leave the request path for a bounded, batched queue.

Embedding a finished script for write-back (jieba segmentation, ~1 ms in a worker thread) was the
largest single cost of a generate with memory on, and the client waited for it although nothing in
the reply depends on it. Here `remember` only checks the item and enqueues it; one background task
per event loop takes up to `batch_size` items at a time and stores them with one embedding call and
one store write. Recall passes straight through (a script written back a moment ago may not be
recalled yet: memory only improves prompts, so that is the trade).

Bounded: past `max_queue` a write-back is dropped and counted (script_agent_memory_write_drops_total
{reason="full"}), never buffered without limit; the depth is a gauge. Nothing accepted is lost on a
clean stop: `aclose` (the gateway lifespan, CLI exit) stops accepting, drains the queue within
`drain_timeout_s` and only then closes the store; whatever a timed-out drain leaves is counted as
dropped (reason "shutdown") and logged. `flush` waits for everything accepted so far (tests, the
gateway's shutdown of a container it does not own).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque

from script_agent.memory.service import MemoryService
from script_agent.observability.metrics import (
    MEMORY_WRITE_BATCHES,
    MEMORY_WRITE_DROPS,
    MEMORY_WRITE_QUEUE_DEPTH,
    MEMORY_WRITES,
)
from script_agent.ports.health import ComponentHealth
from script_agent.ports.memory import MemoryItem, MemoryQuery

log = logging.getLogger(__name__)


class WriteBehindMemory:
    """LongTermMemory over a MemoryService, with `remember` queued. `remember` returns True when the
    item was accepted (stored or found duplicate later), False when rejected or dropped."""

    def __init__(
        self,
        service: MemoryService,
        *,
        max_queue: int = 1024,
        batch_size: int = 32,
        linger_s: float = 0.0,
        drain_timeout_s: float = 10.0,
    ) -> None:
        """`linger_s`: how long a batch that is not full waits for more items (0: write at once)."""
        self._service = service
        self._max_queue = max_queue
        self._batch_size = batch_size
        self._linger_s = linger_s
        self._drain_timeout_s = drain_timeout_s
        self._queue: deque[MemoryItem] = deque()
        self._in_batch = 0
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self._flushing = 0  # callers waiting in flush(): a lingering batch goes out at once

    @property
    def service(self) -> MemoryService:
        return self._service

    @property
    def store(self):  # type: ignore[no-untyped-def]  # the service's VectorStore (benchmarks, tests)
        return self._service.store

    @property
    def depth(self) -> int:
        """Accepted and not yet stored, the batch being written included."""
        return len(self._queue) + self._in_batch

    async def warmup(self) -> None:
        await self._service.warmup()

    async def recall(self, query: MemoryQuery) -> list[MemoryItem]:
        return await self._service.recall(query)

    async def remember(self, item: MemoryItem) -> bool:
        if not self._service.acceptable(item):
            MEMORY_WRITES.labels(outcome="rejected").inc()
            return False
        if self._closed:
            MEMORY_WRITE_DROPS.labels("closed").inc()
            return False
        if self.depth >= self._max_queue:
            MEMORY_WRITE_DROPS.labels("full").inc()
            log.warning("memory write-behind queue full (%d): write-back dropped", self._max_queue)
            return False
        self._queue.append(item)
        self._idle.clear()
        MEMORY_WRITE_QUEUE_DEPTH.set(self.depth)
        self._ensure_task()
        self._wake.set()
        return True

    def _ensure_task(self) -> None:
        """One drainer per event loop; its events belong to that loop (a test may run several loops)."""
        loop = asyncio.get_running_loop()
        if self._task is not None and not self._task.done() and self._task.get_loop() is loop:
            return
        self._wake, self._idle = asyncio.Event(), asyncio.Event()
        if not self._queue:
            self._idle.set()
        self._task = loop.create_task(self._drain(), name="memory-write-behind")

    async def _drain(self) -> None:
        while True:
            if not self._queue:
                self._idle.set()
                if self._closed:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            if self._linger_s and len(self._queue) < self._batch_size and not self._hurry():
                await self._linger()
            batch = [self._queue.popleft() for _ in range(min(self._batch_size, len(self._queue)))]
            self._in_batch = len(batch)
            try:
                MEMORY_WRITE_BATCHES.observe(len(batch))
                await self._service.remember_many(batch, checked=True)
            except Exception:  # the service fails open; anything else must not kill the drainer
                log.warning("memory write-behind batch failed", exc_info=True)
            finally:
                self._in_batch = 0
                MEMORY_WRITE_QUEUE_DEPTH.set(self.depth)

    def _hurry(self) -> bool:
        return self._closed or self._flushing > 0

    async def _linger(self) -> None:
        """Wait until the batch fills, shutdown begins or `linger_s` passes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._linger_s
        while len(self._queue) < self._batch_size and not self._hurry():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), remaining)
            except TimeoutError:
                return

    async def flush(self, timeout_s: float | None = None) -> bool:
        """Wait until everything accepted so far is stored; False if `timeout_s` ran out first."""
        if not self._queue and self._in_batch == 0:
            return True
        self._ensure_task()
        self._flushing += 1
        self._wake.set()
        try:
            await asyncio.wait_for(self._idle.wait(), timeout_s)
        except TimeoutError:
            return False
        finally:
            self._flushing -= 1
        return True

    async def aclose(self) -> None:
        """Stop accepting, drain within the timeout, then close the store."""
        self._closed = True
        drained = await self.flush(self._drain_timeout_s)
        if not drained:
            left = self.depth
            MEMORY_WRITE_DROPS.labels("shutdown").inc(left)
            log.error("memory write-behind: %d write-backs not stored before the drain timeout", left)
        task, self._task = self._task, None
        if task is not None and not task.done() and task.get_loop() is asyncio.get_running_loop():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self._queue.clear()
        MEMORY_WRITE_QUEUE_DEPTH.set(0)
        await self._service.aclose()

    async def health(self) -> ComponentHealth:
        health = await self._service.health()
        health.detail.update(write_queue=self.depth, write_queue_max=self._max_queue)
        return health
