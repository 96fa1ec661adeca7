"""bounded_items' one re-armed timer: the same limits as a timeout per chunk, never firing at the consumer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import pytest

from script_agent.llm.timeouts import Deadline, StreamTimeouts, bounded_items
from script_agent.ports.llm import LLMDelta, LLMError

LIMITS = StreamTimeouts(connect_s=1, first_chunk_s=0.1, idle_s=0.06, total_s=5)


async def chunks(gaps: list[float]) -> AsyncGenerator[LLMDelta, None]:
    for gap in gaps:
        await asyncio.sleep(gap)
        yield LLMDelta("x")


async def read(gaps: list[float], consumer_s: float = 0.0) -> int:
    n = 0
    async for _ in bounded_items(chunks(gaps), LIMITS, Deadline(5)):
        n += 1
        await asyncio.sleep(consumer_s)  # the consumer holding control is never timed
    return n


async def test_chunks_within_the_idle_limit_pass_even_when_the_stream_outlasts_it() -> None:
    assert await read([0.05] + [0.03] * 8) == 9


async def test_a_slow_consumer_is_never_cancelled() -> None:
    assert await read([0.0] * 3, consumer_s=0.15) == 3


@pytest.mark.parametrize(
    ("gaps", "reason"), [([0.2], "first_chunk_timeout"), ([0.0, 0.03, 0.15], "idle_timeout")]
)
async def test_late_chunks_fail_with_the_reason(gaps: list[float], reason: str) -> None:
    with pytest.raises(LLMError) as failed:
        await read(gaps)
    assert failed.value.reason == reason
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]


async def test_an_outer_cancel_is_not_mistaken_for_a_timeout() -> None:
    task = asyncio.ensure_future(read([1.0]))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
