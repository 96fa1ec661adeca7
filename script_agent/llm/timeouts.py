"""Tiered timeouts and the overall deadline.

Sync calls: connect / read (per socket read, enforced by httpx) / total (per attempt, enforced here).
Streams: connect / first-chunk / idle-between-chunks / total. httpx only knows per-read timeouts, so the
first-chunk, idle and total limits are enforced around each item the backend yields. Every limit is also
clipped to the caller's overall deadline, which spans all retries and all layers.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from typing import TypeVar

import httpx

from script_agent.llm import errors
from script_agent.ports.llm import ErrorClass, LLMDelta, LLMError

T = TypeVar("T")


@dataclass(frozen=True)
class SyncTimeouts:
    connect_s: float
    read_s: float
    total_s: float

    def for_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect_s, read=self.read_s, write=self.read_s, pool=self.connect_s)


@dataclass(frozen=True)
class StreamTimeouts:
    connect_s: float
    first_chunk_s: float
    idle_s: float
    total_s: float

    def for_httpx(self) -> httpx.Timeout:
        # The socket read limit is only a backstop behind the finer first-chunk / idle limits enforced by
        # bounded_items(); it is set wider so that those fire first and name the right reason.
        read = self.first_chunk_s + self.idle_s
        return httpx.Timeout(connect=self.connect_s, read=read, write=read, pool=self.connect_s)


class Deadline:
    """An absolute point on the event loop's monotonic clock."""

    __slots__ = ("at",)

    def __init__(self, seconds: float) -> None:
        self.at = asyncio.get_running_loop().time() + seconds

    def remaining(self) -> float:
        return self.at - asyncio.get_running_loop().time()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def clip(self, seconds: float) -> float:
        """The absolute time `seconds` from now, but never past the deadline."""
        return min(asyncio.get_running_loop().time() + seconds, self.at)


def timeout_error(deadline: Deadline, reason: str) -> LLMError:
    """Name the deadline when it was the binding limit, so the client stops trying other layers."""
    if deadline.expired:
        return LLMError("overall LLM deadline passed", ErrorClass.RETRYABLE, reason=errors.DEADLINE)
    return LLMError(f"upstream {reason.replace('_', ' ')}", ErrorClass.RETRYABLE, reason=reason)


class _ChunkTimer:
    """One timer for a whole stream's waits, re-armed instead of a new `asyncio.timeout_at` per chunk.

    A timeout per chunk built a Timeout, a TimerHandle and a heap entry and cancelled them again for
    every delta (#15). Here the one handle stays armed while the next deadline is later (each chunk
    pushes the idle deadline out): when it fires early it re-arms itself at the current deadline.
    It only ever cancels the task while that task waits for the next item (`waiting`), never while
    the consumer holds control; firing at other times re-arms at the next wait. The cancellation is
    turned into a timeout the way asyncio.Timeout does it: only when `uncancel()` shows nobody
    else cancelled the task meanwhile."""

    __slots__ = ("_loop", "armed_at", "base", "due", "fired", "handle", "task", "waiting")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.handle: asyncio.TimerHandle | None = None
        self.armed_at = self.due = 0.0
        self.waiting = self.fired = False
        self.task: asyncio.Task[object] | None = None
        self.base = 0  # the task's cancelling() count when the wait began

    def arm(self, due: float) -> None:
        """Before a wait: the wait fails once the loop's clock reaches `due`."""
        self.due, self.waiting, self.fired = due, True, False
        self.task = task = asyncio.current_task()
        self.base = task.cancelling() if task is not None else 0
        if self.handle is None or self.armed_at > due:
            if self.handle is not None:
                self.handle.cancel()
            self.armed_at, self.handle = due, self._loop.call_at(due, self._fire)

    def _fire(self) -> None:
        self.handle = None
        if not self.waiting:
            return  # the consumer holds control: the next arm() schedules again
        if self.due > self.armed_at:  # the deadline moved out since this handle was scheduled
            self.armed_at, self.handle = self.due, self._loop.call_at(self.due, self._fire)
            return
        if self.task is not None:
            self.fired = True
            self.task.cancel()

    def expired(self) -> bool:
        """After the wait: whether its CancelledError (or a swallowed one) was this timer's."""
        self.waiting = False
        if not self.fired or self.task is None:
            return False
        self.fired = False
        return self.task.uncancel() <= self.base

    def close(self) -> None:
        self.waiting = False
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None


async def bounded_items(
    items: AsyncGenerator[T, None], timeouts: StreamTimeouts, deadline: Deadline
) -> AsyncGenerator[T, None]:
    """Re-yield `items`, failing when the first content chunk, a later chunk or the whole stream is late.

    Each wait is bounded by the one re-armed `_ChunkTimer`, which never cancels while the consumer
    holds control (between a yield and the next wait), or it would cancel the consumer's unrelated work.
    """
    loop = asyncio.get_running_loop()
    total_at = deadline.clip(timeouts.total_s)
    wait_until = min(loop.time() + timeouts.first_chunk_s, total_at)
    reason = errors.FIRST_CHUNK_TIMEOUT
    timer = _ChunkTimer(loop)
    try:
        async with aclosing(items) as source:
            iterator = aiter(source)
            while True:
                timer.arm(wait_until)
                try:
                    item = await anext(iterator)
                except StopAsyncIteration:
                    timer.expired()
                    return
                except asyncio.CancelledError:
                    if not timer.expired():
                        raise
                    late = errors.TIMEOUT if loop.time() >= total_at else reason
                    raise timeout_error(deadline, late) from None
                timer.expired()  # a CancelledError swallowed below us: its count is settled
                yield item
                if isinstance(item, LLMDelta):
                    reason = errors.IDLE_TIMEOUT
                    wait_until = min(loop.time() + timeouts.idle_s, total_at)
    finally:
        timer.close()
