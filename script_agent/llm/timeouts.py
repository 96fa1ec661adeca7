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


async def bounded_items(
    items: AsyncGenerator[T, None], timeouts: StreamTimeouts, deadline: Deadline
) -> AsyncGenerator[T, None]:
    """Re-yield `items`, failing when the first content chunk, a later chunk or the whole stream is late.

    Each wait gets its own `asyncio.timeout_at` that is exited before yielding: a timeout must never be
    armed while the consumer holds control, or it would cancel the consumer's unrelated work.
    """
    loop = asyncio.get_running_loop()
    total_at = deadline.clip(timeouts.total_s)
    wait_until = min(loop.time() + timeouts.first_chunk_s, total_at)
    reason = errors.FIRST_CHUNK_TIMEOUT
    async with aclosing(items) as source:
        iterator = aiter(source)
        while True:
            try:
                async with asyncio.timeout_at(wait_until):
                    item = await anext(iterator)
            except StopAsyncIteration:
                return
            except TimeoutError:
                late = errors.TIMEOUT if loop.time() >= total_at else reason
                raise timeout_error(deadline, late) from None
            yield item
            if isinstance(item, LLMDelta):
                reason = errors.IDLE_TIMEOUT
                wait_until = min(loop.time() + timeouts.idle_s, total_at)
