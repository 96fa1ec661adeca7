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
from collections.abc import AsyncIterator, Awaitable, Callable

import anyio

from script_agent.gateway.sse import SSEEncoder
from script_agent.observability.metrics import HTTP_TTFD
from script_agent.orchestrator.events import DeltaEvent, DoneEvent, WorkflowEvent

log = logging.getLogger(__name__)
_END = object()


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
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize=queue_size)
        self._cleanup_timeout_s = cleanup_timeout_s
        self._on_finish = on_finish
        self._task: asyncio.Task[None] | None = None

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
        cleanup so the lock is free and the last checkpoint is the last finished state."""
        first_delta = True
        item: object = first
        try:
            while item is not _END:
                if isinstance(item, BaseException):
                    yield encoder.failure(item)
                    return
                if first_delta and isinstance(item, DeltaEvent):
                    first_delta = False
                    HTTP_TTFD.observe(time.perf_counter() - started)
                # After the terminal event the producer still releases the lock and settles the
                # idempotency key: drain to the end rather than cancel it.
                data = None if encoder.finished else encoder.encode(item)  # type: ignore[arg-type]
                if data is not None:
                    yield data
                item = await self._queue.get()
            tail = encoder.unfinished()
            if tail is not None:
                yield tail
        finally:
            await self._stop()

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
