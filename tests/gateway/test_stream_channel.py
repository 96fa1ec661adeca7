"""The producer/consumer hand-over of an SSE stream: bounded (back-pressure), in order, cancellable."""

from __future__ import annotations

import asyncio

import pytest

from script_agent.gateway.streaming import _Channel


async def test_a_full_channel_parks_the_producer_until_the_consumer_takes() -> None:
    channel = _Channel(2)
    await channel.put(1)
    await channel.put(2)
    third = asyncio.ensure_future(channel.put(3))
    await asyncio.sleep(0.01)
    assert not third.done()  # bounded: the producer waits
    assert channel.get_nowait() == 1
    await asyncio.wait_for(third, 1)
    assert [await channel.get(), await channel.get()] == [2, 3]
    with pytest.raises(asyncio.QueueEmpty):
        channel.get_nowait()


async def test_a_waiting_consumer_is_woken_and_a_cancelled_one_leaves_no_trace() -> None:
    channel = _Channel(4)
    waiting = asyncio.ensure_future(channel.get())
    await asyncio.sleep(0)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    getter = asyncio.ensure_future(channel.get())
    await asyncio.sleep(0)
    await channel.put("x")
    assert await asyncio.wait_for(getter, 1) == "x"
