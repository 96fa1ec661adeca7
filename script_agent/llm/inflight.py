"""Identical concurrent calls share one upstream call (sync results and streams alike).

The shared work runs in its own task, and waiters only ever await it through `asyncio.shield`, so a
waiter that is cancelled (a client hung up) leaves the shared call running for everybody else. When
the LAST waiter leaves, nobody wants the answer any more and the shared task is cancelled, which closes
the upstream connection and frees the GPU; that is the only way a waiter's cancellation reaches it.

Log lines: the shared task is created in the first caller's context (asyncio copies it), so the
upstream call logs under that caller's trace id; a joiner logs one DEBUG line under its own id naming
the trace it joined, which is how one follows a shared call from either request.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import aclosing
from typing import Generic, TypeVar, cast

from script_agent.observability.logging import TRACE_ID
from script_agent.observability.metrics import LLM_INFLIGHT_SHARED
from script_agent.ports.llm import LLMRequest

T = TypeVar("T")
log = logging.getLogger(__name__)


def dedup_key(request: LLMRequest, mode: str) -> str:
    """A digest of everything that shapes the output, plus the caller's idempotency key when it has one.

    The payload is always part of the key: caller keys are not guaranteed unique across tenants, and one
    tenant must never receive a generation made for another's prompt. Different keys never share.
    """
    brief = request.brief
    if brief is not None:
        brief = brief.model_dump_json() if hasattr(brief, "model_dump_json") else repr(brief)
    digest = hashlib.blake2b(digest_size=16)
    for message in request.messages:
        digest.update(f"{len(message.role)}:{message.role}{len(message.content)}:{message.content}".encode())
    tail = (
        request.category,
        request.model,
        request.max_tokens,
        request.temperature,
        request.seed,
        brief,
        request.skip_layers,
    )
    digest.update(repr(tail).encode())
    return f"{mode}:{request.idempotency_key or ''}:{digest.hexdigest()}"


class _Shared(Generic[T]):
    __slots__ = ("task", "trace_id", "waiters")

    def __init__(self, task: asyncio.Task[T]) -> None:
        self.task = task
        self.trace_id = TRACE_ID.get()  # the caller whose context the task runs in
        self.waiters = 0


def _joined(mode: str, trace_id: str | None) -> None:
    LLM_INFLIGHT_SHARED.inc()
    log.debug("sharing the identical in-flight %s call of trace %s", mode, trace_id or "-")


def _retrieve(task: asyncio.Task[object]) -> None:
    """Mark the outcome as seen, so an error nobody waited for is not logged as 'never retrieved'."""
    if not task.cancelled():
        task.exception()


class InflightCalls:
    """Coalesces concurrent one-shot calls with the same key."""

    def __init__(self) -> None:
        self._calls: dict[str, _Shared[object]] = {}

    def __len__(self) -> int:
        return len(self._calls)

    async def run(self, key: str, start: Callable[[], Awaitable[T]]) -> T:
        shared = self._calls.get(key)
        if shared is None:
            shared = _Shared(asyncio.ensure_future(start()))
            self._calls[key] = shared
            shared.task.add_done_callback(lambda task: self._forget(key, task))
        else:
            _joined("sync", shared.trace_id)
        shared.waiters += 1
        try:
            return cast(T, await asyncio.shield(shared.task))  # _calls holds every T: typed as object
        finally:
            shared.waiters -= 1
            if shared.waiters == 0 and not shared.task.done():
                shared.task.cancel()

    def _forget(self, key: str, task: asyncio.Task[object]) -> None:
        _retrieve(task)
        shared = self._calls.get(key)
        if shared is not None and shared.task is task:
            del self._calls[key]


class _Broadcast:
    """One producer task appending items; any number of readers replaying them from the start.

    A reader parks on `_changed` only when it has read everything; the producer replaces the Event
    only when someone is parked on it (`parked`): it usually pushes a whole upstream read before a
    reader runs, and a new Event per pushed delta was a visible share of a stream's cost (#15)."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self.error: BaseException | None = None
        self.finished = False
        self.readers = 0
        self.parked = 0  # readers waiting on _changed right now
        self.trace_id = TRACE_ID.get()  # the caller whose context the producer runs in
        self.task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()

    def push(self, item: object) -> None:
        self.items.append(item)
        if self.parked:
            self._wake()

    def finish(self, error: BaseException | None) -> None:
        self.error, self.finished = error, True
        self._wake()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def changed(self) -> None:
        """Wait for the next push or the end."""
        self.parked += 1
        try:
            await self._changed.wait()
        finally:
            self.parked -= 1


class InflightStreams:
    """Coalesces concurrent streams with the same key: late joiners first replay what was already sent.

    The buffer holds one generation (bounded by max_tokens) and lives only while the stream is in flight.
    """

    def __init__(self) -> None:
        self._streams: dict[str, _Broadcast] = {}

    def __len__(self) -> int:
        return len(self._streams)

    async def run(self, key: str, start: Callable[[], AsyncGenerator[T, None]]) -> AsyncGenerator[T, None]:
        broadcast = self._streams.get(key)
        if broadcast is None:
            broadcast = _Broadcast()
            self._streams[key] = broadcast
            broadcast.task = asyncio.ensure_future(self._produce(key, broadcast, start))
        else:
            _joined("stream", broadcast.trace_id)
        broadcast.readers += 1
        try:  # broadcast.read(), inlined: one async generator less for every item
            index, items = 0, broadcast.items
            while True:
                while index < len(items):
                    yield items[index]  # type: ignore[misc]
                    index += 1
                if broadcast.finished:
                    if broadcast.error is not None:
                        raise broadcast.error
                    break
                await broadcast.changed()
        finally:
            broadcast.readers -= 1
            if broadcast.readers == 0 and broadcast.task is not None and not broadcast.task.done():
                broadcast.task.cancel()

    async def _produce(
        self, key: str, broadcast: _Broadcast, start: Callable[[], AsyncGenerator[T, None]]
    ) -> None:
        error: BaseException | None = None
        try:
            async with aclosing(start()) as items:
                async for item in items:
                    broadcast.push(item)
        except asyncio.CancelledError:
            error = asyncio.CancelledError()
            raise
        except Exception as exc:
            error = exc
        finally:
            if self._streams.get(key) is broadcast:
                del self._streams[key]
            broadcast.finish(error)
