"""Bridge from the orchestrator's event stream to an SSE response.

The orchestrator's generator runs in its OWN task and hands events over a bounded queue:
- sse-starlette cancels the response task group on client disconnect, and an anyio cancellation
  is level-triggered: every await in the generator's cleanup (lock release, idempotency abandon)
  would be cancelled again. A separate asyncio task gets exactly one CancelledError — delivered at
  the upstream read, which closes the upstream connection — and then its cleanup runs normally.
- the bounded queue is the back-pressure: a slow client slows the producer, memory stays bounded.
- `first()` waits for the first event before the HTTP response starts, so guard errors raised
  before the run (lock timeout, idempotency conflicts, store down) still become proper statuses.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

import anyio

from script_agent.gateway.sse import SSEEncoder
from script_agent.observability.metrics import HTTP_TTFD
from script_agent.orchestrator.events import DeltaEvent, DoneEvent, WorkflowEvent

log = logging.getLogger(__name__)
_END = object()
_FAILED = object()  # the stream ended on an in-band `error` for an exception


class _Channel:
    """The bounded hand-over between the producer task and the SSE consumer: one of each, so a
    deque and at most one parked future per side. asyncio.Queue did the same with a waiter deque,
    `full()` / `qsize()` calls and a wake-up scan per put and get: a tenth of the stream's gateway
    overhead for ~20 events a run (#15). A full channel parks the producer (the back-pressure)."""

    __slots__ = ("_getter", "_items", "_maxsize", "_putter")

    def __init__(self, maxsize: int) -> None:
        self._items: deque[object] = deque()
        self._maxsize = maxsize
        self._getter: asyncio.Future[None] | None = None
        self._putter: asyncio.Future[None] | None = None

    async def put(self, item: object) -> None:
        while len(self._items) >= self._maxsize:
            self._putter = parked = asyncio.get_running_loop().create_future()
            try:
                await parked
            finally:
                self._putter = None
        self._items.append(item)
        _wake(self._getter)

    async def get(self) -> object:
        while not self._items:
            self._getter = parked = asyncio.get_running_loop().create_future()
            try:
                await parked
            finally:
                self._getter = None
        return self.get_nowait()

    def get_nowait(self) -> object:
        if not self._items:
            raise asyncio.QueueEmpty
        item = self._items.popleft()
        _wake(self._putter)
        return item


def _wake(parked: asyncio.Future[None] | None) -> None:
    if parked is not None and not parked.done():
        parked.set_result(None)


class StreamRun:
    def __init__(
        self,
        events: AsyncIterator[WorkflowEvent],
        *,
        queue_size: int,
        cleanup_timeout_s: float,
        on_finish: Callable[[DoneEvent | None, BaseException | None], Awaitable[None]],
    ) -> None:
        self._events = events
        self._queue = _Channel(queue_size)
        self._cleanup_timeout_s = cleanup_timeout_s
        self._on_finish = on_finish
        self._task: asyncio.Task[None] | None = None
        self._awaiting_delta = True  # time to first delta not observed yet

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._produce(), name="sse-producer")

    async def _produce(self) -> None:
        done: DoneEvent | None = None
        error: BaseException | None = None
        try:
            async for event in self._events:
                if isinstance(event, DoneEvent):
                    done = event
                await self._queue.put(event)
            await self._queue.put(_END)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # handed to the consumer, which raises it in the route or the stream
            error = exc
            await self._queue.put(exc)
        finally:
            # Cancelled while parked on a full queue, the orchestrator generator is suspended at a
            # yield: close it now so its own cleanup (lock, idempotency key) runs here, not at GC.
            with contextlib.suppress(Exception):
                await self._events.aclose()  # type: ignore[attr-defined]
            with contextlib.suppress(Exception):
                await self._on_finish(done, error)

    async def first(self) -> WorkflowEvent:
        """The first event; re-raises an error the run failed with before producing anything."""
        item = await self._queue.get()
        if isinstance(item, BaseException):
            raise item
        if item is _END:
            raise RuntimeError("orchestrator stream ended without an event")
        return item  # type: ignore[return-value]

    async def sse(self, first: WorkflowEvent, started: float, encoder: SSEEncoder) -> AsyncIterator[bytes]:
        """Encode events as they come; on disconnect, cancel the producer and wait (bounded) for its
        cleanup so the lock is free and the last checkpoint is the last finished state.

        Events already queued when the consumer wakes go out as one chunk: the bytes on the wire are
        the same frames in the same order, but each chunk costs a send through the response's
        send path, three send wrappers and a socket write, and the producer usually queues a
        state event and several deltas (one upstream read) before the consumer runs. Nothing waits
        for more: a chunk holds only what was already there."""
        item: object = first
        try:
            while item is not _END:
                chunks: list[bytes] = []
                item = self._encode_ready(item, encoder, started, chunks)
                if chunks:
                    yield chunks[0] if len(chunks) == 1 else b"".join(chunks)
                if item is _FAILED:
                    return
                if item is None:
                    item = await self._queue.get()
            tail = encoder.unfinished()
            if tail is not None:
                yield tail
        finally:
            await self._stop()

    def _encode_ready(self, item: object, encoder: SSEEncoder, started: float, out: list[bytes]) -> object:
        """Encode `item` and every item already queued behind it into `out`. Returns _END or _FAILED
        when the stream ends here, None when the queue ran empty (the caller waits for the next)."""
        while True:
            if item is _END:
                return _END
            if isinstance(item, BaseException):
                out.append(encoder.failure(item))
                return _FAILED
            if self._awaiting_delta and isinstance(item, DeltaEvent):
                self._awaiting_delta = False
                HTTP_TTFD.observe(time.perf_counter() - started)
            # After the terminal event the producer still releases the lock and settles the
            # idempotency key: drain to the end rather than cancel it.
            data = None if encoder.finished else encoder.encode(item)  # type: ignore[arg-type]
            if data is not None:
                out.append(data)
            try:
                item = self._queue.get_nowait()
            except asyncio.QueueEmpty:
                return None

    async def _stop(self) -> None:
        task = self._task
        if task is None or task.done():
            return
        task.cancel()
        with anyio.move_on_after(self._cleanup_timeout_s, shield=True):
            await asyncio.wait({task})
        if not task.done():
            log.warning(
                "stream cleanup exceeded %.1fs; continuing in the background", self._cleanup_timeout_s
            )

    async def abort(self) -> None:
        """For a route that fails before returning the response."""
        await self._stop()
